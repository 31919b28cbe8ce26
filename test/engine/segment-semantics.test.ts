/**
 * One row per construct of the reference (§2): operators, null rules, strings, arrays, maps,
 * aggregation, iteration, scoping. Each row: condition, expected result on the profile below.
 */
import { describe, expect, test } from 'vitest';
import { holds } from './engine-helpers.js';
import { ODD_PROFILES, ROWS, SEMANTICS_PROFILE as P } from './segment-semantics-rows.js';

describe.each(Object.entries(ROWS))('%s', (_group, rows) => {
    test.each(rows)('%s → %s', async (condition, expected) => {
        expect(await holds(condition, P)).toBe(expected);
    });
});

describe('odd data never throws (§2.0 null propagation)', () => {
    const odd = ODD_PROFILES;
    test.each([
        'items.sum(price) > 0', 'person.birthYear > 1980', 'select X from xEvent where X.timestamp occurs <= 3 days before now',
        'chain(xEvent, timestamp, [A: WHAT(eventType = "x")])', 'items.topN(price, 2).count() > 0', 'person.name.startsWith("J")',
        'xEvent[timestamp occurs today]', 'items.groupBy(price).keys().count() > 5', '(sum X.price over X from items) > 0',
    ])('%s is false on odd profiles', async condition => {
        for (const profile of odd) {
            expect(await holds(condition, profile)).toBe(false);
        }
    });
});
