import type { ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { isRefused } from '../../src/language/parser/segment-parser.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { mutate } from '../fuzz/mutations.js';
import { Random } from '../fuzz/random.js';
import { shape, tokensRead } from '../helpers/segment-parser-work.js';
import { createTestServices } from '../helpers/segment-test-services.js';

const services = createTestServices().Segment;
const ours = services.parser.LangiumParser;
// The same parser with Chevrotain's own recovery: the replaced methods are instance properties of its wrapper.
const chevrotains = createTestServices().Segment.parser.LangiumParser;
const wrapper = (chevrotains as unknown as { wrapper: Record<string, unknown> }).wrapper;
delete wrapper.findReSyncTokenType;
delete wrapper.tryInRepetitionRecovery;
delete wrapper.ruleInvocationStateUpdate;
delete wrapper.reloadRecogState;
delete wrapper.raiseNoAltException;

// Each line a syntax error (`1ISO` is a number then a name) in a segment whose `}` comes last: what may follow
// is at the end of the file, and Chevrotain read to it at each error.
const erroneous = (lines: number) => `segment s {\n${'    where: person.a.b = 1ISO = "CA" and person.birthYear = 1985\n'.repeat(lines)}}\n`;

// Conditions whose brackets never close, an error each: each bracket is a dozen frames more on the rule stack.
const unclosed = (brackets: number) => `segment s {\n${`    where: person.a${'('.repeat(brackets)} x\n`.repeat(8)}}\n`;

describe('error recovery', () => {
    test('reads tokens in linear time as errors and the text after them grow', () => {
        const small = tokensRead(ours, erroneous(40));
        const large = tokensRead(ours, erroneous(80));
        expect(large / small).toBeLessThan(2.3);
    });

    test('Chevrotain\'s reads them in quadratic time (what the test above guards against)', () => {
        expect(tokensRead(chevrotains, erroneous(80)) / tokensRead(chevrotains, erroneous(40))).toBeGreaterThan(3);
    });

    test('looks up what may follow in time linear in how deep unclosed brackets nest', () => {
        expect(followSetsRead(ours, unclosed(16)) / followSetsRead(ours, unclosed(8))).toBeLessThan(2.5);
        expect(followSetsRead(chevrotains, unclosed(16)) / followSetsRead(chevrotains, unclosed(8))).toBeGreaterThan(3);
    });

    test('the completion parser (the text before the cursor) recovers in linear time too', () => {
        const completion = services.parser.CompletionParser;
        // `(not (not …` left open, as typed before the cursor: an error at every level (91 KB of it took 97 s to complete in).
        const open = (depth: number) => `segment s {\n    where: person.a and x${'(not '.repeat(depth)}`;
        expect(followSetsRead(completion, open(30)) / followSetsRead(completion, open(15))).toBeLessThan(2.5);
    });

    test('works out the expected tokens of an alternation once, not at every error there', () => {
        // Each line: 'Expected an expression … but found '*'.'
        const missing = (lines: number) => `segment s {\n${'    where: person.a + * 1\n'.repeat(lines)}}\n`;
        expect(ours.parse(missing(8)).parserErrors.map(error => error.message)).toContain(chevrotains.parse(missing(8)).parserErrors[0].message);
        expect(grammarReads(ours, missing(16))).toBe(grammarReads(ours, missing(8)));
        expect(grammarReads(chevrotains, missing(16))).toBeGreaterThan(grammarReads(chevrotains, missing(8)));
    });

    test('recovers as Chevrotain\'s does: the same trees and errors on the corpus and on mutated documents', () => {
        const corpus = loadCorpus(process.cwd());
        const random = new Random(20261206);
        const texts = [...corpus.map(seed => seed.text), ...Array.from({ length: 300 }, () => mutate(random.pick(corpus).text, random).text.slice(0, 20_000))];
        let withErrors = 0;
        for (const text of texts) {
            const expected = chevrotains.parse(text);
            const actual = ours.parse(text);
            // Nesting that exhausts the stack refuses the file at a depth that depends on the stack each
            // parser's frames take (and on the JIT): not a recovery to compare.
            if (isRefused(expected) || isRefused(actual)) {
                continue;
            }
            withErrors += expected.parserErrors.length > 0 ? 1 : 0;
            expect(comparable(actual), text).toEqual(comparable(expected));
        }
        expect(withErrors).toBeGreaterThan(100);
    });
});

/** The rule follow sets `parser` looks up while parsing `text`. */
function followSetsRead(parser: { parse(text: string): unknown }, text: string): number {
    const resync = (parser as unknown as { wrapper: { resyncFollows: Record<string, unknown> } }).wrapper;
    const follows = resync.resyncFollows;
    let count = 0;
    resync.resyncFollows = new Proxy(follows, { get: (target, key) => (count++, Reflect.get(target, key)) });
    try {
        parser.parse(text);
    } finally {
        resync.resyncFollows = follows;
    }
    return count;
}

/** How often `parser` reads the grammar (Chevrotain does for the message of each "no viable alternative" error). */
function grammarReads(parser: typeof ours, text: string): number {
    const handler = (parser as unknown as { wrapper: { getGAstProductions(): unknown } }).wrapper;
    const read = handler.getGAstProductions;
    let count = 0;
    handler.getGAstProductions = function (this: unknown) {
        count++;
        return read.call(this);
    };
    try {
        parser.parse(text);
    } finally {
        delete (handler as { getGAstProductions?: unknown }).getGAstProductions;
    }
    return count;
}

function comparable(result: ParseResult): unknown {
    return {
        tree: shape(result.value),
        errors: result.parserErrors.map(error => ({ message: error.message, at: error.token.startOffset, skipped: error.resyncedTokens.map(token => token.startOffset) })),
    };
}
