import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { createParser } from '../helpers/segment-test-services.js';

const { services, parse } = createParser();
const lsp = services.Segment.lsp;

afterEach(() => clearDocuments(services.shared));

describe('document symbols', () => {
    test('one symbol per segment: id as name, name: as detail, no variables', async () => {
        const document = await parse('segment vip {\n    name: "VIP customers"\n    where: select X from xEvent where X.a = 1\n}\n\nsegment plain { where: true }\n');
        const symbols = await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.textDocument.uri } });
        expect(symbols.map(s => [s.name, s.detail, s.kind, s.children?.map(c => c.name)])).toEqual([
            ['vip', 'VIP customers', SymbolKind.Class, ['select X from xEvent where X.a = 1']],
            ['plain', '', SymbolKind.Class, ['true']],
        ]);
        expect(symbols[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 3, character: 1 } });
        expect(symbols[0].selectionRange).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 11 } });
    });

    test('a segment\'s clauses are its children: and/or operands, event selections, chain steps; then tests', async () => {
        const text = [
            'segment abandoners {',
            '    where: (select X from xEvent where X.eventType = "search" and X.timestamp occurs <= 30 days before now)',
            '        and not (select P from xEvent where P.eventType = "commerce.purchases")',
            '        and (person.birthYear > 1990 or person.birthYear < 1950)',
            '        and xEvent[eventType = "web.webpagedetails.pageViews" and timestamp occurs today].count() > 2',
            '}',
            'test finds_none {',
            '    segment: abandoners',
            '    expect: no match',
            '}',
            'segment funnel {',
            '    where: CHAIN(xEvent, timestamp, [A: WHAT(eventType = "a"), B: WHAT(eventType = "b" and commerce.order.priceTotal > 1)])',
            '        or xEvent.exists(eventType = "c")',
            '}',
        ].join('\n');
        const document = await parse(text);
        const symbols = await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.textDocument.uri } });
        const outline = (list: DocumentSymbol[] | undefined, indent = ''): string[] =>
            (list ?? []).flatMap(s => [`${indent}${s.name}${s.detail ? ` [${s.detail}]` : ''}`, ...outline(s.children, `${indent}  `)]);
        expect(outline(symbols)).toEqual([
            'abandoners',
            '  (select X from xEvent where X.eventType = "search" and X.ti… [event selection]',
            '    X.eventType = "search"',
            '    X.timestamp occurs <= 30 days before now',
            '  not (select P from xEvent where P.eventType = "commerce.pur… [not]',
            '    P.eventType = "commerce.purchases"',
            '  (person.birthYear > 1990 or person.birthYear < 1950) [or]',
            '    person.birthYear > 1990',
            '    person.birthYear < 1950',
            '  xEvent[eventType = "web.webpagedetails.pageViews" and times… [event selection]',
            '    eventType = "web.webpagedetails.pageViews"',
            '    timestamp occurs today',
            'finds_none [test of abandoners]',
            'funnel',
            '  CHAIN(xEvent, timestamp, [A: WHAT(eventType = "a"), B: WHAT… [chain, 2 steps]',
            '    A: WHAT(eventType = "a") [chain step]',
            '    B: WHAT(eventType = "b" and commerce.order.priceTotal > 1) [chain step]',
            '      eventType = "b"',
            '      commerce.order.priceTotal > 1',
            '  xEvent.exists(eventType = "c") [event selection]',
            '    eventType = "c"',
        ]);
        // Each clause's range is its text, so choosing it in the Outline selects the clause.
        const orGroup = symbols[0].children![2];
        expect(document.textDocument.getText(orGroup.range)).toBe('(person.birthYear > 1990 or person.birthYear < 1950)');
        expect(orGroup.selectionRange).toEqual(orGroup.range);
        expect(document.textDocument.getText(symbols[2].children![0].children![1].range)).toBe('B: WHAT(eventType = "b" and commerce.order.priceTotal > 1)');
        expect(symbols[1].kind).toBe(SymbolKind.Method);
    });

    test('clauses nest to a bounded depth', async () => {
        const deep = 'segment deep { where: a = 1 and (b = 1 or (c = 1 and (d = 1 or (e = 1 and (f = 1 or g = 1))))) }';
        const symbols = await lsp.DocumentSymbolProvider!.getSymbols(await parse(deep), { textDocument: { uri: 'file:///deep.segment' } });
        let depth = 0;
        for (let level: DocumentSymbol[] | undefined = symbols; level?.length; level = level.at(-1)!.children) {
            depth++;
        }
        expect(depth).toBe(5);
    });

    test('workspace symbols find segments of every file', async () => {
        await parse('segment vip { where: true }', { documentUri: 'file:///ws/a.segment' });
        await parse('segment vipish { where: true }', { documentUri: 'file:///ws/b.segment' });
        const symbols = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'vip' });
        expect(symbols.map(s => s.name).sort()).toEqual(['vip', 'vipish']);
    });
});

describe('folding ranges', () => {
    const text = [
        '/* A block comment',
        '   over',
        '   three lines */',
        '// #region customers',
        '// one',
        '// two',
        '// three',
        'segment vip {',
        '    where: a = 1',
        '        and (b = 2',
        '            or c = 3',
        '            or d = 4)',
        '        and e = 5',
        '}',
        '// #endregion',
        'segment short { where: a }',
    ].join('\n');

    test('segment bodies, multi-line conditions and brackets, comments and regions fold; nothing folds twice', async () => {
        const document = await parse(text);
        const ranges = await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.textDocument.uri } });
        const summary = ranges.map(r => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`).sort();
        expect(summary).toEqual([
            `0-1 ${FoldingRangeKind.Comment}`,
            `3-14 ${FoldingRangeKind.Region}`,
            `4-6 ${FoldingRangeKind.Comment}`,
            '7-12',
            '8-12',
            '9-11',
        ].sort());
    });
});
