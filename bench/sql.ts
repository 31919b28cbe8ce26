// Data scale (issue 11): the DuckDB engine over Parquet against the js engine over the same profiles in JSON Lines,
// and all example segments in one pass against one segment, in each engine. Data: bench/lib/duckdb-data.ts, in two
// Parquet layouts: one file with each profile's events as a list (`xEvent`), and two files (profiles, and events one
// per row keyed by profileId: the shape AEP dataset exports land in; `segment run --events`).
//   In process (--medium, 1 M profiles): each round runs, interleaved, js / DuckDB one file / DuckDB two files, one
//   segment then all segments, each end to end (open the data, query, ids out), and checks that the engines select
//   the same ids. Ratios are per round.
//   Child processes (--large, 10 M profiles): `--child` runs one DuckDB run in a fresh Node process under
//   /usr/bin/time -v, for the wall time (spawn → exit) and the peak RSS.
import * as path from 'node:path';
import type { RunResult } from '../src/engine/segment-engine.js';
import { benchData, eventsFileOf, repeatedParquet } from './lib/duckdb-data.js';
import { checkAgreement, child, exampleSegments, ONE, runChild, runOnce, type ChildRun, type Input } from './lib/sql-runs.js';
import { judge, log, now, pairedRatio, parseCommonArgs, sample, writeResult, type Row, type SuiteResult } from './lib/stats.js';

const argv = process.argv.slice(2);
const args = parseCommonArgs(argv);
const smoke = args.smoke;
const option = (name: string): string | undefined => {
    const i = argv.findIndex(a => a === name || a.startsWith(`${name}=`));
    return i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1];
};
/** `--medium N` / `--large N` override the sizes (a partial run on a busy machine; say so with the figures). */
const MEDIUM = Number(option('--medium') ?? (smoke ? 2_000 : 1_000_000));
const LARGE = Number(option('--large') ?? (smoke ? 5_000 : 10_000_000));
/** `--data-dir D`: where the generated files are kept (default bench/data; they are large and not committed). */
const DATA_DIR = path.resolve(option('--data-dir') ?? 'bench/data');
/** `--large-layouts one,two`: the Parquet layouts measured at the large size (`none`: no large runs). */
const LARGE_LAYOUTS = (option('--large-layouts') ?? 'one,two').split(',').filter(layout => layout === 'one' || layout === 'two');
/** `--large-one-copies`: the large one-file layout as hard links to the medium file (see repeatedParquet), not generated. */
const LARGE_ONE_COPIES = argv.includes('--large-one-copies');
/** `--engines js,one,two`: the in-process contestants (js over JSON Lines, DuckDB over one or two Parquet files); default all three. */
const ENGINES = (option('--engines') ?? 'js,one,two').split(',') as Array<'js' | Layout>;
const WARMUPS = args.warmups ?? (smoke ? 0 : 1);
const RUNS = args.runs ?? (smoke ? 1 : 3);

type Layout = 'one' | 'two';
const LAYOUT_NAMES: Record<Layout, string> = { one: 'one Parquet file, events as lists', two: 'two Parquet files, profiles + events' };

async function parquetInput(count: number, layout: Layout): Promise<Input> {
    if (layout === 'one') {
        return { engine: 'duckdb', data: await benchData(DATA_DIR, count, 'parquet', log) };
    }
    const profiles = await benchData(DATA_DIR, count, 'parquet-events', log);
    return { engine: 'duckdb', data: profiles, events: eventsFileOf(profiles) };
}

