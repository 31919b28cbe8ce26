// Large .segment files through the real CLI (`node out/cli/main.cjs check`, a fresh process per run):
// - generated files of two sizes (the CPU-time ratio stays near the size ratio when checking is linear);
// - 20 `or` chains of 960 operands against the same operands in 240 chains of 80 (a walk up the whole chain
//   per name made the long chains 2.6× as costly in CPU time: 9.0 s against 3.4 s; now both 3.0 s);
// - a file far over the 1 MiB limit, which must be refused quickly and in little memory.
// CPU time (user + system, from /usr/bin/time) is the figure: wall time on the shared machine depends on the load.
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { runNode, type ChildRun } from './lib/child-process.js';
import { segmentFile } from './lib/segments.js';
import { judge, log, pairedRatio, parseCommonArgs, sample, writeResult, type Row, type SuiteResult } from './lib/stats.js';

const args = parseCommonArgs(process.argv.slice(2));
const smoke = args.smoke;
const WARMUPS = args.warmups ?? 1;
const RUNS = args.runs ?? (smoke ? 1 : 3);
const MIB = 1024 * 1024;
/** Generated file sizes: the large one stays under the 1 MiB limit (MAX_DOCUMENT_LENGTH). */
const SMALL = (smoke ? 0.08 : 0.195) * MIB;
const LARGE = (smoke ? 0.4 : 0.975) * MIB;
const HUGE = (smoke ? 5 : 50) * MIB;
/** Bump when the generated texts change, so cached files are regenerated. */
const DATA_VERSION = 2;
const CLI = path.resolve('out/cli/main.cjs');
const DATA_DIR = path.resolve('bench/data', `bigfile-v${DATA_VERSION}`);
/** Bytes per line of bench/lib/segments.ts' output, about. */
const BYTES_PER_LINE = 44;

/** Writes `text` as the only .segment file of its own folder (a folder is a project: siblings would be checked too). */
async function projectFile(name: string, text: () => string): Promise<{ file: string; bytes: number }> {
    const folder = path.join(DATA_DIR, name);
    const file = path.join(folder, 'a.segment');
    if (!existsSync(file)) {
        await mkdir(folder, { recursive: true });
        await writeFile(file, text());
    }
    const { size } = await stat(file);
    return { file, bytes: size };
}

const generated = (bytes: number) => () => segmentFile(20261204, 's', Math.round(bytes / BYTES_PER_LINE)).text;

const OPERANDS = 960;
const chain = (id: string, count: number) =>
    `segment ${id} {\n    where: ${Array.from({ length: count }, (_, i) => `homeAddress.countryCode = "C${i}"`).join('\n        or ')}\n}\n`;

async function check(file: string): Promise<ChildRun> {
    return runNode([CLI, 'check', file]);
}

function cpuRow(id: string, name: string, runs: ChildRun[], extra: Partial<Row> = {}): Row {
    return judge({ id, name, unit: 'ms', better: 'lower', figure: sample(runs.map(r => r.cpuMs)), ...extra });
}

async function main(): Promise<void> {
    const small = await projectFile(`generated-${SMALL}`, generated(SMALL));
    const large = await projectFile(`generated-${LARGE}`, generated(LARGE));
    const huge = await projectFile(`generated-${HUGE}`, generated(HUGE));
    const long = await projectFile('chain-long', () => Array.from({ length: 20 }, (_, i) => chain(`long${i}`, OPERANDS)).join(''));
    const short = await projectFile('chain-short', () => Array.from({ length: 240 }, (_, i) => chain(`s${i}`, OPERANDS / 12)).join(''));
    const runs = { small: [] as ChildRun[], large: [] as ChildRun[], huge: [] as ChildRun[], long: [] as ChildRun[], short: [] as ChildRun[] };
    for (let round = 0; round < WARMUPS + RUNS; round++) {
        // Interleaved, so a noisy moment hits every contestant.
        const measured = { small: await check(small.file), large: await check(large.file), huge: await check(huge.file),
            long: await check(long.file), short: await check(short.file) };
        if (round === 0) {
            const refused = /syntax\/too-large/u;
            if (!refused.test(measured.huge.stdout) || refused.test(measured.large.stdout)) {
                throw new Error(`expected the ${(HUGE / MIB).toFixed(0)} MiB file refused as too large and the ${(LARGE / MIB).toFixed(2)} MiB one checked:\n`
                    + `${measured.huge.stdout.slice(0, 500)}\n${measured.large.stdout.slice(0, 500)}`);
            }
        }
        log(`bigfile round ${round}: small ${measured.small.cpuMs.toFixed(0)} ms, large ${measured.large.cpuMs.toFixed(0)} ms `
            + `(${measured.large.rssMB.toFixed(0)} MB), huge ${measured.huge.cpuMs.toFixed(0)} ms, chains ${measured.long.cpuMs.toFixed(0)} / ${measured.short.cpuMs.toFixed(0)} ms (CPU)`);
        if (round >= WARMUPS) {
            for (const key of Object.keys(runs) as (keyof typeof runs)[]) runs[key].push(measured[key]);
        }
    }
    const mib = (bytes: number) => `${(bytes / MIB).toFixed(2)} MiB`;
    const sizeRatio = large.bytes / small.bytes;
    const rows: Row[] = [
        cpuRow('bigfile.check.large', `segment check of a ${mib(large.bytes)} file vs ${mib(small.bytes)} (CPU time; linear: ratio ≈ ${sizeRatio.toFixed(1)})`, runs.large, {
            baseline: { name: `${mib(small.bytes)} file`, figure: sample(runs.small.map(r => r.cpuMs)) },
            ratio: pairedRatio(runs.large.map(r => r.cpuMs), runs.small.map(r => r.cpuMs)),
            // Node's start-up and the services' set-up are in both, so a linear check stays under the size ratio.
            target: { kind: 'ratio-max', value: +(1.2 * sizeRatio).toFixed(1) },
        }),
        judge({ id: 'bigfile.check.large.rss', name: `segment check of a ${mib(large.bytes)} file: peak RSS`, unit: 'MB', better: 'lower',
            figure: sample(runs.large.map(r => r.rssMB)), target: { kind: 'max', value: 1024 } }),
        cpuRow('bigfile.check.chain', `segment check of 20 or chains of ${OPERANDS} operands vs 240 chains of ${OPERANDS / 12} (CPU time)`, runs.long, {
            baseline: { name: '240 short chains', figure: sample(runs.short.map(r => r.cpuMs)) },
            ratio: pairedRatio(runs.long.map(r => r.cpuMs), runs.short.map(r => r.cpuMs)), target: { kind: 'ratio-max', value: 1.3 },
        }),
        cpuRow('bigfile.check.huge', `segment check of a ${mib(huge.bytes)} file, refused as too large (CPU time)`, runs.huge, {
            target: { kind: 'max', value: 2000 }, note: `peak RSS ${sample(runs.huge.map(r => r.rssMB)).median.toFixed(0)} MB`,
        }),
    ];
    const result: SuiteResult = {
        suite: 'bigfile', rows,
        details: { smoke, warmups: WARMUPS, runs: RUNS, bytes: { small: small.bytes, large: large.bytes, huge: huge.bytes, long: long.bytes, short: short.bytes } },
        notes: [`Files generated by bench/lib/segments.ts into ${path.relative(process.cwd(), DATA_DIR)} (cached). Each check is a fresh process; figures are CPU time (user + system).`],
    };
    await writeResult(args, result);
}

main().catch(error => {
    process.stderr.write(`bigfile benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
