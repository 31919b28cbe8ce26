import { describe, expect, test } from 'vitest';
import { createTestServices } from '../helpers/segment-test-services.js';

const parser = createTestServices().Segment.parser.LangiumParser;
const state = parser as unknown as { nodeBuilder: { rootNode?: unknown; nodeStack: unknown[] }; wrapper: { input: unknown[] } };

describe('the parser after a parse', () => {
    // Langium's kept the last tree and its tokens until the next parse: a closed 256 KB document's tree
    // (over 100 MB) stayed in the server's memory.
    test.each([
        ['a document', 'segment s { where: person.a.b = 1 }'],
        ['a document with errors', 'segment s { where: person.a.b = = }'],
        ['a document refused as too deep', `segment s { where: ${'('.repeat(3_000)} }`],
    ])('keeps no tree and no tokens of %s', (_label, text) => {
        const result = parser.parse(text);
        expect(result.value.$cstNode).toBeDefined();
        expect(state.nodeBuilder.rootNode).toBeUndefined();
        expect(state.nodeBuilder.nodeStack).toEqual([]);
        expect(state.wrapper.input).toEqual([]);
    });
});
