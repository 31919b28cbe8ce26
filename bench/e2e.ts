// End to end: the real CLI (`node out/cli/main.cjs run …`) on a generated JSON Lines file, against a process that
// only reads the same file line by line and JSON.parses every line (the floor for any streaming evaluator).
// Wall time is measured around each child process (spawn → exit, so both include Node start-up); peak RSS comes
// from `/usr/bin/time -v` ("Maximum resident set size"), or the child's own report when /usr/bin/time is absent.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { attributes, eventWindow, SOURCE, type Predicate } from './lib/bench-segments.js';
import { NOW, profiles } from './lib/profiles.js';
import { runNode, type ChildRun } from './lib/child-process.js';
import { judge, log, pairedRatio, parseCommonArgs, sample, writeResult, type Row, type SuiteResult } from './lib/stats.js';

const argv = process.argv.slice(2);
const args = parseCommonArgs(argv);
const smoke = args.smoke;
const PROFILES = smoke ? 10_000 : 1_000_000;
// Each run is a fresh process over a file in the page cache (read once before the first round), so full mode needs
// no warm-up round: a 1 M-profile round costs minutes.
const WARMUPS = args.warmups ?? (smoke ? 1 : 0);
const RUNS = args.runs ?? (smoke ? 2 : 3);
const SEGMENTS = smoke ? ['eventWindow', 'attributes'] : ['eventWindow'];
const SEED = 20261102;
/** Bump when the generator's output changes, so a cached data file is regenerated. */
const DATA_VERSION = 1;
const CLI = path.resolve('out/cli/main.cjs');
const DATA_DIR = path.resolve('bench/data');

// ---------------------------------------------------------------- child mode: the parse-only baseline

/** Reads `file` and JSON.parses every line; prints {profiles, maxRSS}. `manual`: chunk splitter; `readline`: node:readline. */
async function parseOnly(file: string, splitter: string): Promise<void> {
    let count = 0;
    let withId = 0;
    const consume = (line: string) => {
        if (line.length === 0) return;
        const record = JSON.parse(line) as { _id?: unknown };
        count++;
        if (record._id !== undefined) withId++;
    };
    if (splitter === 'readline') {
        const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
        for await (const line of lines) consume(line);
    } else {
        // Split bytes, decode one line at a time: no string concatenation of chunks, only the partial last line is copied.
        let rest: Buffer | undefined;
        for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
            const buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
            let start = 0;
            let end: number;
            while ((end = buffer.indexOf(10, start)) !== -1) {
                consume(buffer.toString('utf8', start, end));
                start = end + 1;
            }
            rest = start < buffer.length ? buffer.subarray(start) : undefined;
        }
        if (rest) consume(rest.toString('utf8'));
    }
    process.stdout.write(JSON.stringify({ profiles: count, withId, maxRSS: process.resourceUsage().maxRSS }) + '\n');
}

// ---------------------------------------------------------------- data

interface DataSet { file: string; bytes: number; profiles: number; expected: Record<string, number> }

/** Generates (or reuses) the JSON Lines file; the expected match counts come from the hand-written predicates. */
async function dataSet(): Promise<DataSet> {
    await mkdir(DATA_DIR, { recursive: true });
    const file = path.join(DATA_DIR, `profiles-${PROFILES}-v${DATA_VERSION}.jsonl`);
    const sidecar = `${file}.json`;
    if (existsSync(file) && existsSync(sidecar)) {
        const meta = JSON.parse(await readFile(sidecar, 'utf8')) as DataSet;
        if ((await stat(file)).size === meta.bytes) return meta;
    }
    log(`e2e: generating ${PROFILES.toLocaleString('en')} profiles into ${path.relative(process.cwd(), file)}`);
    const predicates: Record<string, Predicate> = { attributes, eventWindow };
    const expected: Record<string, number> = Object.fromEntries(Object.keys(predicates).map(k => [k, 0]));
    const partial = `${file}.partial`;
    const out = createWriteStream(partial);
    let bytes = 0;
    let batch: string[] = [];
    const flush = async () => {
        const text = batch.join('');
        batch = [];
        bytes += Buffer.byteLength(text);
        if (!out.write(text)) await new Promise<void>(resolve => out.once('drain', () => resolve()));
    };
    for (const profile of profiles(SEED, PROFILES)) {
        for (const [k, p] of Object.entries(predicates)) if (p(profile)) expected[k]++;
        batch.push(JSON.stringify(profile) + '\n');
        if (batch.length === 1000) await flush();
    }
    await flush();
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(partial, file);
    const meta: DataSet = { file, bytes, profiles: PROFILES, expected };
    await writeFile(sidecar, JSON.stringify(meta, null, 2));
    return meta;
}

// ---------------------------------------------------------------- measurement

async function cliHasRun(): Promise<boolean> {
    const help = await runNode([CLI, '--help']).catch(() => undefined);
    return !!help && /segment run\b/.test(help.stdout);
}

