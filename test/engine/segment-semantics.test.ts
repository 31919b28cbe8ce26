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

describe('value-producing functions of a missing or null list or map are null (§2.0 null propagation)', () => {
    const bare = { _id: 'b', person: { favoriteColors: null, tags: [] }, segmentMembership: null };
    test.each([
        'person.favoriteColors.count().isNull()', 'missing.count().isNull()', 'not (person.favoriteColors.count() = 0)',
        'not (person.favoriteColors.count() >= 0)', 'not (missing[x = 1].count() >= 0)', 'missing[x = 1].count().isNull()',
        'missing.sum().isNull()', 'missing.sum(price).isNull()', 'missing.average(price).isNull()', 'missing.min().isNull()',
        'missing.max().isNull()', 'missing.filter(x = 1).isNull()', 'missing.map(x).isNull()', 'missing.groupBy(x).isNull()',
        'missing.distinct().isNull()', 'missing.topN(x, 1).isNull()', 'missing.head().isNull()', 'segmentMembership.keys().isNull()',
        'segmentMembership.values().isNull()', 'segmentMembership.get("x").isNull()', 'missing.intersection([1]).isNull()',
        'person.tags.count() = 0', 'person.tags.sum() = 0', 'person.tags.filter(x = 1).count() = 0', 'person.tags[x = 1].count() = 0',
        // xEvent is the exception: a profile without events has an empty event list.
        'xEvent.count() = 0', 'xEvent[eventType = "a"].count() = 0', 'not (xEvent[eventType = "a"].count() >= 1)',
        'xEvent.isNotNull()', 'xEvent.eventType.count() = 0', 'xEvent.filter(eventType = "a").count() = 0',
    ])('%s', async condition => {
        expect(await holds(condition, bare)).toBe(true);
    });
});
