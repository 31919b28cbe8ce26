/** Explanations, clause counts, inSegment and the run API (`evaluateSegment`). */
import { describe, expect, test } from 'vitest';
import { evaluateSegment, EvaluationCancelledError } from '../../src/engine/segment-engine.js';
import { NOW, parseSegments, run } from './engine-helpers.js';

const SEED = `select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers")
               and X.timestamp occurs <= 30 days before now
           and not (select P from xEvent where P.eventType = "commerce.purchases"
               and P.timestamp occurs <= 30 days before now)`;
const searcher = { _id: 'searcher', xEvent: [{ eventType: 'search', timestamp: '2026-10-20T00:00:00Z', search: { keywords: 'red sneakers' } }] };
const buyer = { _id: 'buyer', xEvent: [...searcher.xEvent, { eventType: 'commerce.purchases', timestamp: '2026-10-21T00:00:00Z' }] };

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
        const result = await run('frobnicate(1) or s matches "(a+)+$"', [{ _id: 'a', s: 'aaa' }]);
        expect(result.matched).toBe(0);
        expect(result.warnings).toHaveLength(2);
        expect(result.warnings!.join('\n')).toMatch(/frobnicate[\s\S]*refused/);
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
