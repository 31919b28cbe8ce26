import type { LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createParser } from '../helpers/segment-test-services.js';

const { services, parse } = createParser();
const renameProvider = services.Segment.lsp.RenameProvider!;

afterEach(() => clearDocuments(services.shared));

const VIP = 'segment vip {\n    name: "VIP"\n    where: person.birthYear > 1980\n}\n';
const USES = 'segment a {\n    where: inSegment("vip") and not inSegment("vip")\n}\n';

async function workspace(): Promise<{ vip: LangiumDocument; uses: LangiumDocument }> {
    const vip = await parse(VIP, { documentUri: 'file:///ws/vip.segment' });
    const uses = await parse(USES, { documentUri: 'file:///ws/uses.segment' });
    return { vip, uses };
}

function position(document: LangiumDocument, text: string, delta = 0) {
    return document.textDocument.positionAt(document.textDocument.getText().indexOf(text) + delta);
}

function applied(edit: WorkspaceEdit | undefined, document: LangiumDocument): string {
    return TextDocument.applyEdits(document.textDocument, edit?.changes?.[document.textDocument.uri] ?? []);
}

describe('rename segment ids', () => {
    test('from the declaration: the declaration and every reference in other files, quotes kept', async () => {
        const { vip, uses } = await workspace();
        const edit = await renameProvider.rename(vip, { textDocument: { uri: vip.textDocument.uri }, position: position(vip, 'vip', 1), newName: 'gold' });
        expect(applied(edit, vip)).toBe(VIP.replace('segment vip', 'segment gold'));
        expect(applied(edit, uses)).toBe(USES.replaceAll('"vip"', '"gold"'));
    });

    test('from an inSegment string', async () => {
        const { vip, uses } = await workspace();
        const edit = await renameProvider.rename(uses, { textDocument: { uri: uses.textDocument.uri }, position: position(uses, '"vip"', 2), newName: 'gold' });
        expect(applied(edit, vip)).toBe(VIP.replace('segment vip', 'segment gold'));
        expect(applied(edit, uses)).toBe(USES.replaceAll('"vip"', '"gold"'));
    });

    test('prepareRename offers the id without its quotes, and nothing on other tokens', async () => {
        const { vip, uses } = await workspace();
        const inString = await renameProvider.prepareRename(uses, { textDocument: { uri: uses.textDocument.uri }, position: position(uses, '"vip"', 1) });
        const start = uses.textDocument.getText().indexOf('"vip"') + 1;
        expect(inString).toEqual({ start: uses.textDocument.positionAt(start), end: uses.textDocument.positionAt(start + 3) });
        const onDeclaration = await renameProvider.prepareRename(vip, { textDocument: { uri: vip.textDocument.uri }, position: position(vip, 'vip') });
        expect(onDeclaration).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 11 } });
        const onField = await renameProvider.prepareRename(vip, { textDocument: { uri: vip.textDocument.uri }, position: position(vip, 'birthYear') });
        expect(onField).toBeUndefined();
    });

    test('an AEP audience id (unresolved) cannot be renamed', async () => {
        const document = await parse('segment a { where: inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") }');
        const result = await renameProvider.prepareRename(document, { textDocument: { uri: document.textDocument.uri }, position: position(document, 'e3be') });
        expect(result).toBeUndefined();
    });

    test('refuses a new name that is not an id, or that another segment already has', async () => {
        const { vip, uses } = await workspace();
        const params = (newName: string) => ({ textDocument: { uri: vip.textDocument.uri }, position: position(vip, 'vip'), newName });
        await expect(renameProvider.rename(vip, params('two words'))).rejects.toThrow(/not a valid segment id/u);
        await expect(renameProvider.rename(vip, params('a'))).rejects.toThrow(/already exists/u);
        expect(uses.textDocument.getText()).toBe(USES);
    });
});
