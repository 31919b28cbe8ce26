import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { formatSegmentText } from '../../src/language/lsp/segment-formatter.js';
import { MAX_UNPARSED_NESTING } from '../../src/language/lsp/segment-completion-bound.js';
import { MAX_NESTING } from '../../src/language/parser/segment-nesting.js';
import { printPql } from '../../src/language/segment-pql-printer.js';
import { tokensRead } from '../helpers/segment-parser-work.js';
import { createParser } from '../helpers/segment-test-services.js';
import { segmentCondition } from '../../src/language/segment-properties.js';

const { services, parse, clear } = createParser();
const errors = vi.spyOn(console, 'error');
beforeEach(() => {
    clear();
    errors.mockClear();
});
afterEach(() => expect(errors).not.toHaveBeenCalled());

async function diagnose(text: string): Promise<string[]> {
    const document = await parse(text, { validation: true });
    return (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
}

const segment = (id: string, condition: string) => `segment ${id} {\n    where: ${condition}\n}\n`;
const andChain = (operands: number) => Array.from({ length: operands }, (_, i) => `person.birthYear > ${i}`).join(' and ');
const memberChain = (steps: number) => `person${'.person'.repeat(steps)}.birthYear > 1980`;

describe('input nested deeper than the tool analyses', () => {
    test.each([
        ['an and chain of 1,100 operands', andChain(1_100)],
        ['an and chain of 6,000 operands', andChain(6_000)],
        ['a member chain of 1,100 steps', memberChain(1_100)],
        ['a member chain of 5,000 steps', memberChain(5_000)],
        // Parsed in a loop, bounds included (segment-cst-builder.ts): the depth is found, not a stack overflow.
        ['a member chain of 60,000 steps', memberChain(60_000)],
        ['a filter chain of 3,000 filters', `xEvent${'[true]'.repeat(3_000)}.count() > 0`],
        ['a sum of 3,000 terms', `person.birthYear ${'+ 1 '.repeat(3_000)}> 1980`],
    ])('%s: one syntax/too-deep error at the segment, and the next file parses', async (_label, condition) => {
        const found = await diagnose(`// a deep one\n${segment('deep', condition)}`);
        expect(found).toEqual([expect.stringMatching(
            /^2:9 syntax\/too-deep Segment 'deep' nests more than 1,000 levels deep, .* Expected a smaller condition/u)]);
        // The parser is shared by all documents: its state must be clean after the failure.
        expect(await diagnose(segment('after_it', andChain(3)))).toEqual([]);
    });

    // Before: the whole path was parsed first (130,000 steps in 256 KB: 2 s with nothing else answered).
    test('a member path stops being parsed where it passes the limit', () => {
        const parser = services.Segment.parser.LangiumParser;
        const short = tokensRead(parser, segment('deep', memberChain(5_000)));
        expect(tokensRead(parser, segment('deep', memberChain(100_000)))).toBe(short);
    });

    test.each([
        ['600 parentheses inside one another', `${'('.repeat(600)}true${')'.repeat(600)}`],
        ['3,000 nots in a row', `${'not '.repeat(3_000)}true`],
    ])('%s: one syntax/too-deep error for the file', async (_label, condition) => {
        const found = await diagnose(segment('deep', condition));
        expect(found).toEqual([expect.stringMatching(/^1:1 syntax\/too-deep This file nests too deeply to analyse: .* Expected a smaller condition/u)]);
        expect(await diagnose(segment('after_it', andChain(3)))).toEqual([]);
    });
});

describe('input with more syntax errors than the tool analyses', () => {
    // Before: one error per `%` (10,000 here, 8 s of parsing; 120,000 exhausted the server's 1 GB heap).
    test('a run of 10,000 operators: the first 100 errors and one saying the file is not analysed further', async () => {
        const found = await diagnose(segment('noisy', `person.birthYear ${'% '.repeat(10_000)}> 1`));
        expect(found).toHaveLength(101);
        expect(found.slice(0, 100).every(d => d.includes(' syntax/parse '))).toBe(true);
        expect(found[100]).toMatch(/^2:\d+ syntax\/too-many-errors This file has more than 100 syntax errors, so it is not analysed further/u);
        expect(await diagnose(segment('after_it', andChain(3)))).toEqual([]);
    });

    test('100 errors are all reported, and the file is analysed', async () => {
        const found = await diagnose(segment('noisy', `person.birthYear ${'% '.repeat(100)}> 1`));
        expect(found.filter(d => d.includes(' syntax/'))).toHaveLength(100);
        expect(found.some(d => d.includes('too-many-errors'))).toBe(false);
    });
});

describe('completion in a file refused as too deep', () => {
    // Before: the completion parser overflowed the stack ('onCompletion' failed in the server's log).
    test('no items, no internal error', async () => {
        const text = segment('deep', `${'['.repeat(400)}person.birthYear > 1`);
        const document = await parse(text, { validation: true });
        const list = await services.Segment.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.textDocument.uri }, position: document.textDocument.positionAt(text.indexOf('person.') + 7) });
        expect(list?.items).toEqual([]);
    });
});

