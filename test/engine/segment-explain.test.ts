/** Explanations, clause counts, inSegment and the run API (`evaluateSegment`). */
import { describe, expect, test } from 'vitest';
import { evaluateSegment, EvaluationCancelledError, type ExplainNode, type Profile } from '../../src/engine/segment-engine.js';
import { NOW, parseSegments, run, withEvents } from './engine-helpers.js';

const SEED = `select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers")
               and X.timestamp occurs <= 30 days before now
           and not (select P from xEvent where P.eventType = "commerce.purchases"
               and P.timestamp occurs <= 30 days before now)`;
const searcher = { _id: 'searcher', xEvent: [{ _id: 'searcher-e1', eventType: 'search', timestamp: '2026-10-20T00:00:00Z', search: { keywords: 'red sneakers' } }] };
const buyer = { _id: 'buyer', xEvent: [...searcher.xEvent, { _id: 'buyer-e2', eventType: 'commerce.purchases', timestamp: '2026-10-21T00:00:00Z' }] };

describe('explanations', () => {
    test('a matching and a non-matching profile, clause by clause', async () => {
        const result = await run(SEED, [searcher, buyer], { explainIds: ['searcher', 'buyer'] });
        expect(result.ids).toEqual(['searcher']);
        const [yes, no] = result.explanations!;
        expect(yes).toMatchObject({ id: 'searcher', matched: true, tree: { path: '$', kind: 'select', result: true, values: { matches: 1 } } });
        // The select's where-condition swallows the `and not (…)`, so the root is one select leaf.
        expect(no.matched).toBe(false);
        expect(no.tree.result).toBe(false);
        expect(no.tree.text).toContain('X.search.keywords.contains("sneakers")');
    });

    test('conjuncts are flattened; comparisons report the values compared', async () => {
        const condition = 'homeAddress.countryCode = "US" and person.birthYear > 1980 and not (loyalty.tier in ["gold"])';
        const profile = { _id: 'a', homeAddress: { countryCode: 'FR' }, person: { birthYear: 1990 }, loyalty: { tier: 'gold' } };
        const result = await run(condition, [profile], { explainIds: ['a'] });
        const tree = result.explanations![0].tree;
        expect(tree).toMatchObject({ kind: 'and', result: false });
        expect(tree.children!.map(c => [c.path, c.kind, c.result])).toEqual([['$.0', 'comparison', false], ['$.1', 'comparison', true], ['$.2', 'not', false]]);
        expect(tree.children![0].values).toEqual({ left: 'FR', right: 'US' });
        expect(tree.children![0].text).toBe('homeAddress.countryCode = "US"');
        expect(tree.children![2].children![0]).toMatchObject({ path: '$.2.0', kind: 'comparison', result: true, values: { left: 'gold', right: ['gold'] } });
    });

    test('per-clause match counts over a dataset ignore short-circuiting', async () => {
        const profiles = [
            { _id: '1', a: 1, b: 1 }, { _id: '2', a: 1, b: 0 }, { _id: '3', a: 0, b: 1 }, { _id: '4', a: 0, b: 0 },
        ];
        const result = await run('a = 1 and (b = 1 or missing)', profiles);
        expect(result.clauses.map(c => [c.path, c.kind, c.text, c.matched])).toEqual([
            ['$', 'and', 'a = 1 and (b = 1 or missing)', 1], ['$.0', 'comparison', 'a = 1', 2], ['$.1', 'or', 'b = 1 or missing', 2],
            ['$.1.0', 'comparison', 'b = 1', 2], ['$.1.1', 'value', 'missing', 0],
        ]);
    });

    test('chain explanations report how many steps matched; occurs reports its subject', async () => {
        const condition = 'chain(xEvent, timestamp, [A: WHAT(eventType = "search"), B: WHAT(eventType = "commerce.purchases")]) or X.t occurs today';
        const result = await run(condition, [searcher], { explainIds: ['searcher'] });
        const [chain, occurs] = result.explanations![0].tree.children!;
        expect(chain).toMatchObject({ kind: 'chain', result: false, values: { stepsMatched: 1, steps: 2 } });
        expect(occurs).toMatchObject({ kind: 'occurs', result: false, values: { subject: null } });
    });
});

