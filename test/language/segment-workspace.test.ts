import { URI, type LangiumDocument } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createSegmentServices } from '../../src/language/segment-module.js';

/** Documents kept in the workspace and updated like an editor does, to see diagnostics follow other files. */
async function workspace(files: Record<string, string>) {
    const fileSystem = new VirtualFileSystemProvider();
    const { shared } = createSegmentServices({ fileSystemProvider: () => fileSystem });
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    builder.updateBuildOptions = { validation: true };
    const uri = (name: string) => URI.parse(`file:///ws/${name}`);
    for (const [name, text] of Object.entries(files)) {
        fileSystem.insert(uri(name), text);
    }
    const loaded = await Promise.all(Object.keys(files).filter(name => name.endsWith('.segment')).map(name => documents.getOrCreateDocument(uri(name))));
    await builder.build(loaded, { validation: true });
    return {
        columns: (name: string) => (documents.getDocument(uri(name)) as LangiumDocument).diagnostics?.map(d => d.range.start.character) ?? [],
        messages: (name: string) => (documents.getDocument(uri(name)) as LangiumDocument).diagnostics?.map(d => d.message) ?? [],
        codes: (name: string) => (documents.getDocument(uri(name)) as LangiumDocument).diagnostics?.map(d => String(d.code)) ?? [],
        edit: async (name: string, text: string) => {
            fileSystem.insert(uri(name), text);
            await builder.update([uri(name)], []);
        },
    };
}

describe('workspace-wide checks follow edits in other files', () => {
    test('a duplicate id is reported in both files and cleared in both when one is renamed', async () => {
        const ws = await workspace({
            'a.segment': 'segment vip { where: loyalty.tier = "gold" }',
            'b.segment': 'segment vip { where: loyalty.tier = "platinum" }',
        });
        expect(ws.codes('a.segment')).toContain('segment/duplicate-id');
        expect(ws.codes('b.segment')).toContain('segment/duplicate-id');
        await ws.edit('b.segment', 'segment platinum { where: loyalty.tier = "platinum" }');
        expect(ws.codes('a.segment')).not.toContain('segment/duplicate-id');
        expect(ws.codes('b.segment')).not.toContain('segment/duplicate-id');
    });

    test('a duplicate id names the other file by its path in the project, not only its name', async () => {
        const ws = await workspace({
            'segment.config.json': '{}',
            'north/vip.segment': 'segment vip { where: loyalty.tier = "gold" }',
            'south/vip.segment': 'segment vip { where: loyalty.tier = "platinum" }',
        });
        expect(ws.messages('north/vip.segment')).toEqual(["Segment id 'vip' is declared more than once (also declared in south/vip.segment)."]);
        expect(ws.messages('south/vip.segment')).toEqual(["Segment id 'vip' is declared more than once (also declared in north/vip.segment)."]);
    });

    test('a file read from disk with a UTF-8 byte order mark has the columns of the same file without', async () => {
        const ws = await workspace({ 'bom.segment': '\uFEFFsegment t { where: person.brthYear > 1 }' });
        expect(ws.columns('bom.segment')).toEqual([26]);
    });

    test('a cycle across files appears when the second edge is added', async () => {
        const ws = await workspace({
            'a.segment': 'segment a { where: inSegment("b") }',
            'b.segment': 'segment b { where: person.birthYear > 1980 }',
        });
        expect(ws.codes('a.segment')).not.toContain('reference/cycle');
        await ws.edit('b.segment', 'segment b { where: inSegment("a") }');
        expect(ws.codes('a.segment')).toContain('reference/cycle');
        expect(ws.codes('b.segment')).toContain('reference/cycle');
    });

    test('an unknown segment resolves once another file declares it; UUIDs are external', async () => {
        const ws = await workspace({
            'a.segment': 'segment a { where: inSegment("later") and inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") }',
            'b.segment': 'segment b { where: person.birthYear > 1980 }',
        });
        expect(ws.codes('a.segment')).toEqual(['reference/unknown-segment']);
        await ws.edit('b.segment', 'segment later { where: person.birthYear > 1980 }');
        expect(ws.codes('a.segment')).toEqual([]);
    });
});
