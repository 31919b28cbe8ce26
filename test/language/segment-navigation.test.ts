import type { LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createParser } from '../helpers/segment-test-services.js';

const { services, parse } = createParser();
const lsp = services.Segment.lsp;

afterEach(() => clearDocuments(services.shared));

const VIP = 'segment vip {\n    name: "VIP"\n    where: person.birthYear > 1980\n}\n';
const USES = 'segment a {\n    where: inSegment("vip")\n}\n\nsegment b {\n    where: inSegment("a") or inSegment("vip")\n}\n';

async function workspace(): Promise<{ vip: LangiumDocument; uses: LangiumDocument }> {
    const vip = await parse(VIP, { documentUri: 'file:///ws/vip.segment' });
    const uses = await parse(USES, { documentUri: 'file:///ws/uses.segment' });
    return { vip, uses };
}

/** The range of the `n`-th occurrence of `text`, shrunk by `trim` characters on each side. */
function rangeOf(document: LangiumDocument, text: string, n = 0, trim = 0) {
    let offset = -1;
    for (let i = 0; i <= n; i++) {
        offset = document.textDocument.getText().indexOf(text, offset + 1);
    }
    return { start: document.textDocument.positionAt(offset + trim), end: document.textDocument.positionAt(offset + text.length - trim) };
}

describe('go to definition', () => {
    test('from inSegment("vip") to the segment in another file, underlining the id only', async () => {
        const { vip, uses } = await workspace();
        const links = await lsp.DefinitionProvider!.getDefinition(uses, {
            textDocument: { uri: uses.textDocument.uri }, position: rangeOf(uses, '"vip"', 0, 2).start,
        });
        expect(links).toHaveLength(1);
        expect(links![0].targetUri).toBe(vip.textDocument.uri);
        expect(links![0].targetSelectionRange).toEqual(rangeOf(vip, 'vip'));
        expect(links![0].targetRange.start).toEqual({ line: 0, character: 0 });
        expect(links![0].originSelectionRange).toEqual(rangeOf(uses, '"vip"', 0, 1));
    });

    test('from inSegment("a") to a segment of the same file', async () => {
        const { uses } = await workspace();
        const links = await lsp.DefinitionProvider!.getDefinition(uses, {
            textDocument: { uri: uses.textDocument.uri }, position: rangeOf(uses, '"a"', 0, 1).start,
        });
        expect(links?.map(l => [l.targetUri, l.targetSelectionRange])).toEqual([[uses.textDocument.uri, { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } }]]);
    });
});

describe('find references', () => {
    test('of a segment across files, with and without the declaration', async () => {
        const { vip, uses } = await workspace();
        const params = (includeDeclaration: boolean) => ({
            textDocument: { uri: vip.textDocument.uri }, position: rangeOf(vip, 'vip').start, context: { includeDeclaration },
        });
        const withDeclaration = await lsp.ReferencesProvider!.findReferences(vip, params(true));
        expect(withDeclaration.map(l => [l.uri, l.range])).toEqual([
            [vip.textDocument.uri, rangeOf(vip, 'vip')],
            [uses.textDocument.uri, rangeOf(uses, '"vip"', 0, 1)],
            [uses.textDocument.uri, rangeOf(uses, '"vip"', 1, 1)],
        ]);
        const referencesOnly = await lsp.ReferencesProvider!.findReferences(vip, params(false));
        expect(referencesOnly).toHaveLength(2);
    });

    test('from a reference, and highlighted in its own file', async () => {
        const { uses } = await workspace();
        const fromReference = await lsp.ReferencesProvider!.findReferences(uses, {
            textDocument: { uri: uses.textDocument.uri }, position: rangeOf(uses, '"vip"', 1, 1).start, context: { includeDeclaration: false },
        });
        expect(fromReference).toHaveLength(2);
        const highlights = await lsp.DocumentHighlightProvider!.getDocumentHighlight(uses, {
            textDocument: { uri: uses.textDocument.uri }, position: rangeOf(uses, '"vip"', 0, 1).start,
        });
        expect(highlights?.map(h => h.range)).toEqual([rangeOf(uses, '"vip"', 0, 1), rangeOf(uses, '"vip"', 1, 1)]);
    });
});
