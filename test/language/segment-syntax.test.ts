import { beforeEach, describe, expect, test } from 'vitest';
import type { SegmentDefinition } from '../../src/language/generated/ast.js';
import { sexpr } from '../helpers/segment-ast-printer.js';
import { createParser, inSegment, syntaxErrors } from '../helpers/segment-test-services.js';
import { segmentAepId, segmentCondition, segmentDescription, segmentEvaluation, segmentTitle } from '../../src/language/segment-properties.js';

const { parse, clear } = createParser();
beforeEach(() => clear());

async function condition(text: string): Promise<string> {
    const document = await parse(inSegment(text));
    expect(syntaxErrors(document)).toEqual([]);
    return sexpr(segmentCondition(document.parseResult.value.segments[0]));
}

const SEED = `// The seed example: searched for sneakers in the last 30 days but did not buy.
segment sneaker_abandoners {
    name: "Forgot your sneakers?"
    description: "Searched for sneakers in the last 30 days but made no purchase"
    where: select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers")
               and X.timestamp occurs <= 30 days before now
           and not (select P from xEvent where P.eventType = "commerce.purchases"
               and P.timestamp occurs <= 30 days before now)
}
`;

describe('segment declarations', () => {
    test('the seed example parses with its metadata', async () => {
        const document = await parse(SEED);
        expect(syntaxErrors(document)).toEqual([]);
        const segment: SegmentDefinition = document.parseResult.value.segments[0];
        expect(segment.name).toBe('sneaker_abandoners');
        expect(segmentTitle(segment)).toBe('Forgot your sneakers?');
        expect(segmentDescription(segment)).toContain('no purchase');
        // The select's `where` swallows the whole and-chain, including the negated select.
        expect(sexpr(segmentCondition(segment))).toMatch(/^\(select \[X xEvent \(and \(and \(and .* \(not \(select \[P xEvent/u);
    });

    test('properties come in any order; evaluation and aepId are optional', async () => {
        const document = await parse(`segment a {
    evaluation: streaming
    where: person.birthYear > 1980
    aepId: "e3be6d7f-1727-401f-a41e-c296b45f607a"
    name: "A"
}`);
        expect(syntaxErrors(document)).toEqual([]);
        const [segment] = document.parseResult.value.segments;
        expect([segmentEvaluation(segment), segmentAepId(segment), segmentTitle(segment)]).toEqual(['streaming', 'e3be6d7f-1727-401f-a41e-c296b45f607a', 'A']);
    });

    test('a where: property after a select without where is the segment property', async () => {
        const document = await parse('segment a {\n    where: select X from xEvent\n    name: "after"\n}');
        expect(syntaxErrors(document)).toEqual([]);
        expect(segmentTitle(document.parseResult.value.segments[0])).toBe('after');
    });

    test('line, block and doc comments are ignored by the parser', async () => {
        const document = await parse('/** Docs. */\nsegment a { // trailing\n /* block */ where: person.birthYear /* inline */ > 1980 }');
        expect(syntaxErrors(document)).toEqual([]);
    });
});

describe('operator precedence (docs/semantics.md)', () => {
    test.each([
        ['a = 1 and b = 2 or c = 3', '(or (and (= a 1) (= b 2)) (= c 3))'],
        ['a = 1 or b = 2 and c = 3', '(or (= a 1) (and (= b 2) (= c 3)))'],
        ['person.age % 5 = 0', '(= (% person.age 5) 0)'],
        ['person.birthYear - (person.birthMonth + person.birthDay)', '(- person.birthYear (+ person.birthMonth person.birthDay))'],
        ['a + b * c > -2', '(> (+ a (* b c)) (- 2))'],
        ['not a = 1 and b', '(and (not (= a 1)) b)'],
        ['!(a = 1)', '(not (= a 1))'],
        ['x.t occurs between date(2017, 10, 1) and date(2017, 12, 31) and y = 1',
            '(and (occurs x.t (between (date 2017 10 1) (date 2017 12 31))) (= y 1))'],
        ['x.t occurs <= 3 days before now', '(occurs x.t (<= 3 days before now))'],
        ['x.t occurs last month', '(occurs x.t last-month)'],
        ['select X from xEvent where X.a = 1, I from X.items where I.b = 2',
            '(select [X xEvent (= X.a 1)] [I X.items (= I.b 2)])'],
        ['exists E from xEvent : E.a = 1', '(exists [E xEvent (= E.a 1)])'],
    ])('%s', async (text, expected) => {
        expect(await condition(text)).toBe(expected);
    });
});

describe('keywords', () => {
    test('are case-insensitive and reach the AST in one spelling', async () => {
        const document = await parse(inSegment('A = 1 AND B = 2 Or NOT (c NOTIN [1]) and x.t OCCURS <= 3 DAYS Before NOW'));
        expect(syntaxErrors(document)).toEqual([]);
        expect(sexpr(segmentCondition(document.parseResult.value.segments[0])))
            .toBe('(or (and (= A 1) (= B 2)) (and (not (notIn c ListLiteral)) (occurs x.t (<= 3 days before now))))');
    });

    test.each([
        'CHAIN(xEvent, timestamp, [C0: WHAT(eventType = "a") WHEN(today)])',
        'chain(xEvent, timestamp, [C0: what(eventType = "a") when(today) count(2)])',
    ])('chain in either case: %s', async text => {
        const document = await parse(inSegment(text));
        expect(syntaxErrors(document)).toEqual([]);
    });

    test.each([
        'X.type = "FLIGHT"', 'orders.count() > 1', 'commerce.order.priceTotal > 1', 'x.from = 1', 'x.where.count = 2',
        'productListItems.exists(name.equals("MONTANA WIND JACKET", false))', 'count > 2 and description = "x" and day = 1',
    ])('words that are keywords elsewhere are field names: %s', async text => {
        const document = await parse(inSegment(text));
        expect(syntaxErrors(document)).toEqual([]);
    });
});
