import { URI, type LangiumDocument } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { CancellationToken, type CompletionItem } from 'vscode-languageserver';
import { createSegmentServices } from '../../src/language/segment-module.js';

const PROJECT_A = {
    'a/segment.config.json': '{}',
    'a/vip.segment': 'segment vip {\n    name: "VIP customers"\n    description: "Gold and platinum tiers"\n    where: loyalty.tier in ["gold", "platinum"]\n}\n'
        + 'segment adults { where: person.birthYear < 2000 }\n',
    // A sibling folder with its own config is another project: its segments are not offered.
    'b/segment.config.json': '{}',
    'b/other.segment': 'segment other_project_segment { name: "Elsewhere" where: person.birthYear > 1 }\n',
};

/** Completion at `|` in a document of project `a`, with the whole workspace loaded as the server does. */
async function completeAt(textWithCursor: string): Promise<{ items: CompletionItem[]; text: string; document: LangiumDocument }> {
    const fileSystem = new VirtualFileSystemProvider();
    const { shared, Segment } = createSegmentServices({ fileSystemProvider: () => fileSystem });
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const files: Record<string, string> = { ...PROJECT_A, 'a/edited.segment': text };
    for (const [name, content] of Object.entries(files)) {
        fileSystem.insert(URI.parse(`file:///ws/${name}`), content);
    }
    const documents = await Promise.all(Object.keys(files).filter(name => name.endsWith('.segment'))
        .map(name => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`file:///ws/${name}`))));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const document = documents.at(-1)!;
    const list = await Segment.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset),
    }, CancellationToken.None);
    return { items: list?.items ?? [], text, document };
}

function applied(text: string, item: CompletionItem, document: LangiumDocument): string {
    const edit = item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
    const start = document.textDocument.offsetAt(edit.range.start);
    const end = document.textDocument.offsetAt(edit.range.end);
    return text.slice(0, start) + edit.newText + text.slice(end);
}

describe('inSegment completion', () => {
    test('inside the quotes: ids of this project, detail = name, documentation = description', async () => {
        const { items, text, document } = await completeAt('segment s { where: inSegment("|") }');
        expect(items.map(i => i.label)).toEqual(['adults', 'vip']);
        const vip = items.find(i => i.label === 'vip')!;
        expect(vip.detail).toBe('VIP customers');
        expect(vip.documentation).toEqual({ kind: 'markdown', value: 'Gold and platinum tiers' });
        expect(applied(text, vip, document)).toBe('segment s { where: inSegment("vip") }');
        expect(items.find(i => i.label === 'adults')!.detail).toBe('segment in vip.segment');
    });

    test('while the quote is still open, and with part of the id typed', async () => {
        const open = await completeAt('segment s {\n    where: inSegment("|\n}');
        expect(open.items.map(i => i.label)).toEqual(['adults', 'vip']);
        expect(applied(open.text, open.items[1], open.document)).toBe('segment s {\n    where: inSegment("vip\n}');
        const partial = await completeAt('segment s { where: inSegment("vi|p_old") }');
        expect(applied(partial.text, partial.items.find(i => i.label === 'vip')!, partial.document)).toBe('segment s { where: inSegment("vip") }');
    });

    test('before any quote: the ids as strings, never titles nor the AST type', async () => {
        const { items, text, document } = await completeAt('segment s { where: inSegment(|) }');
        expect(items.map(i => i.label)).toEqual(['adults', 'vip']);
        expect(items.map(i => i.detail)).not.toContain('SegmentDefinition');
        expect(applied(text, items.find(i => i.label === 'vip')!, document)).toBe('segment s { where: inSegment("vip") }');
    });

    test('the segment being edited is not offered (it cannot contain itself)', async () => {
        const { items } = await completeAt('segment s { where: inSegment("|") }\nsegment t { where: person.birthYear > 1 }');
        expect(items.map(i => i.label)).toEqual(['adults', 't', 'vip']);
    });
});

describe('an empty inSegment id while typing', () => {
    test('is one warning, not an unknown-segment error', async () => {
        const { document } = await completeAt('segment s { where: inSegment("|") }');
        expect((document.diagnostics ?? []).map(d => [d.code, d.severity])).toEqual([['reference/empty-segment-id', 2]]);
    });
});
