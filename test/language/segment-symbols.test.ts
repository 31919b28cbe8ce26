import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver';
import { createParser } from '../helpers/segment-test-services.js';

const { services, parse } = createParser();
const lsp = services.Segment.lsp;

afterEach(() => clearDocuments(services.shared));

describe('document symbols', () => {
    test('one symbol per segment: id as name, name: as detail, no variables', async () => {
        const document = await parse('segment vip {\n    name: "VIP customers"\n    where: select X from xEvent where X.a = 1\n}\n\nsegment plain { where: true }\n');
        const symbols = await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.textDocument.uri } });
        expect(symbols.map(s => [s.name, s.detail, s.kind, s.children])).toEqual([
            ['vip', 'VIP customers', SymbolKind.Class, undefined],
            ['plain', '', SymbolKind.Class, undefined],
        ]);
        expect(symbols[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 3, character: 1 } });
        expect(symbols[0].selectionRange).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 11 } });
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
