import { URI, type LangiumDocument } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createSegmentServices } from '../../src/language/segment-module.js';

/**
 * A workspace as the language server holds it: files indexed without validation, then updated with
 * the server's default update options as the editor opens and edits them, or as files change on disk.
 */
async function editor(files: Record<string, string>) {
    const fileSystem = new VirtualFileSystemProvider();
    const { shared } = createSegmentServices({ fileSystemProvider: () => fileSystem });
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const textDocuments = shared.workspace.TextDocuments;
    const uri = (name: string) => URI.parse(`file:///ws/${name}`);
    for (const [name, text] of Object.entries(files)) {
        fileSystem.insert(uri(name), text);
    }
    const loaded = await Promise.all(Object.keys(files).map(name => documents.getOrCreateDocument(uri(name))));
    await builder.build(loaded, {});
    let version = 1;
    return {
        /** The diagnostic codes of a file; undefined when it was never validated. */
        codes: (name: string) => (documents.getDocument(uri(name)) as LangiumDocument).diagnostics?.map(d => String(d.code)),
        open: async (name: string, text: string) => {
            textDocuments.set(TextDocument.create(uri(name).toString(), 'segment', ++version, text));
            await builder.update([uri(name)], []);
        },
        /** A change on disk (a file watcher event), for a file that is not open. */
        save: async (name: string, text: string) => {
            fileSystem.insert(uri(name), text);
            await builder.update([uri(name)], []);
        },
        remove: async (name: string) => {
            await builder.update([], [uri(name)]);
        },
    };
}

describe('open files follow changes in closed files', () => {
    test('closed files are indexed, not validated', async () => {
        const ws = await editor({
            'a.segment': 'segment a { where: person.birthYear > 1980 }',
            'b.segment': 'segment b { where: inSegment("nowhere") }',
        });
        await ws.open('a.segment', 'segment a { where: person.birthYear > 1990 }');
        expect(ws.codes('a.segment')).toEqual([]);
        expect(ws.codes('b.segment')).toBeUndefined();
    });

    test('a duplicate id appears in the open file when a closed file declares it, and disappears when it is renamed', async () => {
        const ws = await editor({
            'a.segment': 'segment vip { where: loyalty.tier = "gold" }',
            'b.segment': 'segment platinum { where: loyalty.tier = "platinum" }',
        });
        await ws.open('a.segment', 'segment vip { where: loyalty.tier = "gold" }');
        expect(ws.codes('a.segment')).toEqual([]);
        await ws.save('b.segment', 'segment vip { where: loyalty.tier = "platinum" }');
        expect(ws.codes('a.segment')).toEqual(['segment/duplicate-id']);
        await ws.save('b.segment', 'segment platinum { where: loyalty.tier = "platinum" }');
        expect(ws.codes('a.segment')).toEqual([]);
    });

    test('a duplicate id between two open files follows edits of either', async () => {
        const ws = await editor({
            'a.segment': 'segment vip { where: loyalty.tier = "gold" }',
            'b.segment': 'segment other { where: loyalty.tier = "platinum" }',
        });
        await ws.open('a.segment', 'segment vip { where: loyalty.tier = "gold" }');
        await ws.open('b.segment', 'segment vip { where: loyalty.tier = "platinum" }');
        expect(ws.codes('a.segment')).toEqual(['segment/duplicate-id']);
        expect(ws.codes('b.segment')).toEqual(['segment/duplicate-id']);
        await ws.open('b.segment', 'segment other { where: loyalty.tier = "platinum" }');
        expect(ws.codes('a.segment')).toEqual([]);
        expect(ws.codes('b.segment')).toEqual([]);
    });

    test('a duplicate id clears when the other file is deleted', async () => {
        const ws = await editor({
            'a.segment': 'segment vip { where: loyalty.tier = "gold" }',
            'b.segment': 'segment vip { where: loyalty.tier = "platinum" }',
        });
        await ws.open('a.segment', 'segment vip { where: loyalty.tier = "gold" }');
        expect(ws.codes('a.segment')).toEqual(['segment/duplicate-id']);
        await ws.remove('b.segment');
        expect(ws.codes('a.segment')).toEqual([]);
    });

    test('an unknown inSegment in the open file resolves when a closed file declares the id or the name', async () => {
        const ws = await editor({
            'a.segment': 'segment a { where: inSegment("later") and inSegment("Big spenders") }',
            'b.segment': 'segment b { where: person.birthYear > 1980 }',
        });
        await ws.open('a.segment', 'segment a { where: inSegment("later") and inSegment("Big spenders") }');
        expect(ws.codes('a.segment')).toEqual(['reference/unknown-segment', 'reference/unknown-segment']);
        await ws.save('b.segment', 'segment later { where: person.birthYear > 1980 }');
        expect(ws.codes('a.segment')).toEqual(['reference/unknown-segment']);
        await ws.save('b.segment', 'segment later { where: person.birthYear > 1980 }\nsegment spenders { name: "Big spenders" where: loyalty.points > 10 }');
        expect(ws.codes('a.segment')).toEqual([]);
        await ws.save('b.segment', 'segment b { where: person.birthYear > 1980 }');
        expect(ws.codes('a.segment')).toEqual(['reference/unknown-segment', 'reference/unknown-segment']);
    });

    test('a cycle through a closed file appears in the open file', async () => {
        const ws = await editor({
            'a.segment': 'segment a { where: inSegment("b") }',
            'b.segment': 'segment b { where: person.birthYear > 1980 }',
        });
        await ws.open('a.segment', 'segment a { where: inSegment("b") }');
        expect(ws.codes('a.segment')).toEqual([]);
        await ws.save('b.segment', 'segment b { where: inSegment("a") }');
        expect(ws.codes('a.segment')).toEqual(['reference/cycle']);
        await ws.save('b.segment', 'segment b { where: person.birthYear > 1980 }');
        expect(ws.codes('a.segment')).toEqual([]);
    });
});
