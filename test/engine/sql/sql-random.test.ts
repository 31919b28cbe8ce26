/**
 * Random differential test: seeded random segments (test/helpers/random-segments.ts) over generated
 * profiles through the js evaluator and DuckDB must select the same ids. `npm test` runs
 * DIFFTEST_COUNT segments (default 300); `npm run difftest` runs 2,000 (docs/sql.md). A
 * disagreement prints the segment and profile shrunk to a minimal case. Each runs over the profiles in
 * one file (events as lists) and in two (profiles, and events one per row), which DuckDB queries
 * differently (sql-events.ts).
 */
import { expect, test } from 'vitest';
import { generateCase, GENERATED_NOW } from '../../helpers/random-segments.js';
import { disagrees, minimize, runBoth, type Layout } from './differential.js';

const COUNT = Number(process.env.DIFFTEST_COUNT ?? 300);
const SEED = Number(process.env.DIFFTEST_SEED ?? 20261204);
const PER_CASE = 100;

test.each<Layout>(['one file', 'two files'])(`${COUNT} random segments select the same profiles in DuckDB as in-process (%s)`, async layout => {
    const now = new Date(GENERATED_NOW);
    let translated = 0;
    for (let done = 0; done < COUNT; done += PER_CASE) {
        const { conditions, profiles } = generateCase(SEED + done, Math.min(PER_CASE, COUNT - done), 60);
        const outcomes = await runBoth(conditions, profiles, now, layout);
        const failures = outcomes.filter(disagrees);
        if (failures.length > 0) {
            const report = await minimize(failures[0], profiles, now, layout);
            expect.fail(`${failures.length} of ${outcomes.length} segments (seed ${SEED + done}) ${report}`);
        }
        const untranslated = outcomes.filter(o => !Array.isArray(o.duck));
        expect(untranslated.map(o => `${o.condition}: ${String(o.duck)}`)).toEqual([]);
        translated += outcomes.length;
    }
    expect(translated).toBe(COUNT);
}, 600_000);
