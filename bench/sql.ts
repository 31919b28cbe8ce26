// Data scale (issue 11): the DuckDB engine over Parquet against the js engine over the same profiles in JSON Lines,
// and all example segments in one pass against one segment, in each engine. Data: bench/lib/duckdb-data.ts.
//   In-process (1 M profiles): each round runs, interleaved, js one segment, js all segments, DuckDB one segment,
//   DuckDB all segments, each end to end (open the file, query, ids out), and checks that both engines select the
//   same ids. Ratios are per round.
//   Child processes (10 M profiles): `--child` runs one DuckDB run (open, query, ids out) in a fresh Node process
//   under /usr/bin/time -v, for the wall time (spawn → exit) and the peak RSS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SegmentDefinition } from '../src/language/generated/ast.js';
import { evaluateSegments, openDataset, type RunResult } from '../src/engine/segment-engine.js';
import { DuckDbDataset } from '../src/engine/sql/duckdb-engine.js';
import { benchData } from './lib/duckdb-data.js';
import { parseSegments } from './lib/parse.js';
import { judge, log, now, pairedRatio, parseCommonArgs, sample, writeResult, type Row, type SuiteResult } from './lib/stats.js';

const argv = process.argv.slice(2);
const args = parseCommonArgs(argv);
const smoke = args.smoke;
/** `--medium N` / `--large N` override the sizes (a partial run on a busy machine; say so with the figures). */
const size = (name: string): number | undefined => {
    const i = argv.findIndex(a => a === name || a.startsWith(`${name}=`));
    return i < 0 ? undefined : Number(argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1]);
};
const MEDIUM = size('--medium') ?? (smoke ? 2_000 : 1_000_000);
const LARGE = size('--large') ?? (smoke ? 5_000 : 10_000_000);
const WARMUPS = args.warmups ?? (smoke ? 0 : 1);
const RUNS = args.runs ?? (smoke ? 1 : 3);
const NOW = new Date('2026-11-01T12:00:00Z');
/** The "one segment": the README's example (two event windows with a string test). */
const ONE = 'sneaker_abandoners';
const DATA_DIR = path.resolve('bench/data');
const TIME = '/usr/bin/time';

/** Every segment of the top-level example files (the acme sub-project has its own schema). */
async function exampleSegments(): Promise<SegmentDefinition[]> {
    const files = (await readdir('examples')).filter(f => f.endsWith('.segment')).sort();
    const text = (await Promise.all(files.map(f => readFile(path.join('examples', f), 'utf8')))).join('\n');
    return [...(await parseSegments(text)).values()];
}

type Engine = 'js' | 'duckdb';

/** One end-to-end run: open the data, evaluate `segments` in one pass, the ids out. */
async function runOnce(engine: Engine, file: string, segments: SegmentDefinition[], all: SegmentDefinition[]): Promise<RunResult[]> {
    if (engine === 'js') {
        const dataset = await openDataset(file);
        return evaluateSegments(segments, dataset.profiles, { now: NOW, workspaceSegments: all });
    }
    const dataset = await DuckDbDataset.open({ path: file });
    try {
        return await dataset.run(segments, { now: NOW, workspaceSegments: all });
    } finally {
        dataset.dispose();
    }
}

/** `--child --data F --segments one|all`: one DuckDB run; prints its counts and the process's peak RSS. */
async function child(): Promise<void> {
    const flag = (name: string) => argv[argv.indexOf(name) + 1];
    const all = await exampleSegments();
    const chosen = flag('--segments') === 'all' ? all : all.filter(s => s.name === ONE);
    const start = now();
    const results = await runOnce('duckdb', flag('--data'), chosen, all);
    const ms = now() - start;
    const matched = Object.fromEntries(results.map(r => [r.segment, r.ids.length]));
    process.stdout.write(JSON.stringify({ ms, matched, maxRSS: process.resourceUsage().maxRSS }) + '\n');
}