describe('input just inside the nesting bound', () => {
    // Segment file → segment → condition → … : a chain this long nests just under MAX_NESTING.
    const operands = MAX_NESTING - 10;

    test.each([
        ['an and chain', andChain(operands)],
        ['a member chain', memberChain(operands)],
        ['a filter chain', `xEvent${'[true]'.repeat(operands)}.count() > 0`],
        ['a sum', `person.birthYear ${'+ 1 '.repeat(operands)}> 1980`],
    ])('%s is analysed, formatted, printed and highlighted without an internal error', async (_label, condition) => {
        const text = segment('long', condition);
        const document = await parse(text, { validation: true });
        expect(document.parseResult.parserErrors).toEqual([]);
        expect((document.diagnostics ?? []).filter(d => String(d.code).startsWith('syntax/'))).toEqual([]);
        expect(formatSegmentText(services.Segment, text)).toContain('segment long');
        expect(printPql(segmentCondition(document.parseResult.value.segments[0])!).length).toBeGreaterThan(operands);
        const tokens = await services.Segment.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.textDocument.uri } });
        expect(tokens.data.length).toBeGreaterThan(0);
        const end = document.textDocument.positionAt(text.lastIndexOf('}') - 2);
        await services.Segment.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.textDocument.uri }, position: end });
        await services.Segment.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.textDocument.uri }, position: end });
    });
});

describe('completion inside deep nesting', () => {
    // The completion parser overflowed its stack at a depth that depends on the bracket and on the
    // stack left (a few dozen '[' the parser accepts, more for '('): every depth up to far beyond the bound.
    const depths = [20, 40, 60, 80, 100, 150, 200, 300, 500];
    test.each([
        ['[', ']'], ['(', ')'], ['not (', ')'], ['count(', ')'], ['xEvent[', ']'], ['select X from xEvent where (', ')'],
    ])('after %s, closed or not, answers a list (empty when too deep), never a stack overflow', async (open, close) => {
        for (const depth of depths) {
            for (const closed of [true, false]) {
                const text = segment(`d${depth}`, `${open.repeat(depth)}person.birthYear > 1${closed ? close.repeat(depth) : ''}`);
                const document = await parse(text);
                const position = document.textDocument.positionAt(text.indexOf('person.') + 'person.'.length);
                const list = await services.Segment.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.textDocument.uri }, position });
                expect(list?.items, `${depth} × ${open}${closed ? ' (closed)' : ''}`).toBeDefined();
                clear();
            }
        }
    }, 120_000);
});

describe('completion after the completion parser gave up', () => {
    // `in(` stops Langium's completion parser at once; Langium then interpreted every later token with one
    // grammar stack per open bracket, quadratic in the nesting: `in(` and 1,000 `(` took 6 s (a fuzzed
    // 14 KB document left completion unanswered for over 10 s). Before the bound this list had 83 items.
    const completeAfter = async (condition: string) => {
        const document = await parse(segment('open', condition));
        const position = document.textDocument.positionAt(document.textDocument.getText().lastIndexOf('('));
        return (await services.Segment.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.textDocument.uri }, position }))?.items;
    };

    test(`brackets left open deeper than ${MAX_UNPARSED_NESTING} levels are not interpreted`, async () => {
        expect(await completeAfter(`in${'('.repeat(1_000)}`)).toEqual([]);
    });

    test('a few brackets left open still get keyword completions', async () => {
        expect((await completeAfter(`in${'('.repeat(10)}`))?.length).toBeGreaterThan(0);
    });
});

describe('long inSegment chains', () => {
    const chain = (length: number, last: string) => Array.from({ length }, (_, i) =>
        segment(`s${i}`, i < length - 1 ? `inSegment("s${i + 1}")` : last)).join('');

    test('6,000 segments in a row are checked without an internal error', async () => {
        expect(await diagnose(chain(6_000, 'person.birthYear > 1980'))).toEqual([]);
    });

    test('a cycle through 1,500 segments is one cycle error per segment, with the whole path', async () => {
        const found = await diagnose(chain(1_500, 'inSegment("s0")'));
        expect(found).toHaveLength(1_500);
        expect(new Set(found.map(f => f.split(' ')[1]))).toEqual(new Set(['reference/cycle']));
        expect(found[0]).toContain('s1499');
    });
});
