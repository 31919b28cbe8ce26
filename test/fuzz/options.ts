import { freshSeed } from './random.js';

/** The command line of `npm run fuzz`. */
export interface FuzzArguments {
    mode: 'lsp' | 'cli';
    seed: number;
    docs: number;
    replay?: number;
    lateMs: number;
    /** The time limit of a request (LSP_HANG_MS by default) or of a CLI case (CLI_HANG_MS). */
    hangMs?: number;
    rssEvery: number;
    /** Documents each server handles before its memory baseline (default: a tenth of --docs, at least 100). */
    warmUp?: number;
    /** Distinct failures to shrink (0: none) and the time each may take. */
    shrink: number;
    shrinkSeconds: number;
}

/**
 * After this long the harness stops waiting for an answer and restarts the server. An answer after
 * --late-ms is already a failure: waiting longer only tells a slow answer from none, and a document
 * that hangs the server cost the run this much each time.
 */
export const LSP_HANG_MS = 10_000;

/** A CLI case (a process of its own, some reading large hostile files) may take this long. */
export const CLI_HANG_MS = 30_000;

export const USAGE = `npm run fuzz -- [--seed N] [--docs N] [--replay INDEX] [--late-ms 2000] [--hang-ms 10000 (--cli: 30000)]
                    [--rss-every 500] [--warm-up docs/10, ≥ 100] [--shrink 3] [--shrink-seconds 240] [--cli]
  Fuzzes the bundled language server (out/language/main.cjs, 1 GB heap) over stdio with mutated
  examples and test resources; --cli feeds hostile data files and payloads to the CLI instead.
  Memory: RSS after garbage collection, sampled after each server's first --warm-up documents and at
  the end; growth over 50 MB fails the run (a run shorter than the warm-up does not measure it).
  Exit code 0: no failure; 1: failures (printed with the seed and a shrunk reproducing document).`;

export function parseArguments(argv: string[]): FuzzArguments {
    const args: FuzzArguments = { mode: 'lsp', seed: freshSeed(), docs: 300, lateMs: 2_000, rssEvery: 500, shrink: 3, shrinkSeconds: 240 };
    const numbers: Record<string, keyof FuzzArguments> = {
        '--seed': 'seed', '--docs': 'docs', '--replay': 'replay', '--late-ms': 'lateMs', '--hang-ms': 'hangMs',
        '--rss-every': 'rssEvery', '--warm-up': 'warmUp', '--shrink': 'shrink', '--shrink-seconds': 'shrinkSeconds',
    };
    for (let i = 0; i < argv.length; i++) {
        const [name, inline] = argv[i].split('=', 2);
        if (name === '--cli') {
            args.mode = 'cli';
        } else if (Object.hasOwn(numbers, name)) {
            const text = inline ?? argv[++i];
            const value = Number(text);
            if (!Number.isInteger(value) || value < 0) {
                throw new Error(`${name} needs a whole number ≥ 0, not ${JSON.stringify(text)}\n${USAGE}`);
            }
            (args as unknown as Record<string, number>)[numbers[name]] = value;
        } else {
            throw new Error(`Unknown option ${JSON.stringify(argv[i])}\n${USAGE}`);
        }
    }
    return args;
}
