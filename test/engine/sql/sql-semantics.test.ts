/**
 * The js evaluator's semantics rows (test/engine/segment-semantics.test.ts, one row per construct of
 * the reference) through DuckDB: each translatable row selects the same profiles; the rows listed in
 * UNTRANSLATABLE must fail with a translation error naming the construct (docs/sql.md says why).
 */
import { expect, test } from 'vitest';
import { NOW } from '../engine-helpers.js';
import { ODD_PROFILES, ROWS, SEMANTICS_PROFILE } from '../segment-semantics-rows.js';
import { runBoth } from './differential.js';

/** Rows without a SQL translation: maps (`groupBy`, `get`, `keys`, `values`), tuples of several variables as values, reordering methods. */
const UNTRANSLATABLE = new Set([
    'person.favoriteColors.intersection(["blue", "red", "x"]) = ["red", "blue"]',
    'person.favoriteColors.intersection(["green"]).isNull()',
    'person.favoriteColors.distinct().count() = 2',
    'items.groupBy(SKU).keys().count() = 3',
    'items.map(price) = [10, 30, 20]',
    'items.topN(price, 1).head().SKU = "B"',
    'items.topN(price, 2).SKU = ["B", "C"]',
    'items.bottomN(price, 1).head().SKU = "A"',
    'segmentMembership.get("ups").keys().count() = 2',
    'segmentMembership.get("ups").get("u-1").status = "realized"',
    'segmentMembership.get("nope").isNull()',
    'segmentMembership.values().count() = 1',
    'items.groupBy(SKU).map((K, G) => mapEntry(K, G.count())).get("A") = 1',
    'items.groupBy(SKU).get("B").head().price = 30',
    '(select A from [1, 2], B from [3, 4] where A + B = 5).count() = 2',
    '(select A from [1, 2], B from [3, 4] where A + B = 5).head() = [1, 4]',
]);

const rows = Object.values(ROWS).flat().map(([condition]) => condition);

test('every semantics row gives the same result through DuckDB, or is a known translation error', async () => {
    const outcomes = await runBoth(rows, [SEMANTICS_PROFILE], NOW);
    const report = outcomes.map(o => ({
        condition: o.condition,
        result: Array.isArray(o.duck)
            ? (JSON.stringify(o.duck) === JSON.stringify(o.js) ? 'same' : `js ${JSON.stringify(o.js)} duckdb ${JSON.stringify(o.duck)}`)
            : (UNTRANSLATABLE.has(o.condition) ? 'same' : o.duck.message),
    }));
    expect(report.filter(r => r.result !== 'same')).toEqual([]);
    const refused = outcomes.filter(o => !Array.isArray(o.duck)).map(o => o.condition);
    expect(refused.sort()).toEqual([...UNTRANSLATABLE].sort());
    for (const o of outcomes.filter(x => !Array.isArray(x.duck))) {
        expect((o.duck as Error).message).toMatch(/^Cannot translate .+ at \d+:\d+–\d+:\d+ \('.+'\) to SQL: /u);
    }
});

test('odd data: DuckDB never selects what js does not, or refuses the mixed-type column', async () => {
    const conditions = ['items.sum(price) > 0', 'person.birthYear > 1980', 'select X from xEvent where X.timestamp occurs <= 3 days before now',
        'chain(xEvent, timestamp, [A: WHAT(eventType = "x")])', 'person.name.startsWith("J")', 'xEvent[timestamp occurs today]', '(sum X.price over X from items) > 0'];
    for (const profile of ODD_PROFILES) {
        const outcomes = await runBoth(conditions, [profile], NOW);
        for (const o of outcomes) {
            expect(Array.isArray(o.duck) ? o.duck : [], o.condition).toEqual(o.js);
        }
    }
});