async function main(): Promise<void> {
    if (argv.includes('--child')) {
        return child(argv);
    }
    const all = await exampleSegments();
    const one = all.filter(s => s.name === ONE);
    const inputs: Partial<Record<'js' | Layout, Input>> = {
        js: ENGINES.includes('js') ? { engine: 'js', data: await benchData(DATA_DIR, MEDIUM, 'jsonl', log) } : undefined,
        one: ENGINES.includes('one') ? await parquetInput(MEDIUM, 'one') : undefined,
        two: ENGINES.includes('two') ? await parquetInput(MEDIUM, 'two') : undefined,
    };
    const rows: Row[] = [];
    const medium = `${MEDIUM.toLocaleString('en')} profiles`;

    // ---- in process, 1 M profiles
    const keys = (['js', 'one', 'two'] as const).filter(key => inputs[key]);
    const times: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    /** A contestant that failed (e.g. DuckDB out of memory at its limit): reported in its rows, the others still run. */
    const failed: Record<string, string> = {};
    let matched: Record<string, number> = {};
    for (let round = 0; round < WARMUPS + RUNS; round++) {
        const results: Record<string, RunResult[] | undefined> = {};
        const line: string[] = [];
        for (const which of ['one', 'all'] as const) {
            for (const key of keys) {
                const id = `${key}-${which}`;
                globalThis.gc?.();
                const [start, cpuStart] = [now(), process.cpuUsage()];
                try {
                    results[id] = await runOnce(inputs[key]!, which === 'one' ? one : all, all);
                } catch (error) {
                    failed[id] ??= (error instanceof Error ? error.message : String(error)).split('\n')[0];
                }
                const [ms, used] = [results[id] ? now() - start : NaN, process.cpuUsage(cpuStart)];
                line.push(`${key} ${which} ${ms.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)})`);
                if (round >= WARMUPS) {
                    (times[id] ??= []).push(ms);
                    (cpu[id] ??= []).push(results[id] ? (used.user + used.system) / 1000 : NaN);
                }
            }
        }
        if (round === 0) {
            for (const layout of ['one', 'two'] as const) {
                for (const which of ['one', 'all']) {
                    const [js, duck] = [results[`js-${which}`], results[`${layout}-${which}`]];
                    if (js && duck) {
                        checkAgreement(js, duck, LAYOUT_NAMES[layout]);
                    }
                }
            }
            matched = Object.fromEntries((results['js-all'] ?? []).map(r => [r.segment, r.matched]));
        }
        log(`sql: round ${round}: ${line.join(', ')}`);
    }
    const cpuNote = (key: string): string => (failed[key] ? `FAILED: ${failed[key]}` : `CPU ${sample(cpu[key]).median.toFixed(0)} ms`);
    const measured = (['one', 'two'] as const).filter(layout => inputs[layout]);
    for (const layout of inputs.js ? measured : []) {
        rows.push(judge({
            id: `sql.medium.speedup.${layout}`, name: `DuckDB (${LAYOUT_NAMES[layout]}) vs js over JSON Lines, ${medium}, one segment end to end (ratio: js time / DuckDB time)`,
            unit: 'ms', better: 'lower', figure: sample(times[`${layout}-one`]),
            baseline: { name: 'js engine', figure: sample(times['js-one']) },
            ratio: pairedRatio(times['js-one'], times[`${layout}-one`]), target: { kind: 'ratio-min', value: 100 },
            note: `${ONE}: ${matched[ONE]?.toLocaleString('en')} matches; ${cpuNote(`${layout}-one`)}, js ${cpuNote('js-one')}`,
        }));
    }
    rows.push(...!inputs.js ? [] : [judge({
        id: 'sql.medium.js-all', name: `js engine: all ${all.length} example segments in one pass vs one segment, ${medium} (JSON Lines)`,
        unit: 'ms', better: 'lower', figure: sample(times['js-all']), baseline: { name: 'one segment', figure: sample(times['js-one']) },
        ratio: pairedRatio(times['js-all'], times['js-one']), target: { kind: 'ratio-max', value: 1.5 },
        note: `${cpuNote('js-all')} vs ${cpuNote('js-one')}; CPU ratio ${pairedRatio(cpu['js-all'], cpu['js-one']).median.toFixed(2)}`,
    })]);
    for (const layout of measured) {
        rows.push(judge({
            id: `sql.medium.duckdb-all.${layout}`, name: `DuckDB: all ${all.length} example segments in one pass vs one segment, ${medium} (${LAYOUT_NAMES[layout]})`,
            unit: 'ms', better: 'lower', figure: sample(times[`${layout}-all`]), baseline: { name: 'one segment', figure: sample(times[`${layout}-one`]) },
            ratio: pairedRatio(times[`${layout}-all`], times[`${layout}-one`]),
            note: `${cpuNote(`${layout}-all`)} vs ${cpuNote(`${layout}-one`)}`,
        }));
    }

    // ---- child processes, 10 M profiles
    for (const layout of LARGE_LAYOUTS as Layout[]) {
        rows.push(...await largeRows(layout, all.length));
    }

    const result: SuiteResult = {
        suite: 'sql', rows,
        details: { smoke, medium: MEDIUM, large: LARGE, largeLayouts: LARGE_LAYOUTS, warmups: WARMUPS, runs: RUNS, matched, cpuMs: cpu },
        notes: [
            `Data: bench/lib/duckdb-data.ts writes the JSON Lines and Parquet files into ${DATA_DIR} with DuckDB (cached; regenerated when DATA_VERSION changes).`,
            `One segment: ${ONE}; all: the ${all.length} segments of examples/*.segment. Each run opens the data, queries and turns the rows into ids (the engines' RunResult).`,
        ],
    };
    await writeResult(args, result);
}

