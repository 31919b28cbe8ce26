import type { ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { isRefused } from '../../src/language/parser/segment-parser.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { mutate } from '../fuzz/mutations.js';
import { Random } from '../fuzz/random.js';
import { shape, tokensRead } from '../helpers/segment-parser-work.js';
import { createTestServices } from '../helpers/segment-test-services.js';

const ours = createTestServices().Segment.parser.LangiumParser;
// The same parser with Chevrotain's own recovery: the replaced methods are instance properties of its wrapper.
const chevrotains = createTestServices().Segment.parser.LangiumParser;
const wrapper = (chevrotains as unknown as { wrapper: Record<string, unknown> }).wrapper;
delete wrapper.findReSyncTokenType;
delete wrapper.tryInRepetitionRecovery;

// Each line a syntax error (`1ISO` is a number then a name) in a segment whose `}` comes last: what may follow
// is at the end of the file, and Chevrotain read to it at each error.
const erroneous = (lines: number) => `segment s {\n${'    where: person.a.b = 1ISO = "CA" and person.birthYear = 1985\n'.repeat(lines)}}\n`;

describe('error recovery', () => {
    test('reads tokens in linear time as errors and the text after them grow', () => {
        const small = tokensRead(ours, erroneous(40));
        const large = tokensRead(ours, erroneous(80));
        expect(large / small).toBeLessThan(2.3);
    });

    test('Chevrotain\'s reads them in quadratic time (what the test above guards against)', () => {
        expect(tokensRead(chevrotains, erroneous(80)) / tokensRead(chevrotains, erroneous(40))).toBeGreaterThan(3);
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

function comparable(result: ParseResult): unknown {
    return {
        tree: shape(result.value),
        errors: result.parserErrors.map(error => ({ message: error.message, at: error.token.startOffset, skipped: error.resyncedTokens.map(token => token.startOffset) })),
    };
}
