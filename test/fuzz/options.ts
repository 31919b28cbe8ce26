import { freshSeed } from './random.js';

/** The command line of `npm run fuzz`. */
export interface FuzzArguments {
    mode: 'lsp' | 'cli';
    seed: number;
    docs: number;
    replay?: number;
    lateMs: number;
    hangMs: number;
    rssEvery: number;
    /** Distinct failures to shrink (0: none) and the time each may take. */
    shrink: number;
    shrinkSeconds: number;
}

export const USAGE = `npm run fuzz -- [--seed N] [--docs N] [--replay INDEX] [--late-ms 2000] [--hang-ms 30000]
                    [--rss-every 500] [--shrink 3] [--shrink-seconds 240] [--cli]
  Fuzzes the bundled language server (out/language/main.cjs, 1 GB heap) over stdio with mutated
  examples and test resources; --cli feeds hostile data files and payloads to the CLI instead.
  Exit code 0: no failure; 1: failures (printed with the seed and a shrunk reproducing document).`;

export function parseArguments(argv: string[]): FuzzArguments {
    const args: FuzzArguments = { mode: 'lsp', seed: freshSeed(), docs: 300, lateMs: 2_000, hangMs: 30_000, rssEvery: 500, shrink: 3, shrinkSeconds: 240 };
    const numbers: Record<string, keyof FuzzArguments> = {
        '--seed': 'seed', '--docs': 'docs', '--replay': 'replay', '--late-ms': 'lateMs', '--hang-ms': 'hangMs',
        '--rss-every': 'rssEvery', '--shrink': 'shrink', '--shrink-seconds': 'shrinkSeconds',
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
