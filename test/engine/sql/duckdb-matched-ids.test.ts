/**
 * A DuckDB run whose ids are read as they are written (`runStreaming`, what `segment run` prints from):
 * the results hold no ids, each segment's come from its scan's table in data order, the same as the
 * ids `run` collects, also when the run took several scans; the tables are dropped afterwards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';
import { firstIds, type MatchedIds } from '../../../src/engine/segment-matched-ids.js';
import { parseSegments } from '../engine-helpers.js';

const examples = path.resolve(__dirname, '../../../examples');
let segments: SegmentDefinition[];
let duck: DuckDbDataset;
let now: Date;

beforeAll(async () => {
    const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();
    segments = await parseSegments(files.map(f => readFileSync(path.join(examples, f), 'utf8')).join('\n'));
    duck = await DuckDbDataset.open({ path: path.join(examples, 'sample-profiles.jsonl') });
    now = new Date(duck.meta.now!);
});

afterAll(() => duck?.dispose());

async function streamed(ids: MatchedIds, index: number): Promise<{ ids: string[]; chunks: number }> {
    const all: string[] = [];
    let chunks = 0;
    for await (const chunk of ids.chunks(index)) {
        all.push(...chunk);
        chunks++;
    }
    return { ids: all, chunks };
}

async function temporaryTables(): Promise<number> {
    const connection = (duck as unknown as { connection: { runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> } }).connection;
    return Number((await connection.runAndReadAll('SELECT count(*) FROM duckdb_tables() WHERE temporary')).getRows()[0][0]);
}

test('each segment\'s ids stream from DuckDB in data order, the same as run() collects; the results hold none', async () => {
    const collected = await duck.run(segments, { now, workspaceSegments: segments });
    const before = await temporaryTables();
    await duck.runStreaming(segments, { now, workspaceSegments: segments }, async (results, ids) => {
        expect(results.map(r => r.ids)).toEqual(segments.map(() => []));
        expect(results.map(r => r.matched)).toEqual(collected.map(r => r.matched));
        for (const [i, result] of collected.entries()) {
            expect((await streamed(ids, i)).ids, result.segment).toEqual(result.ids);
            expect(await firstIds(ids, i, 3), result.segment).toEqual(result.ids.slice(0, 3));
        }
        expect(await temporaryTables()).toBeGreaterThan(before);
    });
    expect(await temporaryTables()).toBe(before);
    expect(collected.some(r => r.ids.length > 3)).toBe(true);
});

test('a run split into scans streams each segment\'s ids from its own scan\'s table', async () => {
    const collected = await duck.run(segments, { now, workspaceSegments: segments });
    const internals = duck as unknown as { runPass(group: readonly SegmentDefinition[], ...rest: unknown[]): Promise<unknown> };
    const runPass = internals.runPass.bind(duck);
    internals.runPass = async (group, ...rest) => {
        if (group.length > 6) {
            throw new Error('Out of Memory Error: failed to allocate data of size 16.0 MiB (86.7 MiB/95.3 MiB used)');
        }
        return runPass(group, ...rest);
    };
    try {
        await duck.runStreaming(segments, { now, workspaceSegments: segments }, async (results, ids) => {
            expect(results[0].warnings?.[0]).toMatch(/ran in 4 scans/);
            for (const [i, result] of collected.entries()) {
                expect((await streamed(ids, i)).ids, result.segment).toEqual(result.ids);
            }
        });
        expect((await duck.run(segments, { now, workspaceSegments: segments })).map(r => r.ids)).toEqual(collected.map(r => r.ids));
    } finally {
        internals.runPass = runPass;
    }
});

test('the run\'s tables are dropped when what reads them fails', async () => {
    const before = await temporaryTables();
    await expect(duck.runStreaming(segments.slice(0, 2), { now, workspaceSegments: segments }, async () => {
        throw new Error('the output failed');
    })).rejects.toThrow('the output failed');
    expect(await temporaryTables()).toBe(before);
});
