import { tmpdir } from 'node:os';
import { afterEach, describe, expect, test } from 'vitest';
import { toTestCase } from '../../../src/engine/testing/segment-test-cases.js';
import { segmentCoverage } from '../../../src/engine/testing/segment-test-coverage.js';
import { runTestCase } from '../../../src/engine/testing/segment-test-runner.js';
import { createParser } from '../../helpers/segment-test-services.js';

/**
 * Coverage on hand-made cases; the expected numbers were counted by hand from the profiles (see
 * the comments), not read from the implementation.
 */
const TEXT = `segment hand {
    where: loyalty.tier = "gold" and (person.birthYear < 1990 or not (loyalty.points > 100))
}
segment events {
    where: select X from xEvent where X.eventType = "search" and X.timestamp occurs <= 7 days before now
}
segment untested {
    where: loyalty.points > 0
}
// A: tier T, birthYear<1990 T, or T, points>100 F, not T, and T.
test a { segment: hand now: "2026-11-01" profile: { "_id": "A", "loyalty": { "tier": "gold", "points": 50 }, "person": { "birthYear": 1980 } } expect: match }
// B: tier F, birthYear<1990 T, or T, points>100 T, not F, and F.
test b { segment: hand now: "2026-11-01" profile: { "_id": "B", "loyalty": { "tier": "silver", "points": 500 }, "person": { "birthYear": 1980 } } expect: no match }
// Three events: a recent search (both conditions true), an old search, a recent purchase.
test e {
    segment: events
    now: "2026-11-01T00:00:00Z"
    profile: { "_id": "E", "xEvent": [
        { "eventType": "search", "timestamp": "2026-10-30T00:00:00Z" },
        { "eventType": "search", "timestamp": "2026-01-01T00:00:00Z" },
        { "eventType": "commerce.purchases", "timestamp": "2026-10-30T00:00:00Z" }
    ] }
    expect: match
}
`;

describe('clause coverage', () => {
    const { parse, clear } = createParser();
    afterEach(clear);

    async function coverage() {
        const document = await parse(TEXT);
        const { segments, tests } = document.parseResult.value;
        const results = await Promise.all(tests.map(t => runTestCase(toTestCase(t), { baseDir: tmpdir(), workspaceSegments: segments, coverage: true })));
        expect(results.map(r => r.status)).toEqual(['passed', 'passed', 'passed']);
        return segments.map(s => segmentCoverage(s, '/ws/hand.segment', results));
    }

    test('each operand of and/or/not: true and false at least once, with the percentage', async () => {
        const [hand] = await coverage();
        expect(hand.clauses.map(c => [c.path, c.kind, c.text, c.whenTrue, c.whenFalse])).toEqual([
            ['$', 'and', 'loyalty.tier = "gold" and (person.birthYear < 1990 or not (loyalty.points > 100))', 1, 1],
            ['$.0', 'comparison', 'loyalty.tier = "gold"', 1, 1],
            ['$.1', 'or', 'person.birthYear < 1990 or not (loyalty.points > 100)', 2, 0],
            ['$.1.0', 'comparison', 'person.birthYear < 1990', 2, 0],
            ['$.1.1', 'not', 'not (loyalty.points > 100)', 1, 1],
            ['$.1.1.0', 'comparison', 'loyalty.points > 100', 1, 1],
        ]);
        expect(hand).toMatchObject({ segment: 'hand', tests: 2, covered: 4 });
        expect(hand.percent).toBeCloseTo(66.667, 2);
        // Ranges point at the clause in the source: `person.birthYear < 1990` on line 2 (0-based 1), after the parenthesis.
        expect(hand.clauses[3].range).toEqual({ start: { line: 1, character: 38 }, end: { line: 1, character: 61 } });
    });

    test('conditions inside an event selection count per event', async () => {
        const [, events] = await coverage();
        expect(events.clauses.map(c => [c.path, c.kind, c.whenTrue, c.whenFalse])).toEqual([
            ['$', 'select', 1, 0], // one profile, which matched
            ['$.0', 'declaration', 1, 2], // one of three events satisfies the where
            ['$.0.0', 'comparison', 2, 1], // two searches
            ['$.0.1', 'occurs', 2, 1], // two events in the last 7 days
        ]);
        expect(events.covered).toBe(3);
        expect(events.percent).toBe(75);
    });

    test('a segment without tests has no covered clause', async () => {
        const [, , untested] = await coverage();
        expect(untested).toMatchObject({ segment: 'untested', tests: 0, covered: 0, percent: 0, clauses: [] });
    });
});
