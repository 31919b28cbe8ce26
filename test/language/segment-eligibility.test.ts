import { beforeEach, describe, expect, test } from 'vitest';
import { eligibleMethods } from '../../src/language/typing/segment-eligibility.js';
import { createParser } from '../helpers/segment-test-services.js';

const { parse, clear } = createParser();
beforeEach(() => clear());

async function verdicts(text: string) {
    const document = await parse(text);
    const segments = document.parseResult.value.segments;
    const { batch, streaming, edge } = eligibleMethods(segments[segments.length - 1]);
    return { batch: batch.eligible, streaming: streaming.eligible, edge: edge.eligible, why: streaming.reason };
}

const one = (condition: string) => `segment s {\n    where: ${condition}\n}\n`;

describe('evaluation-method eligibility (reference §4, docs/semantics.md)', () => {
    test.each([
        ['profile only', 'homeAddress.country.equals("Canada", false)', true, true],
        ['single event today', 'CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(today)])', true, true],
        ['event + profile within 24 h', 'workAddress.country.equals("Canada", false) and CHAIN(xEvent, timestamp, [C0: WHAT(eventType = "commerce.checkouts") WHEN(<= 24 hours before now)])', true, true],
        ['two events today: streaming, not edge', 'CHAIN(xEvent, timestamp, [C0: WHAT(eventType = "a") WHEN(today), C1: WHAT(eventType = "b") WHEN(today)])', true, false],
        ['an event without a window is batch', 'chain(xEvent, timestamp, [A: WHAT(eventType = "addToCart")])', false, false],
        ['a 30-day window is batch', 'select X from xEvent where X.eventType = "search" and X.timestamp occurs <= 30 days before now', false, false],
        ['aggregation is batch', 'xEvent[eventType = "commerce.purchases"].count() > 2', false, false],
        ['an AEP audience id with an event stays streaming (the docs\' own example)',
            'inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") and CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(<= 24 hours before now)])', true, true],
    ])('%s', async (_name, condition, streaming, edge) => {
        const verdict = await verdicts(one(condition));
        expect(verdict).toMatchObject({ batch: true, streaming, edge });
    });

    test('a window that error recovery left without its unit reaches nowhere known: batch, no exception', async () => {
        const verdict = await verdicts(`segment s {\n    evaluation: streaming\n    where: xEvent[eventType = "a" and timestamp occurs <= 3 0 days before now]\n}\n`);
        expect(verdict).toMatchObject({ batch: true });
    });

    test('a local referenced segment with events makes an event segment batch; a profile-only one does not', async () => {
        const event = 'CHAIN(xEvent, timestamp, [C0: WHAT(eventType = "commerce.checkouts") WHEN(today)])';
        const withEvents = await verdicts(`segment buyers {\n    where: xEvent[eventType = "commerce.purchases"]\n}\n${one(`inSegment("buyers") and ${event}`)}`);
        expect(withEvents).toMatchObject({ streaming: false, edge: false });
        expect(withEvents.why).toMatch(/inSegment\("buyers"\), which is not known to be a profile-only audience/u);
        clear();
        const profileOnly = await verdicts(`segment canadians {\n    where: homeAddress.countryCode = "CA"\n}\n${one(`inSegment("canadians") and ${event}`)}`);
        expect(profileOnly).toMatchObject({ streaming: true, edge: true });
    });
});
