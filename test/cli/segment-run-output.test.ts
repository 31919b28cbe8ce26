/**
 * `segment run`'s output writes the ids as it reads them from the run (`MatchedIds`), never all at
 * once: the JSON is exactly `JSON.stringify(results, undefined, 2)`'s text, whatever the chunks, and
 * the text report reads only the ids it shows.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import type { MatchedIds } from '../../src/engine/segment-matched-ids.js';
import type { CliRunResult } from '../../src/cli/run/segment-run-engines.js';
import { writeRunOutput } from '../../src/cli/run/segment-run-output.js';
import { CLI, temporaryFolder } from './segment-cli-helpers.js';

function result(segment: string, ids: string[]): CliRunResult {
    return {
        segment, now: '2026-11-01T12:00:00.000Z', total: 50, matched: ids.length, ids,
        clauses: [{ path: '0', kind: 'comparison', text: 'person.age > 3', matched: ids.length } as CliRunResult['clauses'][number]],
        warnings: ['a "quoted" warning'], sample: 'profiles.parquet', skipped: 0, engine: 'duckdb',
    };
}

/** Ids in chunks of `size`, counting what was asked. */
function chunked(all: string[][], size: number, asked: number[]): MatchedIds {
    return {
        async *chunks(index: number, limit?: number) {
            const ids = all[index].slice(0, limit);
            for (let from = 0; from < ids.length; from += size) {
                asked[index] = (asked[index] ?? 0) + Math.min(size, ids.length - from);
                yield ids.slice(from, from + size);
            }
        },
    };
}

async function output(results: CliRunResult[], ids: MatchedIds, format: 'text' | 'json'): Promise<string> {
    const out = new PassThrough();
    const parts: string[] = [];
    out.on('data', (b: Buffer) => parts.push(b.toString()));
    await writeRunOutput(results, ids, format, out);
    return parts.join('');
}

const many = Array.from({ length: 5000 }, (_, i) => `p${i}`);
const odd = ['a"b', 'back\\slash', 'ünïcödé', '\u0000ids 0', 'line\nbreak'];

test('the JSON of one result and of several is JSON.stringify\'s text, the ids read in chunks', async () => {
    for (const lists of [[odd], [many, [], odd], [[]]]) {
        const full = lists.map((ids, i) => result(`s${i}`, ids));
        const emptied = full.map(r => ({ ...r, ids: [] }));
        const text = await output(emptied, chunked(lists, 7, []), 'json');
        expect(text).toBe(`${JSON.stringify(full.length === 1 ? full[0] : full, undefined, 2)}\n`);
    }
});

test('the text report reads only the ids it shows, and counts the rest', async () => {
    const asked: number[] = [];
    const text = await output([result('big', [])].map(r => ({ ...r, matched: many.length })), chunked([many], 7, asked), 'text');
    expect(text).toContain(`  ids: ${many.slice(0, 20).join(', ')}, … (4980 more)\n`);
    expect(asked[0]).toBeLessThanOrEqual(21);
});

test('a reader that stops reading (`| head`) ends the run quietly, not with an internal error about the pipe', async () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'all.segment'), 'segment all {\n    where: person.birthYear > 1\n}\n');
    // ~400 KB of ids: far more than a pipe holds, so the writes meet the closed pipe.
    writeFileSync(path.join(folder, 'profiles.jsonl'), Array.from({ length: 20000 }, (_, i) => JSON.stringify({ _id: `profile-${i}`, person: { birthYear: 1990 } })).join('\n') + '\n');
    for (const engine of ['js', 'duckdb']) {
        const child = spawn(process.execPath, [CLI, 'run', 'all.segment', '--data', 'profiles.jsonl', '--format', 'json', '--engine', engine], { cwd: folder });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>(resolve => child.on('close', resolve));
        expect({ engine, code, stderr }).toEqual({ engine, code: 0, stderr: '' });
    }
});
