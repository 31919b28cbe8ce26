import { UriUtils, type URI } from 'langium';
import { resolveRunClock, type ProjectRunConfig, type RunClock } from '../../engine/data/segment-run-inputs.js';
import type { RunInputs } from '../../shared/segment-protocol.js';
import { outsideProblem } from '../schema/segment-config-paths.js';
import type { SegmentServices } from '../segment-module.js';

/** A run's clock with the words that say where its now and time zone came from, for hover. */
export interface DescribedRunClock extends RunClock {
    /** `segment.config.json`, `the segment.now setting`, … */
    nowOrigin: string;
    zoneOrigin: string;
}

/** The dataset a run of the document would read, and its declared `$meta`. */
export interface DeclaredDataset {
    /** The file's name, for the hover's words. */
    name: string;
    meta?: { now?: unknown; timeZone?: unknown };
    /** Why the dataset's `$meta` could not be read, when it could not. */
    problem?: string;
}

/**
 * The now and time zone a run of a document would use, for the hover of `occurs` windows. It reads
 * the same inputs as the run — the `segment.now`/`segment.timeZone` settings (which the client also
 * sends with each run), segment.config.json, the sample's declared `$meta` — and settles them with
 * the run's own `resolveRunClock`, so hover and results cannot disagree.
 * The language module has no file access: reading the sample's `$meta` is the Node server's
 * business (segment-run-clock-node.ts overrides {@link declaredDataset}).
 */
export class SegmentRunClockProvider {
    /** The system clock; tests pin it. */
    clock: () => Date = () => new Date();
    private settingsReady = false;

    constructor(protected readonly services: SegmentServices) {
        // Before the client's `initialized`, reading a setting would wait forever: settings are then unset.
        void services.shared.workspace.ConfigurationProvider.ready.then(() => {
            this.settingsReady = true;
        });
    }

    async clockFor(uri: URI): Promise<DescribedRunClock> {
        const settings = await this.settings();
        const config = await projectRunConfig(this.services, uri);
        const needsDataset = !(settings.now || config?.now) || !(settings.timeZone || config?.timeZone);
        const dataset = needsDataset ? await this.declaredDataset(uri, settings, config) : undefined;
        const clock = resolveRunClock(settings, config, dataset?.meta, this.clock);
        const datasetWords = dataset ? `the \`$meta\` of ${dataset.name}` : 'the dataset';
        const nowOrigin = {
            setting: 'the segment.now setting',
            config: 'segment.config.json',
            dataset: datasetWords,
            clock: `the system clock (no segment.now setting, no \`now\` in segment.config.json${dataset?.problem ? `; ${dataset.problem}` : ', no now declared by the sample'})`,
        }[clock.nowSource];
        const zoneOrigin = { setting: 'the segment.timeZone setting', config: 'segment.config.json', dataset: datasetWords, default: 'the default' }[clock.timeZoneSource];
        return { ...clock, nowOrigin, zoneOrigin };
    }

    /** The run settings as the server knows them (the client pushes the `segment` section on every change). */
    protected async settings(): Promise<RunInputs & { sampleSetting?: string }> {
        if (!this.settingsReady) {
            return {};
        }
        const configuration = this.services.shared.workspace.ConfigurationProvider;
        const text = async (name: string): Promise<string | undefined> => {
            const value = await configuration.getConfiguration('segment', name) as unknown;
            return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
        };
        const sample = await configuration.getConfiguration('segment', 'sample') as { path?: unknown } | undefined;
        const sampleSetting = typeof sample?.path === 'string' && sample.path.trim() !== '' ? sample.path.trim() : undefined;
        return { now: await text('now'), timeZone: await text('timeZone'), sampleSetting };
    }

    /** The sample a run would read and its `$meta`; without file access, none. */
    protected async declaredDataset(_uri: URI, _settings: RunInputs & { sampleSetting?: string }, _config: ProjectRunConfig | undefined): Promise<DeclaredDataset | undefined> {
        return undefined;
    }
}

/**
 * The run part of the segment.config.json that governs a document, as loaded by the schema
 * provider (so schema and run agree on which file applies); `sample` and `events` made absolute.
 */
export async function projectRunConfig(services: SegmentServices, uri: URI): Promise<ProjectRunConfig | undefined> {
    const { config, configUri, pathRoots } = await services.schema.SchemaProvider.load(uri);
    if (!config) {
        return undefined;
    }
    // Paths are relative to the config file's folder, like `schema`, and may not leave the workspace either.
    const resolve = (file: string | undefined) => file && configUri ? UriUtils.resolvePath(UriUtils.dirname(configUri), file) : undefined;
    const [sample, events] = [resolve(config.sample), resolve(config.events)];
    const refusal = (key: string, target: URI | undefined) => {
        const problem = target && outsideProblem(key, target, pathRoots);
        return problem ? `${problem}.` : undefined;
    };
    const refused = { sample: refusal('sample', sample), events: refusal('events', events) };
    return {
        sample: sample?.fsPath, now: config.now, timeZone: config.timeZone, events: events?.fsPath, eventsKey: config.eventsKey, memoryLimit: config.memoryLimit,
        ...(refused.sample || refused.events ? { refused } : {}),
    };
}