async function main(): Promise<void> {
    if (argv.some(a => a.startsWith('--baseline='))) {
        const file = argv.find(a => a.startsWith('--baseline='))!.slice('--baseline='.length);
        const splitter = argv.find(a => a.startsWith('--splitter='))?.slice('--splitter='.length) ?? 'manual';
        return parseOnly(file, splitter);
    }
    if (argv.includes('--generate-only')) {
        log(`e2e: data in ${(await dataSet()).file}`);
        return;
    }
    if (!(await cliHasRun())) {
        await writeResult(args, { suite: 'e2e', rows: [], notes: [], skipped: '`segment run` is not in out/cli/main.cjs yet' });
        return;
    }
    const data = await dataSet();
    const segmentFile = path.join(DATA_DIR, 'bench.segment');
    await writeFile(segmentFile, SOURCE);
    const self = path.resolve(process.argv[1]);
    const rows: Row[] = [];
    const details: Record<string, unknown> = { smoke, profiles: data.profiles, fileMB: +(data.bytes / 2 ** 20).toFixed(1), warmups: WARMUPS, runs: RUNS };

    // Bring the file into the page cache, so the first round does not pay for the disk.
    for await (const chunk of createReadStream(data.file, { highWaterMark: 1 << 22 })) void chunk;
    for (const segment of SEGMENTS) {
        const cli: ChildRun[] = [];
        const manual: ChildRun[] = [];
        const readline: ChildRun[] = [];
        for (let round = 0; round < WARMUPS + RUNS; round++) {
            // Interleaved, so a noisy moment hits both sides.
            const c = await runNode([CLI, 'run', segmentFile, '--segment', segment, '--data', data.file, '--now', NOW.toISOString(), '--format', 'json']);
            const m = await runNode([self, `--baseline=${data.file}`, '--splitter=manual']);
            const r = await runNode([self, `--baseline=${data.file}`, '--splitter=readline']);
            if (round === 0) {
                // The CLI must select exactly the profiles the hand-written predicate selected while generating.
                const result = JSON.parse(c.stdout) as { total?: number; matched?: number };
                const parsed = JSON.parse(m.stdout) as { profiles: number };
                if (result.total !== data.profiles || result.matched !== data.expected[segment] || parsed.profiles !== data.profiles) {
                    throw new Error(`${segment}: CLI says total ${result.total}, matched ${result.matched}; expected ${data.profiles}, ${data.expected[segment]} (parse-only read ${parsed.profiles})`);
                }
            }
            if (round >= WARMUPS) {
                cli.push(c);
                manual.push(m);
                readline.push(r);
            }
            log(`e2e: ${segment} round ${round}: cli ${c.ms.toFixed(0)} ms (cpu ${c.cpuMs.toFixed(0)}) ${c.rssMB.toFixed(0)} MB, parse-only ${m.ms.toFixed(0)} ms (cpu ${m.cpuMs.toFixed(0)}; readline ${r.ms.toFixed(0)} ms)`);
        }
        // The baseline is the faster splitter of each round.
        const baseline = manual.map((m, i) => Math.min(m.ms, readline[i].ms));
        const label = segment === 'eventWindow' ? '(b) event window + count' : '(a) attribute-only';
        rows.push(judge({
            id: `e2e.${segment}.time`, name: `segment run ${label}, ${data.profiles.toLocaleString('en')} profiles (${details.fileMB} MB JSONL)`,
            unit: 'ms', better: 'lower', figure: sample(cli.map(c => c.ms)),
            baseline: { name: 'read + JSON.parse per line', figure: sample(baseline) },
            ratio: pairedRatio(cli.map(c => c.ms), baseline), target: { kind: 'ratio-max', value: 1.3 },
            note: `${data.expected[segment].toLocaleString('en')} matches; CPU time ratio ${pairedRatio(cli.map(c => c.cpuMs), manual.map(m => m.cpuMs)).median.toFixed(2)}×`,
        }));
        rows.push(judge({
            id: `e2e.${segment}.rss`, name: `segment run ${label}: peak RSS`,
            unit: 'MB', better: 'lower', figure: sample(cli.map(c => c.rssMB)),
            baseline: { name: 'read + JSON.parse per line', figure: sample(manual.map(m => m.rssMB)) },
            ratio: pairedRatio(cli.map(c => c.rssMB), manual.map(m => m.rssMB)), target: { kind: 'max', value: 300 },
        }));
        details[`${segment}ReadlineMs`] = sample(readline.map(r => r.ms));
        details[`${segment}ManualSplitMs`] = sample(manual.map(m => m.ms));
        details[`${segment}CliCpuMs`] = sample(cli.map(c => c.cpuMs));
        details[`${segment}ParseOnlyCpuMs`] = sample(manual.map(m => m.cpuMs));
    }
    const result: SuiteResult = {
        suite: 'e2e', rows, details,
        notes: [
            `Data: ${data.profiles.toLocaleString('en')} generated profiles in ${path.relative(process.cwd(), data.file)} (${details.fileMB} MB; cached between runs, regenerated when DATA_VERSION changes).`,
            'Baseline per round: the faster of a manual 1 MiB-chunk line splitter and node:readline, each JSON.parse-ing every line in a fresh Node process. Wall times are spawn → exit for both sides.',
        ],
    };
    await writeResult(args, result);
}

main().catch(error => {
    process.stderr.write(`e2e benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
