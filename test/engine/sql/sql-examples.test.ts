/**
 * Differential test of the example segments: every segment of examples/*.segment run through DuckDB
 * over examples/sample-profiles.jsonl gives the same ids, totals and clause counts as the js engine
 * (whose results the golden files pin), in one query for all segments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SegmentDefinition, SegmentFile } from '../../../src/language/generated/ast.js';
import { evaluateSegment } from '../../../src/engine/segment-engine.js';
import { readDataset } from '../../../src/engine/data/segment-dataset.js';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';
import { services } from '../engine-helpers.js';

const examples = path.resolve(__dirname, '../../../examples');
const sample = path.join(examples, 'sample-profiles.jsonl');
let segments: SegmentDefinition[] = [];
let duck: DuckDbDataset;

beforeAll(async () => {
    const documents = services.shared.workspace.LangiumDocuments;
    const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();
    const loaded = files.map(f => documents.createDocument(URI.file(path.join(examples, f)), readFileSync(path.join(examples, f), 'utf8')));
    await services.shared.workspace.DocumentBuilder.build(loaded, {});
    segments = loaded.flatMap(d => (d.parseResult.value as SegmentFile).segments);
    duck = await DuckDbDataset.open({ path: sample });
});

afterAll(() => duck?.dispose());

test('every example segment gives the same result through DuckDB as in-process, all in one query', async () => {
    const now = new Date(duck.meta.now!);
    const profiles = (await readDataset(sample)).profiles;
    const results = await duck.run(segments, { now, workspaceSegments: segments });
    expect(results.map(r => r.segment)).toEqual(segments.map(s => s.name));
    for (const [i, segment] of segments.entries()) {
        const js = await evaluateSegment(segment, profiles, { now, workspaceSegments: segments });
        expect({ ...results[i] }, segment.name).toEqual({ segment: js.segment, now: js.now, total: js.total, matched: js.matched, ids: js.ids, clauses: js.clauses });
    }
});
