import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { isListLiteral, isMemberAccess } from '../../src/language/generated/ast.js';
import { MEMBER_WORD } from '../../src/language/parser/segment-token-builder.js';
import { createTestServices } from '../helpers/segment-test-services.js';

const { Segment } = createTestServices();
const words = AstUtils.streamAllContents(Segment.Grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value)
    .filter(value => /^[A-Za-z]\w*$/u.test(value)).distinct().toArray();

// Member names are one token category (MEMBER_WORD) that every word keyword and ID belong to (segment-token-builder.ts).
describe('member names', () => {
    test('every word of the grammar is a member name after \'.\', as written (keywords in any case)', () => {
        expect(words.length).toBeGreaterThan(70);
        for (const word of [...words, ...words.map(w => w.toUpperCase()), 'clientsFidèles']) {
            const result = Segment.parser.LangiumParser.parse(`segment s { where: person.${word}.${word}() = 1 }`);
            expect(result.parserErrors.map(error => error.message), word).toEqual([]);
            const members = AstUtils.streamAst(result.value).filter(isMemberAccess).map(node => node.member).toArray();
            expect(members, word).toEqual([word, word]);
        }
    });

    test('and after \'^.\' in an up-reference', () => {
        for (const word of words) {
            const result = Segment.parser.LangiumParser.parse(`segment s { where: xEvent[productListItems[^^.${word} = 1]] }`);
            expect(result.parserErrors.map(error => error.message), word).toEqual([]);
        }
    });

    test('the lexer never produces the category itself', () => {
        const tokens = Segment.parser.Lexer.tokenize(`segment s { where: person.${words.join('.')} = 1 }`).tokens;
        expect(tokens.filter(token => token.tokenType.name === MEMBER_WORD)).toEqual([]);
        expect(tokens.length).toBeGreaterThan(words.length * 2);
    });
});

// A list item is a lone literal or an expression (ListItem in segment.langium); the token after a literal decides.
describe('list items', () => {
    test('lone literals and expressions that start with one are told apart by the next token', () => {
        const result = Segment.parser.LangiumParser.parse('segment s { where: person.a in [1, 2 + 3, "x".upper(), true, -1, [1, "b"], "a" = "b", 4] }');
        expect(result.parserErrors).toEqual([]);
        const list = AstUtils.streamAst(result.value).filter(isListLiteral).head()!;
        expect(list.items.map(item => item.$type)).toEqual([
            'NumberLiteral', 'ArithmeticExpression', 'MemberAccess', 'BooleanLiteral', 'NegationExpression', 'ListLiteral', 'ComparisonExpression', 'NumberLiteral',
        ]);
    });
});