describe('explanations inside iterations', () => {
    /** `[path, result, values]` of a node's children, for compact assertions. */
    const rows = (node: ExplainNode) => node.children!.map(c => [c.path, c.result, withoutWitnessDetail(c.values)]);
    /** The example's position, time and type (for the panel's wording) are checked once, in the buyer test. */
    const withoutWitnessDetail = (values: Record<string, unknown> | undefined) =>
        values && Object.fromEntries(Object.entries(values).filter(([key]) => !/^(counter)?example(At|Time|Type)$/u.test(key)));
    const explain = async (condition: string, profile: Profile) => {
        const result = await run(condition, [profile], { explainIds: [String(profile._id)] });
        return result.explanations![0].tree;
    };

    test('the seed example on a matching profile: the declaration, its conjuncts and the witness', async () => {
        const tree = await explain(SEED, searcher);
        expect(tree.children).toHaveLength(1);
        const [x] = tree.children!;
        expect(x).toMatchObject({ path: '$.0', kind: 'declaration', text: 'X from xEvent', result: true,
            values: { elements: 1, satisfied: 1, example: 'searcher-e1 @ 2026-10-20T00:00:00Z' } });
        expect(x.children!.map(c => c.text)).toEqual(['X.eventType = "search"', 'X.search.keywords.contains("sneakers")',
            'X.timestamp occurs <= 30 days before now', expect.stringMatching(/^not \(select P/u)]);
        expect(x.children!.every(c => c.result)).toBe(true);
    });

    test('the seed example on a buyer: the `not (select P …)` conjunct fails, and the inner select shows the purchase', async () => {
        const tree = await explain(SEED, buyer);
        const [x] = tree.children!;
        expect(x.values).toEqual({ elements: 2, satisfied: 0 });
        expect(rows(x)).toEqual([
            ['$.0.0', true, { satisfied: 1, of: 2, example: 'searcher-e1 @ 2026-10-20T00:00:00Z' }],
            ['$.0.1', true, { satisfied: 1, of: 2, withPrevious: 1, example: 'searcher-e1 @ 2026-10-20T00:00:00Z' }],
            ['$.0.2', true, { satisfied: 2, of: 2, withPrevious: 1, example: 'searcher-e1 @ 2026-10-20T00:00:00Z' }],
            ['$.0.3', false, { satisfied: 0, of: 2, withPrevious: 0 }],
        ]);
        // Inside the `not`: the purchase select, explained for the closest candidate (the sneaker search).
        const select = x.children![3].children![0];
        expect(select).toMatchObject({ path: '$.0.3.0', kind: 'select', result: true,
            values: { satisfied: 2, of: 2, matches: 1, explainedFor: 'searcher-e1 @ 2026-10-20T00:00:00Z' } });
        const [p] = select.children!;
        expect(p).toMatchObject({ path: '$.0.3.0.0', kind: 'declaration', text: 'P from xEvent', result: true,
            values: { elements: 2, satisfied: 1, example: 'buyer-e2 @ 2026-10-21T00:00:00Z' } });
        // The example's 1-based position, time and event type, for "commerce.purchases event on … (event 2 of 2)".
        expect(p.values).toMatchObject({ exampleAt: 2, exampleTime: '2026-10-21T00:00:00Z', exampleType: 'commerce.purchases' });
        expect(rows(p)).toEqual([
            ['$.0.3.0.0.0', true, { satisfied: 1, of: 2, example: 'buyer-e2 @ 2026-10-21T00:00:00Z' }],
            ['$.0.3.0.0.1', true, { satisfied: 2, of: 2, withPrevious: 1, example: 'buyer-e2 @ 2026-10-21T00:00:00Z' }],
        ]);
    });

    test('the seed example on an old sneaker search: the first ✗ conjunct is the time window', async () => {
        const old = { _id: 'old', xEvent: [
            { _id: 'e1', eventType: 'search', timestamp: '2026-07-15T00:00:00Z', search: { keywords: 'sneakers' } },
            { _id: 'e2', eventType: 'search', timestamp: '2026-10-29T00:00:00Z', search: { keywords: 'bags' } },
        ] };
        const [x] = (await explain(SEED, old)).children!;
        expect(rows(x).map(([path, result, values]) => [path, result, (values as { withPrevious?: number }).withPrevious])).toEqual([
            ['$.0.0', true, undefined], ['$.0.1', true, 1], ['$.0.2', false, 0], ['$.0.3', false, 0],
        ]);
        expect(x.children![2].values).toMatchObject({ satisfied: 1, of: 2, example: 'e2 @ 2026-10-29T00:00:00Z' });
    });

    test('forall counts the elements that satisfied the condition and names the first counterexample', async () => {
        const profile = { _id: 'f', items: [{ sku: 'a', price: 20 }, { sku: 'b', price: 5 }, { sku: 'c', price: 30 }] };
        const tree = await explain('forall I from items where I.price > 10 and I.sku != "z"', profile);
        expect(tree).toMatchObject({ kind: 'forall', result: false });
        const [i] = tree.children!;
        expect(i).toMatchObject({ text: 'I from items', result: false, values: { elements: 3, satisfied: 2, counterexample: '#1' } });
        expect(rows(i)).toEqual([
            ['$.0.0', false, { satisfied: 2, of: 3, counterexample: '#1' }],
            ['$.0.1', true, { satisfied: 3, of: 3, withPrevious: 2 }],
        ]);
    });

    test('exists with two declarations: the second counts only under the first’s satisfied elements', async () => {
        const profile = { _id: 'e', orders: [
            { status: 'open', lines: [{ qty: 1 }, { qty: 5 }] }, { status: 'closed', lines: [{ qty: 9 }] }, { status: 'open', lines: [] },
        ] };
        const tree = await explain('exists O from orders where O.status = "open", L from O.lines where L.qty > 3', profile);
        expect(tree.result).toBe(true);
        expect(tree.children!.map(c => [c.text, c.result, c.values])).toEqual([
            ['O from orders', true, { elements: 3, satisfied: 2, example: '#0', exampleAt: 1 }],
            ['L from O.lines', true, { elements: 2, satisfied: 1, example: '#1', exampleAt: 2 }],
        ]);
    });

    test('a filter and a per-element method inside a comparison are explained as children of the comparison', async () => {
        const profile = withEvents({ eventType: 'search', timestamp: '2026-10-30T00:00:00Z' }, { eventType: 'view', timestamp: '2026-10-31T00:00:00Z' });
        const tree = await explain('xEvent[eventType = "search"].count() > 1 or xEvent.exists((E) => E.eventType = "buy")', profile);
        const [count, exists] = tree.children!;
        expect(count).toMatchObject({ kind: 'comparison', result: false, values: { left: 1, right: 1 } });
        expect(count.children![0]).toMatchObject({ path: '$.0.0', kind: 'filter', text: 'xEvent[eventType = "search"]', result: true, values: { matches: 1 } });
        expect(count.children![0].children![0]).toMatchObject({ path: '$.0.0.0', kind: 'declaration', text: 'xEvent', values: { elements: 2, satisfied: 1 } });
        expect(exists).toMatchObject({ kind: 'call', result: false, values: { matches: 0 } });
        expect(exists.children![0]).toMatchObject({ text: 'E from xEvent', result: false, values: { elements: 2, satisfied: 0 } });
        expect(exists.children![0].children![0]).toMatchObject({ text: 'E.eventType = "buy"', values: { satisfied: 0, of: 2 } });
    });

    test('an aggregation reports its value and how many tuples contributed', async () => {
        const profile = withEvents({ eventType: 'buy', v: 30 }, { eventType: 'buy', v: 'x' }, { eventType: 'view', v: 50 }, { eventType: 'buy', v: 12 });
        const tree = await explain('(sum X.v over X from xEvent where X.eventType = "buy") > 100', profile);
        expect(tree).toMatchObject({ kind: 'comparison', result: false, values: { left: 42, right: 100 } });
        const [sum] = tree.children!;
        expect(sum).toMatchObject({ kind: 'aggregation', result: true, values: { value: 42, contributed: 2 } });
        expect(sum.children![0]).toMatchObject({ text: 'X from xEvent', values: { elements: 4, satisfied: 3 } });
    });

    test('chain steps report WHAT/WHERE/WHEN counts, the chosen timestamps and where the order broke', async () => {
        const condition = `chain(xEvent, timestamp, [A: WHAT(eventType = "search") WHERE(search.keywords = "shoes") WHEN(<= 30 days before now),
            B: WHAT(eventType = "view") COUNT(2), C: WHAT(eventType = "buy")])`;
        // Out of data order on purpose: the chain orders by timestamp.
        const profile = withEvents(
            { eventType: 'view', timestamp: '2026-10-22T00:00:00Z' },
            { eventType: 'search', timestamp: '2026-10-20T00:00:00Z', search: { keywords: 'shoes' } },
            { eventType: 'buy', timestamp: '2026-10-21T00:00:00Z' },
            { eventType: 'view', timestamp: '2026-10-23T00:00:00Z' },
            { eventType: 'search', timestamp: '2026-01-01T00:00:00Z', search: { keywords: 'shoes' } },
        );
        const tree = await explain(condition, profile);
        expect(tree).toMatchObject({ kind: 'chain', result: false, values: { stepsMatched: 2, steps: 3 } });
        expect(tree.children!.map(c => [c.path, c.kind, c.result, c.values])).toEqual([
            ['$.0', 'step', true, { what: 2, where: 2, when: 1, at: ['2026-10-20T00:00:00.000Z'] }],
            ['$.1', 'step', true, { what: 2, count: 2, after: '2026-10-20T00:00:00.000Z', at: ['2026-10-22T00:00:00.000Z', '2026-10-23T00:00:00.000Z'] }],
            ['$.2', 'step', false, { what: 1, after: '2026-10-23T00:00:00.000Z' }],
        ]);
        expect(tree.children![0].text).toMatch(/^A: WHAT\(eventType = "search"\)/u);
    });

    test('a very large profile is explained within a budget (marked partial)', async () => {
        const events = Array.from({ length: 600 }, (_, i) => ({ eventType: 'a', timestamp: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }));
        const tree = await explain('exists X from xEvent, Y from xEvent where Y.timestamp < X.timestamp and X.eventType = "b"', withEvents(...events));
        expect(tree.result).toBe(false);
        expect(tree.children![1].values).toMatchObject({ partial: true });
    });
});

describe('the run API', () => {
    test('the result serializes to the CLI JSON shape, in dataset order, with non-matching ids on request', async () => {
        const result = await run('n > 1', [{ _id: 'b', n: 2 }, { _id: 'a', n: 3 }, { n: 5 }, { _id: 'c', n: 'x' }], { collectNonMatching: true });
        expect(Object.keys(result).slice(0, 6)).toEqual(['segment', 'now', 'total', 'matched', 'ids', 'clauses']);
        expect(result).toMatchObject({ segment: 't', now: '2026-11-01T12:00:00.000Z', total: 4, matched: 3, ids: ['b', 'a', '#3'], nonMatchingIds: ['c'] });
    });

    test('the fast path without clause counts gives the same ids', async () => {
        const profiles = [searcher, buyer];
        expect((await run(SEED, profiles, { clauseCounts: false })).ids).toEqual((await run(SEED, profiles)).ids);
    });

    test('cancellation stops the run', async () => {
        const profiles = Array.from({ length: 1000 }, (_, i) => ({ _id: String(i) }));
        await expect(run('a = 1', profiles, { cancel: () => true })).rejects.toBeInstanceOf(EvaluationCancelledError);
    });

    test('async iterables are accepted', async () => {
        async function* gen() {
            yield { _id: 'x', a: 1 };
            yield { _id: 'y', a: 2 };
        }
        const [segment] = await parseSegments('segment s { where: a = 2 }');
        expect((await evaluateSegment(segment, gen(), { now: NOW })).ids).toEqual(['y']);
    });

    test('unknown functions and refused regexes are reported as warnings', async () => {
        const result = await run('frobnicate(1) or s matches "\\\\X+$"', [{ _id: 'a', s: 'aaa' }]);
        expect(result.matched).toBe(0);
        expect(result.warnings).toHaveLength(2);
        expect(result.warnings!.join('\n')).toMatch(/frobnicate[\s\S]*does not support/);
    });
});

describe('inSegment (§2.15)', () => {
    const text = `
        segment base { where: tier = "gold" }
        segment user { where: inSegment("base") and n > 1 }
        segment twice { where: inSegment("base") or (inSegment("base") and inSegment("base")) }
        segment external { where: inSegment("7deb246a-49b4-4687-95f9-6316df049948") }
        segment byAep { aepId: "11111111-2222-3333-4444-555555555555" where: n = 5 }
        segment viaAep { where: inSegment("11111111-2222-3333-4444-555555555555") }
        segment loopA { where: inSegment("loopB") or n = 9 }
        segment loopB { where: inSegment("loopA") }`;
    const profiles = [
        { _id: 'gold5', tier: 'gold', n: 5 }, { _id: 'gold0', tier: 'gold', n: 0 }, { _id: 'silver9', tier: 'silver', n: 9 },
        { _id: 'member', segmentMembership: { AEPSegments: { '7deb246a-49b4-4687-95f9-6316df049948': { status: 'existing' } } } },
        { _id: 'exited', segmentMembership: { ups: { '7deb246a-49b4-4687-95f9-6316df049948': { status: 'exited' } } } },
    ];
    const ids = async (name: string) => {
        const segments = await parseSegments(text);
        const segment = segments.find(s => s.name === name)!;
        return (await evaluateSegment(segment, profiles, { now: NOW, workspaceSegments: segments })).ids;
    };

    test('a local reference evaluates the referenced segment', async () => {
        expect(await ids('user')).toEqual(['gold5']);
        expect(await ids('twice')).toEqual(['gold5', 'gold0']);
    });

    test('an external id reads segmentMembership in any namespace; exited is not a member', async () => {
        expect(await ids('external')).toEqual(['member']);
    });

    test('a UUID declared as a local aepId resolves to that segment', async () => {
        expect(await ids('viaAep')).toEqual(['gold5']);
    });

    test('a cycle terminates (the inner reference counts as not a member)', async () => {
        expect(await ids('loopA')).toEqual(['silver9']);
    });
});
