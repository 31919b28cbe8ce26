import * as path from 'node:path';
import type { SegmentServices } from '../segment-module.js';
import { projectRunConfig } from './segment-run-clock.js';
import { dataCheckFields } from '../schema/segment-data-check-fields.js';
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
        projectConfig: uri => projectRunConfig(services, uri),
        dataCheckFields: async uri => {
            const { profile, event } = await services.schema.SchemaProvider.load(uri);
            return dataCheckFields(profile.root, event.root);
        },
    };
}
