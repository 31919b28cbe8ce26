import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { URI, UriUtils, type Module } from 'langium';
import { openDataset } from '../../engine/data/segment-dataset.js';
import { resolveSample, type ProjectRunConfig } from '../../engine/data/segment-run-inputs.js';
import { DuckDbDataset } from '../../engine/sql/duckdb-engine.js';
import { jsCanRead } from '../../engine/sql/engine-choice.js';
import type { RunInputs } from '../../shared/segment-protocol.js';
import { resolveSettingPath } from '../../shared/segment-setting-path.js';
import type { SegmentAddedServices, SegmentServices } from '../segment-module.js';
import { createRunEnvironment } from './segment-run-environment.js';
import { SegmentRunClockProvider, type DeclaredDataset } from './segment-run-clock.js';

type Meta = NonNullable<DeclaredDataset['meta']>;

/**
 * The Node server's run clock: it also reads the `$meta` of the sample a run would read (the same
 * choice of file as the run: setting > segment.config.json > bundled sample), cached until the file changes.
 */
export class SegmentNodeRunClockProvider extends SegmentRunClockProvider {
    private readonly environment = createRunEnvironment(this.services);
    private readonly cache = new Map<string, { stamp: string; meta: Meta }>();

    protected override async declaredDataset(uri: URI, settings: RunInputs & { sampleSetting?: string }, config: ProjectRunConfig | undefined): Promise<DeclaredDataset> {
        const samplePath = settings.sampleSetting ? resolveSettingPath(settings.sampleSetting, this.settingBase(uri)) : undefined;
        let name = 'the sample';
        try {
            // Inside the try: a config sample outside the workspace is refused (and not read) here too.
            const sample = resolveSample({ samplePath }, config, this.environment.bundledSamplePath);
            name = path.basename(sample.path);
            return { name, meta: await this.meta(sample.path) };
        } catch (error) {
            return { name, problem: `${name} could not be read: ${(error as Error).message}` };
        }
    }

    /** Where a relative `segment.sample.path` is taken from: as the client does, the document's workspace folder, else the first, else its folder. */
    private settingBase(uri: URI): string {
        const folders = (this.services.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(f => URI.parse(f.uri));
        const folder = folders.find(f => UriUtils.contains(f, uri)) ?? folders[0];
        return folder ? folder.fsPath : UriUtils.dirname(uri).fsPath;
    }

    private async meta(file: string): Promise<Meta> {
        const info = await stat(file);
        const stamp = `${info.mtimeMs}:${info.size}`;
        const cached = this.cache.get(file);
        if (cached?.stamp === stamp) {
            return cached.meta;
        }
        const meta = await readDeclaredMeta(file);
        this.cache.set(file, { stamp, meta });
        return meta;
    }
}

/** A dataset's `$meta` record, read as the run's engine would: JSON in-process, Parquet and folders through DuckDB. */
async function readDeclaredMeta(file: string): Promise<Meta> {
    if (jsCanRead({ path: file })) {
        const dataset = await openDataset(file, { skipInvalid: true });
        // Leaving the iteration at once closes the file.
        for await (const _profile of dataset.profiles) {
            break;
        }
        return dataset.meta;
    }
    const dataset = await DuckDbDataset.open({ path: file });
    try {
        return dataset.meta;
    } finally {
        dataset.dispose();
    }
}

/** The services only the Node server has (file access beyond Langium's file system provider). */
export const SegmentNodeModule: Module<SegmentServices, Partial<SegmentAddedServices>> = {
    evaluation: {
        RunClock: services => new SegmentNodeRunClockProvider(services),
    },
};
