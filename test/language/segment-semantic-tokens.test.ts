import { clearDocuments, expectSemanticToken, highlightHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { createTestServices } from '../helpers/segment-test-services.js';

const { shared, Segment } = createTestServices();
const highlight = highlightHelper(Segment);

afterEach(() => clearDocuments(shared));

/** Highlights `text` and expects the `<|…|>` ranges, in order, to carry `types`. */
async function expectTokens(text: string, types: SemanticTokenTypes[]): Promise<void> {
    const result = await highlight(text);
    expect(result.ranges).toHaveLength(types.length);
    types.forEach((tokenType, rangeIndex) => expectSemanticToken(result, { rangeIndex, tokenType }));
}

describe('semantic tokens', () => {
    test('segment ids: declarations and resolved inSegment targets', async () => {
        await expectTokens(
            'segment <|vip|> { where: person.birthYear > 1980 }\nsegment <|other|> { where: inSegment("<|vip|>") }',
            [SemanticTokenTypes.class, SemanticTokenTypes.class, SemanticTokenTypes.class],
        );
    });

    test('an inSegment target that does not resolve (an AEP audience id) stays a string', async () => {
        const result = await highlight('segment s { where: inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") }');
        expect(result.tokens.filter(t => t.text.includes('e3be6d7f'))).toEqual([]);
    });

    test('fields of paths, methods and functions', async () => {
        await expectTokens(
            'segment s { where: <|person|>.<|birthYear|> = <|currentYear|>() and <|person|>.<|name|>.<|firstName|>.<|startsWith|>("J") }',
            [SemanticTokenTypes.property, SemanticTokenTypes.property, SemanticTokenTypes.function,
                SemanticTokenTypes.property, SemanticTokenTypes.property, SemanticTokenTypes.property, SemanticTokenTypes.method],
        );
    });

    test('variables: declarations and their uses as path heads; xEvent; $1', async () => {
        await expectTokens(
            'segment s { where: select <|X|> from <|xEvent|> where <|X|>.<|timestamp|> occurs last month and <|$1|>.<|person|>.birthYear > 1 }',
            [SemanticTokenTypes.variable, SemanticTokenTypes.variable, SemanticTokenTypes.variable, SemanticTokenTypes.property,
                SemanticTokenTypes.parameter, SemanticTokenTypes.property],
        );
    });

    test('let and lambda variables', async () => {
        await expectTokens(
            'segment s { where: let <|S|> = 1 in <|S|> > 0 }\nsegment t { where: (<|P|>) => <|P|>.person.birthYear > 1 }',
            [SemanticTokenTypes.variable, SemanticTokenTypes.variable, SemanticTokenTypes.variable, SemanticTokenTypes.variable],
        );
    });

    test('a name that is not a variable is a field, even when spelled like one elsewhere', async () => {
        await expectTokens(
            'segment s { where: (select X from xEvent where X.a = 1) and <|X|>.b = 2 }',
            [SemanticTokenTypes.property],
        );
    });

    test('string values of enum fields are enum members; other strings are not', async () => {
        const result = await highlight('segment s { where: homeAddress.status = <|"active"|> and homeAddress.status in [<|"pending_verification"|>, "nope"] and homeAddress.city = "Paris" }');
        expectSemanticToken(result, { rangeIndex: 0, tokenType: SemanticTokenTypes.enumMember });
        expectSemanticToken(result, { rangeIndex: 1, tokenType: SemanticTokenTypes.enumMember });
        expect(result.tokens.filter(t => t.tokenType === SemanticTokenTypes.enumMember).map(t => t.text)).toEqual(['"active"', '"pending_verification"']);
    });
});
