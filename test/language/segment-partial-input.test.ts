import { readFileSync } from 'node:fs';
import type { LangiumDocument } from 'langium';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import type { SegmentFile } from '../../src/language/generated/ast.js';
import { REQUIRED_PROPERTIES } from '../../src/language/parser/segment-incomplete-nodes.js';
import { INTERNAL_ERROR_CODE } from '../../src/language/validation/segment-internal-errors.js';
import { createParser, inSegment } from '../helpers/segment-test-services.js';

/**
 * Text as it is while being typed: a partial member access, an unfinished call, a half-written
 * `occurs`. Recovery leaves AST nodes with properties missing; no rule or editor feature may read
 * them as if present (an internal error is reported with the code `internal/error`).
 */
const PARTIAL_CONDITIONS = [
    'person.', 'person.name.', 'person.name.firstName.', 'xEvent.', 'xEvent[0].', '"abc".', '1.', '$1.', '^.', '^',
    'select X from xEvent where X.', 'select X from xEvent where X.eventType = "a" and X.', 'select X from xEvent where X.commerce.',
    'select', 'select X', 'select X from', 'select X from xEvent where', 'exists X from', 'forall', 'forall E from xEvent :',
    'sum', 'sum X nt [ e', 'sum X.commerce.order.priceTotal over', 'sum X.commerce.order.priceTotal over X from', 'let', 'let a = 1 in', 'let a =',
    'inSegment(', 'inSegment("', 'inSegment("x', 'inSegment()', 'inSegment("")', 'inSegment(""',
    'person.birthDate occurs', 'person.birthDate occurs <=', 'person.birthDate occurs <= 3', 'person.birthDate occurs <= 3 days',
    'person.birthDate occurs <= 3 days before', 'person.birthDate occurs between', 'person.birthDate occurs between today and',
    'person.birthDate occurs last', 'person.birthDate occurs on', 'person.birthDate occurs before person.',
    'occurs <= 3', '(', '()', 'not', 'not (', 'person.birthYear >', 'person.birthYear in [', 'person.birthYear in [1,',
    'person.birthYear +', '-', '{', '{"a":', '(X) =>', '(X, ', 'xEvent[', 'xEvent[eventType =', 'xEvent[].',
    'person.name.firstName.startsWith(', 'person.name.firstName.startsWith("a",', 'person.name.firstName.startsWith().',
    'currentYear(', 'currentYear().', 'xEvent.count(', 'xEvent.count().', 'xEvent.map(', 'xEvent.sum(', 'person.birthYear.',
    'chain(', 'chain(xEvent,', 'chain(xEvent, timestamp, [', 'chain(xEvent, timestamp, [C0:', 'chain(xEvent, timestamp, [C0: what(',
    'chain(xEvent, timestamp, [C0: what(eventType = "x") when(', 'chain(xEvent, timestamp, [C0: what(eventType = "x") when(<= 3',
    'chain(xEvent, timestamp, [C0: what(eventType = "x") count(', 'chain(xEvent, timestamp, [C0: what(eventType.',
    'person.birthYear > 1 and', 'person.birthYear > 1 or (', 'person.birthYear = 1 and person.',
    // A declaration that lost its variable (found by the fuzzer: "Cannot read properties of undefined (reading 'name')").
    'select from xEvent where X.a = 1', 'exists from xEvent where X.eventType = "a"', 'select X from xEvent where X.a = 1, from xEvent where Y.b = 1',
];

const PARTIAL_FILES = [
    'segment', 'segment t', 'segment t {', 'segment t { name:', 'segment t { evaluation:', 'segment t { where:', 'segment t { aepId:',
    'segment t { where: person. }\nsegment u { where: inSegment("t") }', 'segment { where: person.birthYear > 1 }',
    'test{profile:""b,:', 'test t { profile: { "person": { : 1 } } }',
];

const { services, parse, clear } = createParser();
// Langium's completion and validation catch a provider's exception and log it with console.error.
let logged: string[] = [];
beforeEach(() => {
    clear();
    logged = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ')); });
});
afterEach(() => {
    vi.restoreAllMocks();
    expect(logged).toEqual([]);
});

function internalErrors(diagnostics: Diagnostic[] = []): string[] {
    return diagnostics.filter(d => d.code === INTERNAL_ERROR_CODE || d.code === undefined || /error occurred/u.test(d.message)).map(d => d.message);
}

/** Every editor request over every offset of the document: none may throw. */
async function exerciseEditorFeatures(document: LangiumDocument<SegmentFile>): Promise<void> {
    const { lsp } = services.Segment;
    const textDocument = { uri: document.uri.toString() };
    const text = document.textDocument.getText();
    const token = CancellationToken.None;
    await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument }, token);
    await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument }, token);
    await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument }, token);
    await lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } });
    await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument }, token);
    const context = { diagnostics: document.diagnostics ?? [] };
    const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
    await lsp.CodeActionProvider!.getCodeActions(document, { textDocument, range: whole, context }, token);
    for (let offset = 0; offset <= text.length; offset++) {
        const position = document.textDocument.positionAt(offset);
        await lsp.HoverProvider!.getHoverContent(document, { textDocument, position }, token);
        await lsp.CompletionProvider!.getCompletion(document, { textDocument, position }, token);
    }
}

describe('partially typed input gives syntax diagnostics, never an internal error', () => {
    test.each(PARTIAL_CONDITIONS)('where: %s', async condition => {
        const document = await parse(inSegment(condition), { validation: true });
        expect(internalErrors(document.diagnostics)).toEqual([]);
        await exerciseEditorFeatures(document);
    });

    test.each(PARTIAL_FILES)('%s', async text => {
        const document = await parse(text, { validation: true });
        expect(internalErrors(document.diagnostics)).toEqual([]);
        await exerciseEditorFeatures(document);
    });

    // Real segments cut where a keystroke may leave them: after each token and each punctuation mark.
    test.each(['sneakers.segment', 'checkout-funnel.segment', 'email-audience.segment'])('every prefix of examples/%s', async file => {
        const text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8').replace(/\/\*\*[^]*?\*\/\n/gu, '');
        const failures: string[] = [];
        for (let length = 1; length <= text.length; length++) {
            if (/\w/u.test(text[length - 1]) && /\w/u.test(text[length] ?? '')) {
                continue;
            }
            const document = await parse(text.slice(0, length), { validation: true });
            failures.push(...internalErrors(document.diagnostics).map(message => `${JSON.stringify(text.slice(Math.max(0, length - 30), length))}: ${message}`));
            clear();
        }
        expect([...new Set(failures)]).toEqual([]);
    });
});

test('the table of required properties names real AST types and properties', () => {
    for (const [type, properties] of Object.entries(REQUIRED_PROPERTIES)) {
        const known = Object.keys(services.shared.AstReflection.getTypeMetaData(type).properties);
        expect(known, type).toEqual(expect.arrayContaining([...properties]));
    }
});

describe('a trailing dot after a name', () => {
    test('is one syntax error naming what may follow the dot', async () => {
        const document = await parse(inSegment('person.'), { validation: true });
        expect((document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`))
            .toEqual(["3:1 syntax/parse Expected a field or function name after '.' but found '}'."]);
    });
});