/** One and all segments over the large file(s) of one layout, each in a fresh process. */
async function largeRows(layout: Layout, segmentCount: number): Promise<Row[]> {
    const copies = LARGE_ONE_COPIES && layout === 'one' ? Math.round(LARGE / MEDIUM) : 0;
    const input = copies > 0 ? { engine: 'duckdb' as const, data: await repeatedParquet((await parquetInput(MEDIUM, 'one')).data, copies) } : await parquetInput(LARGE, layout);
    const self = path.resolve(process.argv[1]);
    const oneRuns: ChildRun[] = [];
    const allRuns: ChildRun[] = [];
    let failure: string | undefined;
    const attempt = (segments: 'one' | 'all'): Promise<ChildRun> => runChild(self, input, segments).catch((error: unknown) => {
        failure ??= `${segments}: ${(error instanceof Error ? error.message : String(error)).split('\n').find(l => /Error/.test(l)) ?? 'failed'}`;
        return { ms: NaN, runMs: NaN, cpuMs: NaN, rssMB: NaN, matched: {} };
    });
    for (let round = 0; round < WARMUPS + RUNS; round++) {
        const o = await attempt('one');
        const a = await attempt('all');
        if (o.matched[ONE] !== undefined && a.matched[ONE] !== undefined && o.matched[ONE] !== a.matched[ONE]) {
            throw new Error(`${ONE}: ${o.matched[ONE]} matches alone, ${a.matched[ONE]} with all segments`);
        }
        log(`sql: ${LARGE.toLocaleString('en')} (${layout}) round ${round}: one ${o.ms.toFixed(0)} ms (CPU ${o.cpuMs.toFixed(0)}, ${o.rssMB.toFixed(0)} MB), all ${a.ms.toFixed(0)} ms (CPU ${a.cpuMs.toFixed(0)}, ${a.rssMB.toFixed(0)} MB)`);
        if (round >= WARMUPS) {
            oneRuns.push(o);
            allRuns.push(a);
        }
    }
    const big = `${LARGE.toLocaleString('en')} profiles (${LAYOUT_NAMES[layout]}${copies > 0 ? `: ${copies} links to the ${MEDIUM.toLocaleString('en')}-profile file` : ''})`;
    const matches = (runs: ChildRun[]): string => (failure ? `FAILED: ${failure}` : Object.values(runs[0].matched).reduce((s, n) => s + n, 0).toLocaleString('en'));
    const median = (runs: ChildRun[], key: 'runMs' | 'cpuMs'): string => sample(runs.map(r => r[key])).median.toFixed(0);
    return [
        judge({
            id: `sql.large.one.${layout}`, name: `DuckDB: one segment over ${big}, fresh process (spawn → exit)`,
            unit: 'ms', better: 'lower', figure: sample(oneRuns.map(r => r.ms)), target: { kind: 'max', value: 10_000 },
            note: `${matches(oneRuns)} ids out; the run itself ${median(oneRuns, 'runMs')} ms; CPU ${median(oneRuns, 'cpuMs')} ms`,
        }),
        judge({
            id: `sql.large.one.rss.${layout}`, name: `DuckDB: one segment over ${big}: peak RSS`,
            unit: 'MB', better: 'lower', figure: sample(oneRuns.map(r => r.rssMB)), target: { kind: 'max', value: 1024 },
        }),
        judge({
            id: `sql.large.all.${layout}`, name: `DuckDB: all ${segmentCount} example segments in one pass vs one segment, ${big}`,
            unit: 'ms', better: 'lower', figure: sample(allRuns.map(r => r.ms)), baseline: { name: 'one segment', figure: sample(oneRuns.map(r => r.ms)) },
            ratio: pairedRatio(allRuns.map(r => r.ms), oneRuns.map(r => r.ms)), target: { kind: 'ratio-max', value: 2 },
            note: `${matches(allRuns)} ids out; CPU ${median(allRuns, 'cpuMs')} ms`,
        }),
        judge({
            id: `sql.large.all.rss.${layout}`, name: `DuckDB: all ${segmentCount} example segments over ${big}: peak RSS`,
            unit: 'MB', better: 'lower', figure: sample(allRuns.map(r => r.rssMB)), target: { kind: 'max', value: 1024 },
        }),
    ];
}

main().catch(error => {
    process.stderr.write(`sql benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
