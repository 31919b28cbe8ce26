/** The explanation in plain words, with "as required" toning for negated parts, on real engine explanations. */
import { describe, expect, test } from 'vitest';
import { explanationLines, type ExplanationLine } from '../../src/extension/results/segment-explain-words.js';
import { formatInstant } from '../../src/extension/results/segment-time-format.js';
import { run } from '../engine/engine-helpers.js';

const SEED = `select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers")
               and X.timestamp occurs <= 30 days before now
           and not (select P from xEvent where P.eventType = "commerce.purchases"
               and P.timestamp occurs <= 30 days before now)`;
const events = [
    { _id: 'e1', eventType: 'productView', timestamp: '2026-10-18T08:00:00Z' },
    { _id: 'e2', eventType: 'productView', timestamp: '2026-10-19T08:00:00Z' },
    { _id: 'e3', eventType: 'productView', timestamp: '2026-10-20T08:00:00Z' },
    { _id: 'e4', eventType: 'search', timestamp: '2026-10-21T09:14:00Z', search: { keywords: 'red sneakers' } },
];
const searcher = { _id: 'searcher', xEvent: events };
const buyer = { _id: 'buyer', xEvent: [...events, { _id: 'e5', eventType: 'commerce.purchases', timestamp: '2026-10-22T10:00:00Z' }] };

async function lines(condition: string, profile: { _id: string }, timeZone = 'UTC'): Promise<ExplanationLine> {
    const result = await run(condition, [profile], { explainIds: [profile._id], timeZone });
    return explanationLines(result.explanations![0].tree, { timeZone });
}

/** `[mark, tone, words, asRequired]` of every line, depth first. */
function flat(line: ExplanationLine): string[] {
    const mark = `${line.held ? '✓' : '✗'} ${line.tone}${line.asRequired ? ' (as required)' : ''}: ${line.words}`;
    return [mark, ...(line.children ?? []).flatMap(flat)];
}

describe('explanations in plain words', () => {
    test('a matching profile: the event that qualified, by position and time; the negated purchase is green', async () => {
        const root = await lines(SEED, searcher);
        expect(flat(root)).toEqual([
            '✓ good: search event on 2026-10-21 09:14 UTC (event 4 of 4)',
            '✓ good: 1 of 4 events · e.g. event 4 on 2026-10-21 09:14 UTC',
            '✓ good: 1 of 4 events · e.g. event 4 on 2026-10-21 09:14 UTC',
            // From the second conjunct on, the example also meets the conjuncts before it.
            '✓ good: 4 of 4 events · e.g. event 4 on 2026-10-21 09:14 UTC',
            '✓ good: 4 of 4 events · e.g. event 4 on 2026-10-21 09:14 UTC',
            // Inside `not (…)`: false, as the segment wants it.
            '✗ good (as required): no matching event (0 of 4 events)',
            // Below it, for the example event: no verdict the segment wants either way.
            '✗ neutral: 0 of 4 events',
            '✗ neutral: 4 of 4 events · e.g. event 1 on 2026-10-18 08:00 UTC · none of them also meets the conditions above',
        ]);
        const negated = root.children![3].children![0];
        expect(negated).toMatchObject({ held: false, tone: 'good', asRequired: true, code: expect.stringMatching(/^select P from xEvent/u) });
        expect(root.range?.start.line).toBe(0);
    });

    test('a buyer: the purchase is found, which the segment does not want (red)', async () => {
        const root = await lines(SEED, buyer);
        expect(root).toMatchObject({ held: false, tone: 'bad', words: 'no matching event (0 of 5 events)' });
        const not = root.children![3];
        expect(not).toMatchObject({ held: false, tone: 'bad', words: '0 of 5 events' });
        expect(not.children![0]).toMatchObject({ held: true, tone: 'bad', words: 'commerce.purchases event on 2026-10-22 10:00 UTC (event 5 of 5)' });
    });

    test('top-level logic in words; the false operand of an `or` that held is neutral', async () => {
        const root = await lines('person.birthYear > 1980 or homeAddress.countryCode = "US"', { _id: 'a', person: { birthYear: 1990 }, homeAddress: { countryCode: 'FR' } } as never);
        expect(flat(root)).toEqual(['✓ good: at least one of these holds', '✓ good: value: 1990', '✗ neutral: value: "FR"']);
        expect(root.children!.map(c => c.code)).toEqual(['person.birthYear > 1980', 'homeAddress.countryCode = "US"']);
    });

    test('a CHAIN: how far the profile got, step by step, with times in the run\'s zone', async () => {
        const chain = 'chain(xEvent, timestamp, [A: WHAT(eventType = "productView"), B: WHAT(eventType = "search"), C: WHAT(eventType = "commerce.purchases")])';
        const root = await lines(chain, searcher, 'Europe/Paris');
        expect(flat(root)).toEqual([
            '✗ bad: reached step 2 of 3',
            '✓ good: happened on 2026-10-18 10:00 Europe/Paris',
            '✓ good: happened on 2026-10-21 11:14 Europe/Paris',
            '✗ bad: no event of this kind',
        ]);
    });
});

describe('formatInstant', () => {
    test('one format, with the zone; seconds only when not zero; unknown zones fall back to UTC', () => {
        expect(formatInstant('2026-10-21T09:14:00Z')).toBe('2026-10-21 09:14 UTC');
        expect(formatInstant('2026-10-21T09:14:05.250Z', 'America/New_York')).toBe('2026-10-21 05:14:05 America/New_York');
        expect(formatInstant(Date.UTC(2026, 0, 1), 'Mars/Olympus')).toBe('2026-01-01 00:00 UTC');
        expect(formatInstant('not a date')).toBe('not a date');
        expect(formatInstant(undefined)).toBeUndefined();
    });
});
