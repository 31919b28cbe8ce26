import { CstUtils, createLangiumParser, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { shape } from '../helpers/segment-parser-work.js';
import { createTestServices } from '../helpers/segment-test-services.js';

const { Segment } = createTestServices();
const ours = Segment.parser.LangiumParser;
const langiums = createLangiumParser(Segment);

/** The concrete syntax tree's leaves, comments included, in tree order. */
function leaves(node: AstNode): string[] {
    return CstUtils.streamCst(node.$cstNode!).filter(n => !('content' in n)).map(n => `${n.offset}:${n.text}${n.hidden ? ' (hidden)' : ''}`).toArray();
}

/** A deterministic random chain mixing operators of every precedence level, with comments and parentheses. */
function chain(seed: number, length: number): string {
    let state = seed;
    const next = (n: number) => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state % n;
    };
    const arithmetic = ['+', '-', '*', '/', '%'];
    const term = () => {
        const parts = [`person.birthYear`];
        for (let i = next(4); i > 0; i--) {
            parts.push(arithmetic[next(5)], next(3) === 0 ? `(${next(9)} - 1 /* c */)` : String(next(100)));
        }
        return `${parts.join(' ')} > ${next(2000)}`;
    };
    const parts = [term()];
    for (let i = 1; i < length; i++) {
        parts.push(['and', 'or', '&&', '||'][next(4)], next(5) === 0 ? `/* ${i} */ ${term()}` : term());
    }
    return `segment s {\n    where: ${parts.join(' ')} // end\n}\n`;
}

describe('infix chains and comments built in linear time', () => {
    test.each(Array.from({ length: 40 }, (_, seed) => [seed]))('seed %i: the same tree and concrete syntax as Langium builds', seed => {
        const text = chain(seed, 1 + seed * 3);
        const mine = ours.parse(text);
        const reference = langiums.parse(text);
        expect(mine.parserErrors).toEqual([]);
        expect(shape(mine.value)).toEqual(shape(reference.value));
        expect(leaves(mine.value)).toEqual(leaves(reference.value));
    });

    test('broken chains too', () => {
        for (const text of ['segment s { where: a and }', 'segment s { where: and b or }', 'segment s { where: 1 + * 2 or x }', 'segment s { where: a or b and c /* x */ or }']) {
            expect(shape(ours.parse(text).value), text).toEqual(shape(langiums.parse(text).value));
        }
    });
});
