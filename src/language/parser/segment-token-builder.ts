import { Lexer, type TokenType, type TokenVocabulary } from 'chevrotain';
import { DefaultTokenBuilder, type Grammar, type TokenBuilderOptions } from 'langium';

/** The token category of every word, which the grammar takes after `.` as a member name (see MEMBER_WORD in segment.langium). */
export const MEMBER_WORD = 'MEMBER_WORD';

/**
 * Langium's tokens, with `MEMBER_WORD` made a category that the lexer never produces and that `ID`
 * and every word keyword belong to: where the parser expects a member name, any of them is one token
 * of that type.
 */
export class SegmentTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const tokens = super.buildTokens(grammar, options) as TokenType[];
        const memberWord = tokens.find(token => token.name === MEMBER_WORD)!;
        memberWord.PATTERN = Lexer.NA;
        for (const token of tokens) {
            if (token.name === 'ID' || (isKeyword(token) && /^[A-Za-z]\w*$/u.test(token.name))) {
                token.CATEGORIES = [...(token.CATEGORIES ?? []), memberWord];
            }
            // Langium lists every terminal whose pattern matches a keyword as its longer alternative: not this one.
            if (Array.isArray(token.LONGER_ALT)) {
                token.LONGER_ALT = token.LONGER_ALT.filter(alternative => alternative !== memberWord);
            }
        }
        return tokens;
    }
}

/** Keyword tokens are named after their keyword and match it (case-insensitively: a RegExp of the same text). */
function isKeyword(token: TokenType): boolean {
    return token.PATTERN instanceof RegExp ? token.PATTERN.source === token.name : token.PATTERN === token.name;
}
