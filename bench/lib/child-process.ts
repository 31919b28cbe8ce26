// Runs a Node child process and measures it: wall time here, CPU time and peak RSS from `/usr/bin/time -v`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { now } from './stats.js';

const TIME = '/usr/bin/time';

export interface ChildRun { ms: number; cpuMs: number; rssMB: number; stdout: string; code: number }

/**
 * Runs `node <args>` under /usr/bin/time -v; wall time measured here. Exit codes 0 and 1 (a CLI that found
 * errors) resolve; anything else rejects. Without /usr/bin/time, the RSS is the child's own `"maxRSS"` report.
 */
export function runNode(nodeArgs: string[]): Promise<ChildRun> {
    const useTime = existsSync(TIME);
    const command = useTime ? TIME : process.execPath;
    const commandArgs = useTime ? ['-v', process.execPath, ...nodeArgs] : nodeArgs;
    return new Promise((resolve, reject) => {
        const start = now();
        const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', reject);
        child.on('close', code => {
            const ms = now() - start;
            const stdout = Buffer.concat(out).toString();
            const stderr = Buffer.concat(err).toString();
            const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
            let rssMB = kb ? Number(kb) / 1024 : NaN;
            const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
            const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
            const cpuMs = user && system ? (Number(user) + Number(system)) * 1000 : NaN;
            if (!kb) {
                const reported = /"maxRSS":(\d+)/.exec(stdout)?.[1];
                if (reported) rssMB = Number(reported) / 1024;
            }
            if (code !== 0 && code !== 1) {
                reject(new Error(`node ${nodeArgs.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
                return;
            }
            resolve({ ms, cpuMs, rssMB, stdout, code: code ?? 0 });
        });
    });
}
