// The runs of the data-scale suite (bench/sql.ts): one end-to-end run of either engine in process, and one DuckDB run
// in a fresh Node process under /usr/bin/time -v (wall time spawn → exit, peak RSS).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SegmentDefinition } from '../../src/language/generated/ast.js';
import { evaluateSegments, openDataset, type RunResult } from '../../src/engine/segment-engine.js';
import { DuckDbDataset } from '../../src/engine/sql/duckdb-engine.js';
import { writeRunOutput } from '../../src/cli/run/segment-run-output.js';
import { parseSegments } from './parse.js';
import { now } from './stats.js';

export const NOW = new Date('2026-11-01T12:00:00Z');
/** The "one segment": the README's example (two event windows with a string test). */
export const ONE = 'sneaker_abandoners';
/** The identity column of the events file of the two-file layout (bench/lib/duckdb-data.ts). */
export const EVENTS_KEY = 'profileId';
const TIME = '/usr/bin/time';

/** Where a run's profiles are: JSON Lines (js), one Parquet file with event lists, or profiles + events files. */
export interface Input {
    engine: 'js' | 'duckdb';
    data: string;
    events?: string;
}

/** Every segment of the top-level example files (the acme sub-project has its own schema). */
export async function exampleSegments(): Promise<SegmentDefinition[]> {
    const files = (await readdir('examples')).filter(f => f.endsWith('.segment')).sort();
    const text = (await Promise.all(files.map(f => readFile(path.join('examples', f), 'utf8')))).join('\n');
    return [...(await parseSegments(text)).values()];
}

/** One end-to-end run: open the data, evaluate `segments` in one pass, the ids out. */
export async function runOnce(input: Input, segments: SegmentDefinition[], all: SegmentDefinition[]): Promise<RunResult[]> {
    if (input.engine === 'js') {
        const dataset = await openDataset(input.data);
        return evaluateSegments(segments, dataset.profiles, { now: NOW, workspaceSegments: all });
    }
    const dataset = await DuckDbDataset.open({ path: input.data, events: input.events ? { path: input.events, key: EVENTS_KEY } : undefined });
    try {
        return await dataset.run(segments, { now: NOW, workspaceSegments: all });
    } finally {
        dataset.dispose();
    }
}

/**
 * `--child --data F [--events E] --segments one|all`: one DuckDB run as `segment run --format json` makes
 * it (the ids read from DuckDB as they are written, here to /dev/null); prints its time, counts and the peak RSS.
 */
export async function child(argv: string[]): Promise<void> {
    const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
    const all = await exampleSegments();
    const chosen = flag('--segments') === 'all' ? all : all.filter(s => s.name === ONE);
    const start = now();
    const data = flag('--data')!;
    const events = flag('--events');
    const dataset = await DuckDbDataset.open({ path: data, events: events ? { path: events, key: EVENTS_KEY } : undefined });
    const sink = createWriteStream('/dev/null');
    let matched: Record<string, number> = {};
    try {
        await dataset.runStreaming(chosen, { now: NOW, workspaceSegments: all }, async (results, ids) => {
            await writeRunOutput(results.map(r => ({ ...r, sample: data, skipped: 0, engine: 'duckdb' })), ids, 'json', sink);
            matched = Object.fromEntries(results.map(r => [r.segment, r.matched]));
        });
    } finally {
        dataset.dispose();
        sink.end();
    }
    const ms = now() - start;
    process.stdout.write(JSON.stringify({ ms, matched, maxRSS: process.resourceUsage().maxRSS }) + '\n');
}

export interface ChildRun { ms: number; runMs: number; cpuMs: number; rssMB: number; matched: Record<string, number> }

/** Runs `child` in a fresh Node process (the script `self`). */
export function runChild(self: string, input: Input, segments: 'one' | 'all'): Promise<ChildRun> {
    const nodeArgs = [self, '--child', '--data', input.data, ...(input.events ? ['--events', input.events] : []), '--segments', segments];
    const useTime = existsSync(TIME);
    return new Promise((resolve, reject) => {
        const start = now();
        const proc = spawn(useTime ? TIME : process.execPath, useTime ? ['-v', process.execPath, ...nodeArgs] : nodeArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
        proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
        proc.on('error', reject);
        proc.on('close', code => {
            const ms = now() - start;
            if (code !== 0) {
                reject(new Error(`child run (${segments}) exited with ${code}:\n${err.slice(-2000)}`));
                return;
            }
            const reported = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; matched: Record<string, number>; maxRSS: number };
            const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
            const seconds = (name: string): number => Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1] ?? NaN);
            resolve({ ms, runMs: reported.ms, cpuMs: (seconds('User') + seconds('System')) * 1000, rssMB: Number(kb ?? reported.maxRSS) / 1024, matched: reported.matched });
        });
    });
}

/** Both engines must select the same ids for every segment. */
export function checkAgreement(js: RunResult[], duck: RunResult[], what: string): void {
    for (const [i, a] of js.entries()) {
        const b = duck[i];
        const same = a.ids.length === b.ids.length && new Set([...a.ids, ...b.ids]).size === a.ids.length;
        if (a.segment !== b.segment || !same) {
            throw new Error(`${a.segment}: js matched ${a.ids.length}, DuckDB (${what}) ${b.ids.length} (${b.segment}); the engines disagree`);
        }
    }
}
