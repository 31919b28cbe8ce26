import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createParser, inSegment, syntaxErrors } from '../helpers/segment-test-services.js';
import { segmentCondition } from '../../src/language/segment-properties.js';

/** `<n>. <expression>` lines of test/resources/corpus/reference.pql: every example of the PQL reference. */
export function readCorpus(file = 'test/resources/corpus/reference.pql'): Array<[string, string]> {
    return readFileSync(file, 'utf8').split('\n')
        .map(line => /^(\d+)\.\s+(.*)$/u.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map(m => [m[1], m[2]]);
}

const { parse } = createParser();
const logged: string[] = [];

beforeAll(() => {
    // Chevrotain's LL(*) lookahead reports grammar ambiguities through console.log while parsing.
    for (const method of ['log', 'warn', 'error'] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => { logged.push(args.join(' ')); });
    }
});
afterAll(() => vi.restoreAllMocks());

describe('the reference corpus', () => {
    const corpus = readCorpus();

    test('has every example of the reference', () => {
        expect(corpus.length).toBeGreaterThanOrEqual(150);
    });

    test.each(corpus)('#%s parses inside a segment', async (_n, expression) => {
        const document = await parse(inSegment(expression));
        expect(syntaxErrors(document)).toEqual([]);
        expect(segmentCondition(document.parseResult.value.segments[0])).toBeDefined();
    });

    test('parsing it reports no grammar ambiguity', () => {
        expect(logged.filter(line => /ambigu/iu.test(line))).toEqual([]);
    });
});

describe('known-bad examples of the reference', () => {
    const bad = readFileSync('test/resources/corpus/known-bad.pql', 'utf8').split('\n').filter(l => l && !l.startsWith('#'));

    test.each(bad.filter(l => /[“”]|\) and inSegment\("9e/u.test(l)))('%s is a syntax error', async expression => {
        const document = await parse(inSegment(expression));
        expect(syntaxErrors(document).length).toBeGreaterThan(0);
    });

    test('a single-quoted string parses with a warning', async () => {
        const document = await parse(inSegment(bad.find(l => l.includes("'US'"))!), { validation: true });
        expect(syntaxErrors(document)).toEqual([]);
        expect(document.diagnostics?.map(d => d.code)).toContain('syntax/single-quoted-string');
    });
});
