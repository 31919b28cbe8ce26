import * as path from 'node:path';
import { UriUtils } from 'langium';
import type { SegmentServices } from '../segment-module.js';
import type { RunEnvironment } from './segment-run-handler.js';

/**
 * Where the language server finds a run's defaults: the segment.config.json that governs the
 * document (as loaded by the schema provider, so both agree on which file applies) and the
 * sample dataset bundled with the extension.
 */
export function createRunEnvironment(services: SegmentServices): RunEnvironment {
    return {
        // The server bundle is out/language/main.cjs; the .vsix ships examples/ at its root.
        bundledSamplePath: path.join(__dirname, '..', '..', 'examples', 'sample-profiles.jsonl'),
        projectConfig: async uri => {
            const { config, configUri } = await services.schema.SchemaProvider.load(uri);
            if (!config) {
                return undefined;
            }
            // `sample` is relative to the config file's folder, like `schema`.
            const resolve = (file: string | undefined): string | undefined => file && configUri ? UriUtils.resolvePath(UriUtils.dirname(configUri), file).fsPath : undefined;
            return { sample: resolve(config.sample), now: config.now, timeZone: config.timeZone, events: resolve(config.events), eventsKey: config.eventsKey };
        },
    };
}
