import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dataCases, fixedCases, type CliCase } from './cli-cases.js';
import { Random } from './random.js';

export interface CliFuzzOptions {
    root: string;
    seed: number;
    /** Seeded data-file mutations, on top of the fixed hostile cases. */
    cases: number;
    /** A case running longer than this hangs. */
    hangMs: number;
    /** The CLI's command line (the bundled CLI by default). */
    command?: string[];
    log: (line: string) => void;
}

export interface CliFailure {
    name: string;
    args: string[];
    problem: string;
    output: string;
}

export interface CliFuzzReport {
    seed: number;
    cases: number;
    failures: CliFailure[];
    durationMs: number;
}

/** A stack frame or the CLI's own last-resort message: never what a user should see for bad input. */
const INTERNAL = /internal error|^\s+at \S.*:\d+:\d+\)?$/imu;

/** Runs the hostile cases against the CLI, each in a fresh folder and with a time limit. */
export async function fuzzCli(options: CliFuzzOptions): Promise<CliFuzzReport> {
    const started = Date.now();
    const folder = mkdtempSync(path.join(tmpdir(), 'segment-fuzz-cli-'));
    const command = options.command ?? [process.execPath, path.join(options.root, 'out/cli/main.cjs')];
    const failures: CliFailure[] = [];
    try {
        const random = new Random(options.seed);
        const cases = [...fixedCases(folder, options.root, random.fork()), ...dataCases(folder, options.root, options.cases, random.fork())];
        for (const fuzzCase of cases) {
            const run = await runCase(command, folder, fuzzCase, options.hangMs);
            const problem = judge(fuzzCase, run);
            if (problem) {
                failures.push({ name: fuzzCase.name, args: fuzzCase.args, problem, output: run.output.slice(0, 2000) });
                options.log(`FAIL ${fuzzCase.name}: ${problem}`);
            }
        }
        return { seed: options.seed, cases: cases.length, failures, durationMs: Date.now() - started };
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

interface CaseRun {
    status: number | null;
    signal: string | null;
    timedOut: boolean;
    output: string;
}

function runCase(command: string[], folder: string, fuzzCase: CliCase, hangMs: number): Promise<CaseRun> {
    return new Promise(resolve => {
        const child = spawn(command[0], [...command.slice(1), ...fuzzCase.args], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
        const chunks: string[] = [];
        child.stdout.on('data', chunk => chunks.push(String(chunk)));
        child.stderr.on('data', chunk => chunks.push(String(chunk)));
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, hangMs);
        if (fuzzCase.fifo) {
            // Opening a FIFO for writing blocks until the CLI opens it for reading.
            const writer = createWriteStream(path.join(folder, fuzzCase.fifo.file));
            writer.on('error', () => undefined);
            writer.end(fuzzCase.fifo.content);
            child.on('exit', () => writer.destroy());
        }
        child.on('close', (status, signal) => {
            clearTimeout(timer);
            resolve({ status, signal, timedOut, output: chunks.join('') });
        });
    });
}

/** What is wrong with the outcome of a case, or undefined when it is a clear answer. */
export function judge(fuzzCase: CliCase, run: CaseRun): string | undefined {
    if (run.timedOut) {
        return 'hangs (no answer within the time limit)';
    }
    if (run.signal || run.status === null || run.status > 2) {
        return `crashed (exit ${run.status}, signal ${run.signal})`;
    }
    if (INTERNAL.test(run.output)) {
        return `internal error: ${run.output.split('\n').find(l => INTERNAL.test(l))?.trim()}`;
    }
    const names = !fuzzCase.mentions || fuzzCase.mentions.test(run.output);
    if (fuzzCase.expect === 'error' && run.status === 0) {
        return 'accepted without an error';
    }
    if (fuzzCase.expect === 'error' && !names) {
        return `the message does not name the problem (expected ${fuzzCase.mentions})`;
    }
    if (fuzzCase.expect === 'warning' && !(names && (run.status !== 0 || /warning/iu.test(run.output)))) {
        return `no warning naming the problem (expected ${fuzzCase.mentions})`;
    }
    if (run.status !== 0 && !run.output.trim()) {
        return `exit ${run.status} without a message`;
    }
    return undefined;
}
