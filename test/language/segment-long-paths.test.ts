import { CompositeCstNodeImpl, EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { afterAll, describe, expect, test } from 'vitest';
import type { SegmentFile } from '../../src/language/generated/ast.js';
import { createSegmentServices } from '../../src/language/segment-module.js';

const { Segment } = createSegmentServices(EmptyFileSystem);
const parse = parseHelper<SegmentFile>(Segment);

// Every look-up of a composite node's bounds starts with its first (or last) child: counting these
// counts the work spent walking the concrete syntax tree, without timing anything. (A plain counter:
// a spy would record millions of calls before the fix.)
let lookUps = 0;
const originals = (['firstNonHiddenNode', 'lastNonHiddenNode'] as const).map(name => {
    const descriptor = Object.getOwnPropertyDescriptor(CompositeCstNodeImpl.prototype, name)!;
    Object.defineProperty(CompositeCstNodeImpl.prototype, name, {
        ...descriptor,
        get(this: CompositeCstNodeImpl) {
            lookUps++;
            return descriptor.get!.call(this);
        },
    });
    return { name, descriptor };
});
afterAll(() => originals.forEach(({ name, descriptor }) => Object.defineProperty(CompositeCstNodeImpl.prototype, name, descriptor)));

/** `person.a.a.….birthYear > 1980`, `steps` steps long. */
async function longPath(steps: number): Promise<{ document: LangiumDocument<SegmentFile>; text: string }> {
    const text = `segment s {\n    where: person${'.a'.repeat(steps)}.birthYear > 1980\n}\n`;
    return { document: await parse(text), text };
}

/** Child look-ups made by `action`. */
async function walks(action: () => Promise<unknown>): Promise<number> {
    lookUps = 0;
    await action();
    return lookUps;
}

describe('requests inside a long member path', () => {
    // Inside `person.a.a.…` the leaf under the cursor is found by a binary search at every level of
    // the path, each probe asking a child for its offset; Langium computes a composite node's offset
    // from its first child's, down the whole remaining path: n levels × n steps. 1,000 steps took 2 s.
    test.each([
        ['completion right after `person.`', async (document: LangiumDocument, text: string) => {
            const list = await Segment.lsp.CompletionProvider!.getCompletion(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('person.') + 'person.'.length),
            });
            expect(list?.items.map(i => i.label)).toContain('birthYear');
        }],
        ['completion in the middle of the path', async (document: LangiumDocument, text: string) => {
            const middle = text.indexOf('.a') + (text.split('.a').length - 1);
            await Segment.lsp.CompletionProvider!.getCompletion(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(middle + (text[middle] === '.' ? 1 : 0)),
            });
        }],
        ['hover on the path\'s head', async (document: LangiumDocument, text: string) => {
            const hover = await Segment.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('person') + 2),
            });
            expect(JSON.stringify(hover)).toContain('person');
        }],
    ])('%s: the work grows linearly with the length of the path', async (_label, request) => {
        const short = await longPath(300);
        const long = await longPath(600);
        const shortWork = await walks(() => request(short.document, short.text));
        const longWork = await walks(() => request(long.document, long.text));
        // Linear: twice the steps, about twice the work (quadratic was four times).
        expect(shortWork).toBeGreaterThan(0);
        expect(longWork / shortWork).toBeLessThan(2.5);
    });
});

describe('parsing brackets that are never closed', () => {
    // Each rule's node is asked for its length as the rule ends; with `not (` left open the last child of every
    // node is the next level down, so the answer was a walk down all the levels below: depth² while parsing
    // (half the parse of a 9 KB fuzz document of unclosed brackets).
    test('the work grows linearly with how deep they nest', async () => {
        const unclosed = (depth: number) => `segment s {\n    where: person.birthYear > 1 and ${'not ('.repeat(depth)}person.birthYear > 2\n}\n`;
        const parser = Segment.parser.LangiumParser;
        const shallow = await walks(async () => parser.parse(unclosed(10)));
        const deep = await walks(async () => parser.parse(unclosed(20)));
        expect(shallow).toBeGreaterThan(0);
        expect(deep / shallow).toBeLessThan(2.5);
    });
});
