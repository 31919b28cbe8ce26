/**
 * Counts at every level of a condition (the results panel's clause tree), checked against counts
 * worked out by hand on four profiles: an event selection with a `not` inside, a negated event
 * selection, and a three-step CHAIN (its funnel).
 */
import { describe, expect, test } from 'vitest';
import type { ClauseTreeNode } from '../../src/engine/segment-engine.js';
import { run } from './engine-helpers.js';

const CONDITION = `(select X from xEvent where X.eventType = "search" and not (X.channel = "mobile"))
    and not (select P from xEvent where P.eventType = "purchase")
    and chain(xEvent, timestamp, [A: WHAT(eventType = "view"), B: WHAT(eventType = "cart"), C: WHAT(eventType = "search")])`;

const at = (day: number) => `2026-10-0${day}T10:00:00Z`;
const event = (eventType: string, channel: string, day: number) => ({ eventType, channel, timestamp: at(day) });
const PROFILES = [
    // search/web twice, and view → cart → search in order: every step of the chain.
    { _id: 'p1', xEvent: [event('search', 'web', 1), event('view', 'web', 2), event('cart', 'web', 3), event('search', 'web', 4)] },
    // one search on the web, a purchase; the chain stops after the cart (no search after it).
    { _id: 'p2', xEvent: [event('search', 'mobile', 1), event('search', 'web', 2), event('view', 'mobile', 3), event('cart', 'mobile', 4), event('purchase', 'mobile', 5)] },
    // a search on mobile only; a view but no cart.
    { _id: 'p3', xEvent: [event('view', 'web', 1), event('search', 'mobile', 2)] },
    { _id: 'p4', xEvent: [] },
];

/** `[text, profiles, events, of]` of a node and its descendants, depth first. */
function rows(node: ClauseTreeNode): Array<[string, number, number | undefined, number | undefined]> {
    return [[node.text, node.profiles, node.events, node.of], ...(node.children ?? []).flatMap(rows)];
}

describe('clause tree counts', () => {
    test('every level, inside event selections, under `not` and along a CHAIN, as counted by hand', async () => {
        const result = await run(CONDITION, PROFILES, { clauseTree: { limit: 100 } });
        expect(result.ids).toEqual(['p1']);
        expect(result.clauseTreeProfiles).toBe(4);
        const chain = 'chain(xEvent, timestamp, [A: WHAT(eventType = "view"), B: WHAT(eventType = "cart"), C: WHAT(eventType = "search")])';
        expect(rows(result.clauseTree!)).toEqual([
            [expect.stringMatching(/^\(select X/u), 1, undefined, undefined],
            // p1 and p2 have a search on the web (3 such events of 4 + 5 + 2 + 0 = 11).
            ['select X from xEvent where X.eventType = "search" and not (X.channel = "mobile")', 2, undefined, undefined],
            ['X from xEvent', 2, 3, 11],
            ['X.eventType = "search"', 3, 5, 11],
            ['not (X.channel = "mobile")', 3, 6, 11],
            ['X.channel = "mobile"', 2, 5, 11],
            // Only p2 bought: the `not` holds for the three others.
            ['not (select P from xEvent where P.eventType = "purchase")', 3, undefined, undefined],
            ['select P from xEvent where P.eventType = "purchase"', 1, undefined, undefined],
            ['P from xEvent', 1, 1, 11],
            ['P.eventType = "purchase"', 1, 1, 11],
            // The funnel: 3 profiles viewed, 2 then carted, 1 then searched.
            [chain, 1, undefined, undefined],
            ['A: WHAT(eventType = "view")', 3, undefined, undefined],
            ['B: WHAT(eventType = "cart")', 2, undefined, undefined],
            ['C: WHAT(eventType = "search")', 1, undefined, undefined],
        ]);
    });

    test('the top-level counts agree with the counting pass, and every node has its source range', async () => {
        const result = await run(CONDITION, PROFILES, { clauseTree: { limit: 100 } });
        const tree = result.clauseTree!;
        expect([tree, ...tree.children!].map(n => n.profiles)).toEqual(result.clauses.filter(c => c.path.split('.').length <= 2).map(c => c.matched));
        const all = (node: ClauseTreeNode): ClauseTreeNode[] => [node, ...(node.children ?? []).flatMap(all)];
        expect(all(tree).filter(n => !n.range).map(n => n.text)).toEqual([]);
        // `segment t { where: ` is 19 characters: the condition starts there on line 0.
        expect(tree.range!.start).toEqual({ line: 0, character: 19 });
    });

    test('the limit bounds the profiles the inner counts cover', async () => {
        const result = await run(CONDITION, PROFILES, { clauseTree: { limit: 2 } });
        expect(result.clauseTreeProfiles).toBe(2);
        expect(result.clauseTree!.children![2].children!.map(step => step.profiles)).toEqual([2, 2, 1]);
        expect(result.clauses[0].matched).toBe(1);
    });
});
