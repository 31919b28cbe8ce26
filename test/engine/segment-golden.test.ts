/**
 * Golden tests: every example segment × examples/sample-profiles.jsonl → the expected ids in
 * test/engine/golden/<segment>.json. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run test/engine/segment-golden.test.ts`, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SegmentDefinition, SegmentFile } from '../../src/language/generated/ast.js';
import { evaluateSegment } from '../../src/engine/segment-engine.js';
import { resolveNow } from '../../src/engine/data/segment-run-inputs.js';
import { readDataset } from '../../src/engine/data/segment-dataset.js';
import type { Profile } from '../../src/engine/runtime/segment-values.js';
import { services } from './engine-helpers.js';

const root = path.resolve(__dirname, '../..');
const examples = path.join(root, 'examples');
const goldenDir = path.join(__dirname, 'golden');
const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();

let segments: SegmentDefinition[] = [];
let profiles: Profile[] = [];
let now: Date;

beforeAll(async () => {
    const documents = services.shared.workspace.LangiumDocuments;
    const loaded = files.map(f => documents.createDocument(URI.file(path.join(examples, f)), readFileSync(path.join(examples, f), 'utf8')));
    await services.shared.workspace.DocumentBuilder.build(loaded, {});
    for (const doc of loaded) {
        expect(doc.parseResult.lexerErrors, doc.uri.path).toEqual([]);
        expect(doc.parseResult.parserErrors.map(e => e.message), doc.uri.path).toEqual([]);
        segments.push(...(doc.parseResult.value as SegmentFile).segments);
    }
    const dataset = await readDataset(path.join(examples, 'sample-profiles.jsonl'));
    profiles = dataset.profiles;
    now = resolveNow({}, undefined, dataset.meta.now, () => new Date()).now;
});

describe('example segments against the sample dataset', () => {
    test('the dataset declares its reference now and holds at least 500 profiles', () => {
        expect(now.toISOString()).toBe('2026-11-01T12:00:00.000Z');
        expect(profiles.length).toBeGreaterThanOrEqual(500);
    });

    test('there are 6–20 example segments, with the seed example among them', () => {
        expect(segments.length).toBeGreaterThanOrEqual(6);
        expect(segments.map(s => s.name)).toContain('sneaker_abandoners');
        expect(readFileSync(path.join(examples, 'sneakers.segment'), 'utf8')).toContain('X.search.keywords.contains("sneakers")');
    });

    test.each(files.flatMap(f => segmentNames(f).map(name => [f, name])))('%s: %s matches its golden ids', async (_file, name) => {
        const segment = segments.find(s => s.name === name)!;
        const result = await evaluateSegment(segment, profiles, { now, workspaceSegments: segments });
        expect(result.warnings).toBeUndefined();
        // Every example must select some profiles, but not all of them.
        expect(result.matched).toBeGreaterThan(0);
        expect(result.matched).toBeLessThan(result.total);
        const goldenFile = path.join(goldenDir, `${name}.json`);
        const actual = { segment: name, now: result.now, total: result.total, matched: result.matched, ids: result.ids };
        if (process.env.UPDATE_GOLDEN) {
            writeFileSync(goldenFile, JSON.stringify(actual, null, 2) + '\n');
        }
        expect(existsSync(goldenFile), `missing golden file ${goldenFile}`).toBe(true);
        expect(actual).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
        // The root clause's count is the number of matches.
        expect(result.clauses[0]).toMatchObject({ path: '$', matched: result.matched });
    });
});

function segmentNames(file: string): string[] {
    return [...readFileSync(path.join(examples, file), 'utf8').matchAll(/^segment\s+(\w+)/gm)].map(m => m[1]);
}
