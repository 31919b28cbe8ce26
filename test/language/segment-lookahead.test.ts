import { Alternation, NonTerminal, getLookaheadPaths, type IProduction, type Rule } from 'chevrotain';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { longerAlternatives } from '../../src/language/parser/segment-lookahead.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { mutate } from '../fuzz/mutations.js';
import { Random } from '../fuzz/random.js';
import { shape, tokensRead } from '../helpers/segment-parser-work.js';
import { createTestServices } from '../helpers/segment-test-services.js';

const ours = createTestServices().Segment.parser.LangiumParser;
// Langium's own lookahead (ALL(*) everywhere): the parser of the grammar as Langium would build it.
const langiums = createSegmentServices(EmptyFileSystem, { parser: { ParserConfig: () => ({ skipValidations: true }) } }).Segment.parser.LangiumParser;

const nested = (open: string, depth: number) => `segment s { where: ${open.repeat(depth)}person.birthYear${')'.repeat(depth)} > 1 }`;

describe('the choice between a name and a call', () => {
    // Before: the choice read each call to its closing parenthesis (n² tokens; `count(` × 200 took 40 s in the editor).
    test.each(['count(', 'foo(', 'a.f(count(', 'not count(', 'pnot (not ('])('reads tokens in linear time as %s calls nest', open => {
        const small = tokensRead(ours, nested(open, 16));
        const large = tokensRead(ours, nested(open, 32));
        expect(large / small).toBeLessThan(2.3);
    });

    test('Langium\'s lookahead reads them in quadratic time (what the test above guards against)', () => {
        expect(tokensRead(langiums, nested('count(', 32)) / tokensRead(langiums, nested('count(', 16))).toBeGreaterThan(3);
    });

    test('an unclosed call is still a call: the error is where the parenthesis is missing', () => {
        const result = ours.parse('segment s { where: count(person.a.b(1 }');
        expect(result.parserErrors.length).toBeGreaterThan(0);
        expect(JSON.stringify(shape(result.value))).toContain('"type":"FunctionCall"');
    });

    test('only the name-or-call choice and the literal-or-expression choice of list items are decided on two tokens', () => {
        const rules = Object.values((ours as unknown as { wrapper: { getGAstProductions(): Record<string, Rule> } }).wrapper.getGAstProductions());
        const decided = rules.flatMap(rule => alternations(rule.definition)
            .filter(alternation => longerAlternatives(getLookaheadPaths({ occurrence: alternation.idx, rule, prodType: 'Alternation', maxLookahead: 2 })).size > 0)
            .map(() => rule.name.replace(/\u200B/gu, '')));
        expect(decided).toEqual(['PrimaryExpression', 'ListItem']);
    });
});

describe('the same trees as Langium\'s lookahead builds', () => {
    const corpus = loadCorpus(process.cwd());
    test('on every example, test resource and docs block', () => {
        for (const seed of corpus) {
            expect(shape(ours.parse(seed.text).value), seed.source).toEqual(shape(langiums.parse(seed.text).value));
        }
    });

    // Shallow ones only: Langium's lookahead takes gigabytes on a call around a few hundred nested `not (`.
    test('on mutated documents that parse without errors; the others get errors from both', () => {
        const random = new Random(20261205);
        let valid = 0;
        for (let i = 0; i < 400 && valid < 10; i++) {
            const text = mutate(random.pick(corpus).text, random).text.slice(0, 20_000);
            if (bracketDepth(text) > 20) {
                continue;
            }
            const reference = langiums.parse(text);
            const mine = ours.parse(text);
            if (reference.parserErrors.length === 0) {
                valid++;
                expect(mine.parserErrors, text).toEqual([]);
                expect(shape(mine.value), text).toEqual(shape(reference.value));
            } else {
                expect(mine.parserErrors.length, text).toBeGreaterThan(0);
            }
        }
        expect(valid).toBe(10);
    });
});

function alternations(definition: IProduction[]): Alternation[] {
    return definition.flatMap(production => [
        ...(production instanceof Alternation ? [production] : []),
        ...(!(production instanceof NonTerminal) && 'definition' in production && Array.isArray(production.definition) ? alternations(production.definition as IProduction[]) : []),
    ]);
}

/** How deeply brackets nest in `text` (strings and comments not told apart: a bound, not a parse). */
function bracketDepth(text: string): number {
    let depth = 0;
    let deepest = 0;
    for (const character of text) {
        depth += '([{'.includes(character) ? 1 : ')]}'.includes(character) ? -1 : 0;
        deepest = Math.max(deepest, depth);
    }
    return deepest;
}
