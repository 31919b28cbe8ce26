import { EmptyFileSystem } from 'langium';
import { expectCompletion } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { formatSegmentText } from '../../src/language/lsp/segment-formatter.js';
import { createParser } from '../helpers/segment-test-services.js';

/** The editor's help inside `test` declarations (docs/testing.md): completion, navigation, formatting. */
const VIP = 'segment vip {\n    where: loyalty.tier = "gold"\n}\n\nsegment very_important {\n    where: loyalty.points > 1000\n}\n';

describe('test declarations in the editor', () => {
    const { services, parse, clear } = createParser();
    afterEach(clear);

    test('segment ids are completed after segment:', async () => {
        const { Segment } = createSegmentServices(EmptyFileSystem);
        let list: CompletionList | undefined;
        await expectCompletion(Segment)({
            text: `${VIP}\ntest t {\n    segment: <|>\n}`, index: 0, assert: l => { list = l; }, disposeAfterCheck: true,
        });
        expect(list!.items.map(i => i.label)).toEqual(expect.arrayContaining(['vip', 'very_important']));
    });

    test('go to definition leads from the test to its segment in another file', async () => {
        const segments = await parse(VIP, { documentUri: 'file:///ws/vip.segment' });
        const tests = await parse('test t {\n    segment: very_important\n    now: "2026-11-01"\n    profile: {}\n    expect: no match\n}\n',
            { documentUri: 'file:///ws/vip.test.segment' });
        const position = tests.textDocument.positionAt(tests.textDocument.getText().indexOf('very_important') + 3);
        const links = await services.Segment.lsp.DefinitionProvider!.getDefinition(tests, { textDocument: { uri: tests.textDocument.uri }, position });
        expect(links).toHaveLength(1);
        expect(links![0].targetUri).toBe(segments.textDocument.uri);
        expect(links![0].targetSelectionRange.start).toEqual(segments.textDocument.positionAt(VIP.indexOf('very_important')));
    });

    test('renaming a segment renames it in tests', async () => {
        const document = await parse(`${VIP}\ntest t {\n    segment: vip\n}\n`, { documentUri: 'file:///ws/r.segment' });
        const position = document.textDocument.positionAt(VIP.indexOf('vip'));
        const edit = await services.Segment.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.textDocument.uri }, position, newName: 'gold' });
        const ranges = edit?.changes?.[document.textDocument.uri] ?? [];
        expect(ranges.map(e => document.textDocument.getText(e.range))).toEqual(['vip', 'vip']);
    });

    test('tests are formatted like segments: one property per line, JSON kept', () => {
        const { Segment } = createSegmentServices(EmptyFileSystem);
        const text = 'segment vip { where: loyalty.tier = "gold" }\ntest t { segment: vip now: "2026-11-01"\n  profile: {"_id":"a", "loyalty": {"tier": "gold"}} expect: ["a"] }\n';
        expect(formatSegmentText(Segment, text)).toBe(
            'segment vip {\n    where: loyalty.tier = "gold"\n}\n\ntest t {\n    segment: vip\n    now: "2026-11-01"\n'
            + '    profile: {"_id": "a", "loyalty": {"tier": "gold"}}\n    expect: ["a"]\n}\n');
    });
});
