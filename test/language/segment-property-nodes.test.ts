import { AstUtils, GrammarUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import { findPropertyNodes } from '../../src/language/lsp/segment-property-nodes.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { createTestServices } from '../helpers/segment-test-services.js';

const parser = createTestServices().Segment.parser.LangiumParser;

describe('findPropertyNodes', () => {
    test('finds what Langium\'s findNodesForProperty finds, for every property of every node of the corpus', () => {
        let compared = 0;
        for (const seed of loadCorpus(process.cwd())) {
            for (const node of AstUtils.streamAst(parser.parse(seed.text).value)) {
                for (const property of Object.keys(node).filter(key => !key.startsWith('$'))) {
                    const ours = findPropertyNodes(node.$cstNode, property);
                    const langiums = [...GrammarUtils.findNodesForProperty(node.$cstNode, property)];
                    // The same CST nodes (identity), in the same order.
                    expect(ours.length, `${seed.source}: ${node.$type}.${property}`).toBe(langiums.length);
                    ours.forEach((found, index) => expect(found === langiums[index], `${seed.source}: ${node.$type}.${property}[${index}]`).toBe(true));
                    compared++;
                }
            }
        }
        expect(compared).toBeGreaterThan(5_000);
    });
});
