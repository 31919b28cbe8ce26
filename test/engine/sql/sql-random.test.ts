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

/** Two variables where the second reads the first: over two files a join of the events with themselves (sql-events.ts `pair`). */
const PAIRS = [
    'exists V from xEvent where V.eventType = "commerce.productViews", B from xEvent where B.eventType = "commerce.purchases" and B.timestamp occurs <= 200 days after V.timestamp and B.productListItems.SKU.intersects(V.productListItems.SKU)',
    'exists A from xEvent where A.eventType = "search", B from xEvent where B.timestamp occurs < 30 days after A.timestamp',
    'select A from xEvent, B from xEvent where B.device.type = A.device.type and B.eventType != A.eventType',
    'exists A from xEvent, B from xEvent where B.timestamp occurs <= 3 days after A.timestamp',
    'not (exists A from xEvent where A.eventType = "commerce.purchases", B from xEvent where B.eventType = "commerce.purchases" and B.commerce.order.priceTotal > A.commerce.order.priceTotal) and person.gender = "female"',
];

test.each<Layout>(['one file', 'two files'])('selects whose second variable reads the first select the same profiles (%s)', async layout => {
    const { profiles } = generateCase(SEED, 1, 200);
    const outcomes = await runBoth(PAIRS, profiles, new Date(GENERATED_NOW), layout);
    expect(outcomes.filter(o => !Array.isArray(o.duck)).map(o => String(o.duck))).toEqual([]);
    const failures = outcomes.filter(disagrees);
    if (failures.length > 0) {
        expect.fail(await minimize(failures[0], profiles, new Date(GENERATED_NOW), layout));
    }
    // The conditions select some profiles and not all, so the agreement says something.
    expect(outcomes.map(o => o.js.length > 0 && o.js.length < profiles.length ? "some" : o.js.length)).toEqual(PAIRS.map(() => "some"));
}, 120_000);
