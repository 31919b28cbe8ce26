/**
 * All segments in one scan where DuckDB's memory allows, else in as few as it allows (duckdb-passes.ts
 * `inPasses`): a run that runs out of memory retries each half, down to one segment a scan, and says so;
 * any other error, or one segment that does not fit, is the run's error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import { RunInputError } from '../../../src/engine/data/segment-run-inputs.js';
import { DuckDbDataset, MEMORY_LIMIT } from '../../../src/engine/sql/duckdb-engine.js';
import { inPasses, isOutOfMemory } from '../../../src/engine/sql/duckdb-passes.js';
import { parseSegments } from '../engine-helpers.js';

const OUT_OF_MEMORY = 'Out of Memory Error: failed to allocate data of size 16.0 MiB (86.7 MiB/95.3 MiB used)';

/** A pass that runs out of memory above `fit` segments, recording the groups it was given. */
const tooBig = (segment: string, cause: Error) => Object.assign(new Error(cause.message), { segment });

function limited(fit: number, calls: string[][]) {
    return async (group: readonly string[]): Promise<string[]> => {
        calls.push([...group]);
        if (group.length > fit) {
            throw new Error(OUT_OF_MEMORY);
        }
        return group.map(s => `result of ${s}`);
    };
}

test('what fits runs in one scan', async () => {
    const calls: string[][] = [];
    const { results, passes } = await inPasses(['a', 'b', 'c'], limited(3, calls), tooBig);
    expect(results).toEqual(['result of a', 'result of b', 'result of c']);
    expect(passes).toEqual([['a', 'b', 'c']]);
    expect(calls).toHaveLength(1);
});

test('out of memory: each half in turn, recursively, results in the segments\' order', async () => {
    const segments = Array.from({ length: 17 }, (_, i) => `s${i}`);
    const calls: string[][] = [];
    const { results, passes } = await inPasses(segments, limited(5, calls), tooBig);
    expect(results).toEqual(segments.map(s => `result of ${s}`));
    expect(passes.map(p => p.length)).toEqual([5, 4, 4, 4]);
    expect(passes.flat()).toEqual(segments);
    // 17 fails, 9 fails, then 5, 4 run; 8 fails, then 4, 4 run.
    expect(calls.map(c => c.length)).toEqual([17, 9, 5, 4, 8, 4, 4]);
});

test('one segment that does not fit, and any other error, are the run\'s error (not retried)', async () => {
    await expect(inPasses(['a', 'b'], limited(0, []), tooBig)).rejects.toMatchObject({ segment: 'a', message: OUT_OF_MEMORY });
    const calls: string[][] = [];
    const failing = async (group: readonly string[]): Promise<string[]> => {
        calls.push([...group]);
        throw new Error('Binder Error: column "x" not found');
    };
    await expect(inPasses(['a', 'b', 'c'], failing, tooBig)).rejects.toThrow(/Binder Error/);
    expect(calls).toHaveLength(1);
    expect([isOutOfMemory(new Error(OUT_OF_MEMORY)), isOutOfMemory(new Error('Interrupted')), isOutOfMemory('Out of Memory Error')]).toEqual([true, false, false]);
});

describe('a DuckDB run', () => {
    const examples = path.resolve(__dirname, '../../../examples');
    let segments: SegmentDefinition[];
    let duck: DuckDbDataset;

    beforeAll(async () => {
        const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();
        segments = await parseSegments(files.map(f => readFileSync(path.join(examples, f), 'utf8')).join('\n'));
        duck = await DuckDbDataset.open({ path: path.join(examples, 'sample-profiles.jsonl') });
    });

    afterAll(() => duck?.dispose());

    test('that runs out of memory in one scan gives the one scan\'s results in several, and says why', async () => {
        const now = new Date(duck.meta.now!);
        const whole = await duck.run(segments, { now, workspaceSegments: segments });
        // The query of more than 6 segments is made to run out of memory (the sample is far too small to).
        const internals = duck as unknown as { runPass(group: readonly SegmentDefinition[], ...rest: unknown[]): Promise<unknown> };
        const runPass = internals.runPass.bind(duck);
        internals.runPass = async (group, ...rest) => {
            if (group.length > 6) {
                throw new Error(OUT_OF_MEMORY);
            }
            return runPass(group, ...rest);
        };
        const split = await duck.run(segments, { now, workspaceSegments: segments });
        expect(split.map(({ warnings: _, ...r }) => r)).toEqual(whole);
        expect(split[0].warnings).toEqual([`DuckDB's memory limit (${MEMORY_LIMIT}) was too small to evaluate the ${segments.length} segments in one scan `
            + 'of the data: they ran in 4 scans (5 + 4 + 4 + 4 segments).']);
    });

    test('where one segment alone does not fit, the error names it and the limit, for the CLI and the editor to show as the data\'s problem', async () => {
        const internals = duck as unknown as { runPass(group: readonly SegmentDefinition[], ...rest: unknown[]): Promise<unknown> };
        internals.runPass = async () => {
            throw new Error(`${OUT_OF_MEMORY}\n\nPossible solutions: …`);
        };
        const run = duck.run(segments.slice(0, 2), { now: new Date(duck.meta.now!), workspaceSegments: segments });
        await expect(run).rejects.toBeInstanceOf(RunInputError);
        await expect(run).rejects.toThrow(`DuckDB ran out of memory (its limit: ${MEMORY_LIMIT}) evaluating segment '${segments[0].name}' over this data, even alone in a scan: ${OUT_OF_MEMORY}`);
    });
});
