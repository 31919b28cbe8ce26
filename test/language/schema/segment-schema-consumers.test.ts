import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SegmentFile } from '../../../src/language/generated/ast.js';
import { createNodeServices, diagnosticsAt, inSegment } from '../../helpers/segment-test-services.js';

/**
 * Every consumer of the schema on an ordinary schema that is recursive and reuses definitions
 * (now shared by the loader instead of read per use): validation, typing, hover and completion.
 */
let folder: string;
const services = createNodeServices();
const NODE = { type: 'object', properties: { label: { type: 'string' }, child: { $ref: '#/definitions/node' }, tags: { type: 'array', items: { $ref: '#/definitions/tag' } } } };
const SCHEMA = {
    properties: { tree: { $ref: '#/definitions/node' }, other: { $ref: '#/definitions/node' } },
    definitions: { node: NODE, tag: { type: 'object', properties: { name: { type: 'string', enum: ['a', 'b'] } } } },
};

beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'segment-consumers-'));
    writeFileSync(path.join(folder, 'segment.config.json'), '{ "schema": "schema.json" }');
    writeFileSync(path.join(folder, 'schema.json'), JSON.stringify(SCHEMA));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const codes = async (condition: string) => (await diagnosticsAt(services, path.join(folder, 'a.segment'), inSegment(condition))).map(d => d.code);

async function open(text: string) {
    const { shared } = services;
    const document = shared.workspace.LangiumDocumentFactory.fromString<SegmentFile>(text, URI.file(path.join(folder, 'open.segment')));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

describe('a recursive schema that reuses its definitions', () => {
    test('validation and typing: shared definitions give each path its fields and types', async () => {
        // The recursion is cut where `node` reaches itself: `tree.child` is typed unknown, never wrong.
        expect(await codes('tree.label = "x" and other.tags.name = "a" and tree.tags[name = "b"].count() > 0 and tree.child.anything = 1')).toEqual([]);
        expect(await codes('other.nope = 1')).toEqual(['schema/unknown-field']);
        expect(await codes('other.tags.nope = 1')).toEqual(['schema/unknown-field']);
        expect(await codes('tree.label = 3')).toEqual(['type/mismatch']);
    });

    test('hover shows the full path of a field reached through a shared definition; completion lists its fields', async () => {
        const text = inSegment('other.label = "x"');
        const document = await open(text);
        const offset = text.indexOf('label');
        const hover = await services.Segment.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
        expect(JSON.stringify(hover?.contents)).toContain('other.label: string');
        const completion = await services.Segment.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
        expect(completion?.items.map(i => String(i.label))).toEqual(expect.arrayContaining(['label', 'child', 'tags']));
    });
});
