import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Prng } from '../../bench/lib/prng.js';
import { seededRandom } from '../../src/shared/segment-random.js';
import { Random } from '../fuzz/random.js';

/**
 * The project's one seeded generator (mulberry32, src/shared/segment-random.ts) draws what it drew
 * before the fuzzer, the benchmarks and the sample script shared it: a fuzz seed printed in an old
 * report reproduces the same failure, and the bundled sample data is the same file.
 */
describe('the seeded generator', () => {
    /** The first draws for two seeds, as every copy of mulberry32 in the project drew them. */
    const PINNED: Array<[number, number[]]> = [
        [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
        [20261101, [0.6739504204597324, 0.8962121387012303]],
    ];

    test.each(PINNED)('seed %i draws the pinned sequence, in the fuzzer and the benchmarks too', (seed, draws) => {
        const shared = seededRandom(seed);
        const fuzz = new Random(seed);
        const bench = new Prng(seed);
        expect(draws.map(() => [shared(), fuzz.next(), bench.next()])).toEqual(draws.map(d => [d, d, d]));
    });

    test('regenerating the bundled sample gives the same bytes', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'segment-sample-'));
        try {
            const target = path.join(folder, 'sample-profiles.jsonl');
            execFileSync(process.execPath, [path.resolve('scripts/generate-sample.mjs'), target], { stdio: 'pipe' });
            expect(readFileSync(target).equals(readFileSync(path.resolve('examples/sample-profiles.jsonl')))).toBe(true);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
