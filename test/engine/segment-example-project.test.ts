import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { expect, test } from 'vitest';
import type { SegmentFile } from '../../src/language/generated/ast.js';
import { parseSegmentConfig } from '../../src/language/segment-config.js';
import { evaluateSegment } from '../../src/engine/segment-engine.js';
import { readDataset } from '../../src/engine/data/segment-dataset.js';
import { createNodeServices } from '../helpers/segment-test-services.js';

/**
 * The example project examples/acme/ (tenant fields of a user schema) runs against the sample its
 * segment.config.json names: every segment selects the profiles it was written for. The golden
 * tests cover only examples/*.segment; this keeps the project's sample and segments in step.
 */
const project = path.resolve(__dirname, '../../examples/acme');

const EXPECTED: Record<string, string[]> = {
    gold_loyalists: ['acme-01', 'acme-05'],
    running_fans_by_email: ['acme-01', 'acme-03'],
    lapsed_new_yorkers: ['acme-02', 'acme-04'],
    assisted_store_buyers: ['acme-01'],
    families_at_home_store: ['acme-01', 'acme-06'],
};

test('the acme segments select their profiles of the acme sample', async () => {
    const { config } = parseSegmentConfig(readFileSync(path.join(project, 'segment.config.json'), 'utf8'));
    const { shared } = createNodeServices();
    const documents = await Promise.all(readdirSync(project).filter(f => f.endsWith('.segment'))
        .map(f => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path.join(project, f)))));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    expect(documents.flatMap(d => d.diagnostics ?? [])).toEqual([]);
    const segments = documents.flatMap(d => (d.parseResult.value as SegmentFile).segments);
    const { meta, profiles } = await readDataset(path.join(project, config!.sample!));
    expect(meta.now).toBe('2026-11-01T12:00:00.000Z');
    const now = new Date(config!.now!);
    const matches: Record<string, string[]> = {};
    for (const segment of segments) {
        const result = await evaluateSegment(segment, profiles, { now, workspaceSegments: segments });
        expect(result.warnings, segment.name).toBeUndefined();
        matches[segment.name] = result.ids;
    }
    expect(matches).toEqual(EXPECTED);
});