interface ChildRun { ms: number; runMs: number; rssMB: number; matched: Record<string, number> }

function runChild(file: string, segments: 'one' | 'all'): Promise<ChildRun> {
    const nodeArgs = [path.resolve(process.argv[1]), '--child', '--data', file, '--segments', segments];
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
            resolve({ ms, runMs: reported.ms, rssMB: Number(kb ?? reported.maxRSS) / 1024, matched: reported.matched });
        });
    });
}

/** Both engines must select the same ids for every segment. */
function checkAgreement(js: RunResult[], duck: RunResult[]): void {
    for (const [i, a] of js.entries()) {
        const b = duck[i];
        const same = a.ids.length === b.ids.length && new Set([...a.ids, ...b.ids]).size === a.ids.length;
        if (a.segment !== b.segment || !same) {
            throw new Error(`${a.segment}: js matched ${a.ids.length}, DuckDB ${b.ids.length} (${b.segment}); the engines disagree`);
        }
    }
}

async function main(): Promise<void> {
    if (argv.includes('--child')) {
        return child();
    }
    const all = await exampleSegments();
    const one = all.filter(s => s.name === ONE);
    const jsonl = await benchData(DATA_DIR, MEDIUM, 'jsonl', log);
    const parquet = await benchData(DATA_DIR, MEDIUM, 'parquet', log);
    const large = await benchData(DATA_DIR, LARGE, 'parquet', log);
    const rows: Row[] = [];
    const medium = `${MEDIUM.toLocaleString('en')} profiles`;

    // ---- in-process, 1 M profiles
    const times: Record<string, number[]> = { jsOne: [], jsAll: [], duckOne: [], duckAll: [] };
    let matched: Record<string, number> = {};
    for (let round = 0; round < WARMUPS + RUNS; round++) {
        const measured: Record<string, number> = {};
        const results: Record<string, RunResult[]> = {};
        for (const [key, engine, file, segments] of [
            ['jsOne', 'js', jsonl, one], ['duckOne', 'duckdb', parquet, one], ['jsAll', 'js', jsonl, all], ['duckAll', 'duckdb', parquet, all],
        ] as const) {
            globalThis.gc?.();
            const start = now();
            results[key] = await runOnce(engine, file, [...segments], all);
            measured[key] = now() - start;
        }
        if (round === 0) {
            checkAgreement(results.jsOne, results.duckOne);
            checkAgreement(results.jsAll, results.duckAll);
            matched = Object.fromEntries(results.duckAll.map(r => [r.segment, r.matched]));
        }
        log(`sql: round ${round}: js one ${measured.jsOne.toFixed(0)} ms, all ${measured.jsAll.toFixed(0)} ms; DuckDB one ${measured.duckOne.toFixed(0)} ms, all ${measured.duckAll.toFixed(0)} ms`);
        if (round >= WARMUPS) {
            for (const key of Object.keys(times)) times[key].push(measured[key]);
        }
    }
    rows.push(judge({
        id: 'sql.medium.speedup', name: `DuckDB over Parquet vs js over JSON Lines, ${medium}, one segment end to end (ratio: js time / DuckDB time)`,
        unit: 'ms', better: 'lower', figure: sample(times.duckOne),
        baseline: { name: 'js engine', figure: sample(times.jsOne) },
        ratio: pairedRatio(times.jsOne, times.duckOne), target: { kind: 'ratio-min', value: 100 },
        note: `${ONE}: ${matched[ONE]?.toLocaleString('en')} matches`,
    }));
    rows.push(judge({
        id: 'sql.medium.js-all', name: `js engine: all ${all.length} example segments in one pass vs one segment, ${medium} (JSON Lines)`,
        unit: 'ms', better: 'lower', figure: sample(times.jsAll), baseline: { name: 'one segment', figure: sample(times.jsOne) },
        ratio: pairedRatio(times.jsAll, times.jsOne), target: { kind: 'ratio-max', value: 1.5 },
    }));
    rows.push(judge({
        id: 'sql.medium.duckdb-all', name: `DuckDB: all ${all.length} example segments in one pass vs one segment, ${medium} (Parquet)`,
        unit: 'ms', better: 'lower', figure: sample(times.duckAll), baseline: { name: 'one segment', figure: sample(times.duckOne) },
        ratio: pairedRatio(times.duckAll, times.duckOne),
    }));

    // ---- child processes, 10 M profiles
    const oneRuns: ChildRun[] = [];
    const allRuns: ChildRun[] = [];
    for (let round = 0; round < WARMUPS + RUNS; round++) {
        const o = await runChild(large, 'one');
        const a = await runChild(large, 'all');
        if (o.matched[ONE] !== a.matched[ONE]) {
            throw new Error(`${ONE}: ${o.matched[ONE]} matches alone, ${a.matched[ONE]} with all segments`);
        }
        log(`sql: ${LARGE.toLocaleString('en')} round ${round}: one ${o.ms.toFixed(0)} ms (${o.rssMB.toFixed(0)} MB), all ${a.ms.toFixed(0)} ms (${a.rssMB.toFixed(0)} MB)`);
        if (round >= WARMUPS) {
            oneRuns.push(o);
            allRuns.push(a);
        }
    }
    const big = `${LARGE.toLocaleString('en')} profiles (Parquet)`;
    const matches = (runs: ChildRun[]) => Object.values(runs[0].matched).reduce((s, n) => s + n, 0).toLocaleString('en');
    rows.push(judge({
        id: 'sql.large.one', name: `DuckDB: one segment over ${big}, fresh process (spawn → exit)`,
        unit: 'ms', better: 'lower', figure: sample(oneRuns.map(r => r.ms)), target: { kind: 'max', value: 10_000 },
        note: `${matches(oneRuns)} ids out; the run itself ${sample(oneRuns.map(r => r.runMs)).median.toFixed(0)} ms`,
    }));
    rows.push(judge({
        id: 'sql.large.one.rss', name: `DuckDB: one segment over ${big}: peak RSS`,
        unit: 'MB', better: 'lower', figure: sample(oneRuns.map(r => r.rssMB)), target: { kind: 'max', value: 1024 },
    }));
    rows.push(judge({
        id: 'sql.large.all', name: `DuckDB: all ${all.length} example segments in one pass vs one segment, ${big}`,
        unit: 'ms', better: 'lower', figure: sample(allRuns.map(r => r.ms)), baseline: { name: 'one segment', figure: sample(oneRuns.map(r => r.ms)) },
        ratio: pairedRatio(allRuns.map(r => r.ms), oneRuns.map(r => r.ms)), target: { kind: 'ratio-max', value: 2 },
        note: `${matches(allRuns)} ids out`,
    }));
    rows.push(judge({
        id: 'sql.large.all.rss', name: `DuckDB: all ${all.length} example segments over ${big}: peak RSS`,
        unit: 'MB', better: 'lower', figure: sample(allRuns.map(r => r.rssMB)), target: { kind: 'max', value: 1024 },
    }));

    const result: SuiteResult = {
        suite: 'sql', rows,
        details: { smoke, medium: MEDIUM, large: LARGE, warmups: WARMUPS, runs: RUNS, matched },
        notes: [
            `Data: bench/lib/duckdb-data.ts writes ${path.relative(process.cwd(), jsonl)}, ${path.relative(process.cwd(), parquet)} and ${path.relative(process.cwd(), large)} with DuckDB (cached; regenerated when DATA_VERSION changes).`,
            `One segment: ${ONE}; all: the ${all.length} segments of examples/*.segment. Each run opens the file, queries and turns the rows into ids (the engines' RunResult).`,
        ],
    };
    await writeResult(args, result);
}

main().catch(error => {
    process.stderr.write(`sql benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
