#!/usr/bin/env node
// Runs the benchmark suites, prints the results table and writes bench/results.json.
//   node bench/run.mjs [--smoke] [--only lsp,evaluator,e2e,sql,bigfile] [--runs N] [--warmups N] [--medium N] [--large N] [--data-dir D] [--large-layouts one,two|none] [--engines js,one,two] [--large-one-copies] [--json path]
// Each suite runs in its own Node process (bench/out/<suite>.mjs, bundled from bench/<suite>.ts), so one suite's
// heap and JIT state never colour another's. Exit code: 0 when every suite ran (missed targets are reported, not
// failures: CI runs --smoke to keep the benchmarks working, not to judge speed on a shared runner); 1 when a suite failed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBench, ENTRIES } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const argv = process.argv.slice(2);
const flag = name => {
    const i = argv.findIndex(a => a === name || a.startsWith(name + '='));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
const smoke = argv.includes('--smoke');
const only = (flag('--only') ?? ENTRIES.join(',')).split(',').filter(Boolean);
const passThrough = [
    ...['--runs', '--warmups', '--medium', '--large', '--data-dir', '--large-layouts', '--engines'].flatMap(name => (flag(name) ? [`${name}=${flag(name)}`] : [])),
    ...(argv.includes('--large-one-copies') ? ['--large-one-copies'] : []),
];
const jsonPath = flag('--json') ?? (smoke ? path.join('bench', 'out', 'results-smoke.json') : path.join('bench', 'results.json'));

for (const name of only) {
    if (!ENTRIES.includes(name)) {
        process.stderr.write(`bench: unknown suite '${name}' (known: ${ENTRIES.join(', ')})\n`);
        process.exit(2);
    }
}

// The servers and the CLI under test are the bundles that `npm run build` produces.
for (const artefact of ['out/language/main.cjs', 'out/cli/main.cjs']) {
    if (!existsSync(artefact)) {
        process.stderr.write(`bench: ${artefact} is missing; run \`npm run build\` (or \`node esbuild.mjs\`) first.\n`);
        process.exit(1);
    }
}

const started = Date.now();
const loadBefore = os.loadavg();
const present = only.filter(name => existsSync(`bench/${name}.ts`));
await buildBench(present);
await mkdir('bench/out', { recursive: true });

/** Runs one suite in a child process; returns its SuiteResult or a failure record. */
async function runSuite(name) {
    if (!present.includes(name)) return { suite: name, rows: [], notes: [], skipped: `bench/${name}.ts not written yet` };
    const out = path.join('bench/out', `${name}-result.json`);
    await rm(out, { force: true });
    const args = ['--expose-gc', `bench/out/${name}.mjs`, `--out=${out}`, ...(smoke ? ['--smoke'] : []), ...passThrough];
    const t0 = Date.now();
    const code = await new Promise(resolve => {
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    const seconds = (Date.now() - t0) / 1000;
    if (code !== 0 || !existsSync(out)) {
        return { suite: name, rows: [], notes: [], failed: `exit code ${code}`, seconds };
    }
    return { ...JSON.parse(await readFile(out, 'utf8')), seconds };
}

const suites = [];
for (const name of only) {
    process.stderr.write(`[bench] suite ${name}${smoke ? ' (smoke)' : ''}\n`);
    suites.push(await runSuite(name));
}

// ---------------------------------------------------------------- table

const fmtNumber = (value, unit) => {
    if (value === undefined || value === null || Number.isNaN(value)) return '—';
    if (unit === 'profiles/s') {
        if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
        if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
        return value.toFixed(0);
    }
    if (value >= 100) return value.toFixed(0);
    if (value >= 10) return value.toFixed(1);
    return value.toFixed(2);
};
const fmtSample = (s, unit) => (s ? `${fmtNumber(s.median, unit)} [${fmtNumber(s.min, unit)}–${fmtNumber(s.max, unit)}]` : '—');
const fmtTarget = row => {
    const t = row.target;
    if (!t) return '';
    switch (t.kind) {
        case 'ratio-min': return `≥ ${t.value}×`;
        case 'ratio-max': return `≤ ${t.value}×`;
        case 'max': return `< ${fmtNumber(t.value, row.unit)} ${row.unit}`;
        default: return `≥ ${fmtNumber(t.value, row.unit)} ${row.unit}`;
    }
};

const header = ['Benchmark', 'Figure: median [min–max]', 'Baseline: median [min–max]', 'Ratio', 'Target', 'Met'];
const lines = [];
for (const suite of suites) {
    if (suite.failed) lines.push([`${suite.suite}: FAILED (${suite.failed})`, '', '', '', '', '']);
    if (suite.skipped) lines.push([`${suite.suite}: skipped (${suite.skipped})`, '', '', '', '', '']);
    for (const row of suite.rows) {
        lines.push([
            row.name + (row.note ? ` (${row.note})` : ''),
            `${fmtSample(row.figure, row.unit)} ${row.unit}`,
            row.baseline ? `${row.baseline.name}: ${fmtSample(row.baseline.figure, row.unit)}` : '—',
            row.ratio ? `${fmtNumber(row.ratio.median)}× [${fmtNumber(row.ratio.min)}–${fmtNumber(row.ratio.max)}]` : '—',
            fmtTarget(row),
            row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
        ]);
    }
}
const markdown = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map(cells => `| ${cells.map(c => c.replaceAll('|', '\\|')).join(' | ')} |`),
].join('\n');

const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine stretches wall times: the 1-minute load average before and after the run.
    loadAverage: { before: +loadBefore[0].toFixed(2), after: +os.loadavg()[0].toFixed(2) },
};
const summary = {
    date: new Date().toISOString(),
    smoke,
    machine,
    seconds: (Date.now() - started) / 1000,
    suites,
    table: markdown,
};
await writeFile(jsonPath, JSON.stringify(summary, null, 2) + '\n');

process.stdout.write(`\n${markdown}\n\n`);
for (const suite of suites) for (const note of suite.notes ?? []) process.stdout.write(`- ${suite.suite}: ${note}\n`);
const rows = suites.flatMap(s => s.rows);
const judged = rows.filter(r => r.met !== undefined);
process.stdout.write(
    `\n${judged.filter(r => r.met).length}/${judged.length} targets met${smoke ? ' (smoke sizes: figures are not comparable with the targets)' : ''}; ` +
    `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; ${summary.seconds.toFixed(0)} s; results in ${jsonPath}\n`,
);
process.exitCode = suites.some(s => s.failed) ? 1 : 0;
