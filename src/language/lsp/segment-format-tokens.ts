import type { IToken } from 'chevrotain';
import { GrammarAST, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumCoreServices, type LeafCstNode, type ParseResult } from 'langium';

/** One token of a `.segment` file as the layout sees it: its text, position and the syntax it belongs to. */
export interface LayoutToken {
    text: string;
    offset: number;
    end: number;
    /** Set for comments, which are hidden tokens and have no AST node. */
    comment?: 'line' | 'block';
    /** The grammar's spelling of a keyword or punctuation token, or the infix operator (`and`, `+`). */
    keyword?: string;
    /** The AST node whose rule consumed the token. */
    node?: AstNode;
}

/**
 * The tokens of a parsed text, comments included, in text order. Comments come from the lexer, since
 * Langium leaves comments after the last rule out of the CST; every other token must match a CST leaf,
 * otherwise the layout would reason about a tree it does not have, and `undefined` is returned.
 */
export function collectTokens(services: LangiumCoreServices, text: string, parseResult: ParseResult): LayoutToken[] | undefined {
    const leaves = leavesInOrder(parseResult.value.$cstNode);
    const lexed = services.parser.Lexer.tokenize(text);
    const tokens: LayoutToken[] = [];
    let next = 0;
    for (const token of lexed.tokens) {
        while (next < leaves.length && leaves[next].offset < token.startOffset) {
            next++;
        }
        const leaf = leaves[next];
        if (!leaf || leaf.offset !== token.startOffset || leaf.text !== token.image) {
            return undefined;
        }
        tokens.push({ text: token.image, offset: token.startOffset, end: token.startOffset + token.image.length, keyword: keywordOf(leaf), node: leaf.astNode });
    }
    const comments = lexed.hidden.flatMap(token => {
        const kind = commentKind(token);
        return kind ? [{ text: token.image, offset: token.startOffset, end: token.startOffset + token.image.length, comment: kind }] : [];
    });
    return mergeByOffset(tokens, comments);
}

/** The token images of a text, comments included: formatting must leave this sequence unchanged. */
export function tokenImages(services: LangiumCoreServices, text: string): string[] {
    const lexed = services.parser.Lexer.tokenize(text);
    const comments = lexed.hidden.filter(token => commentKind(token) !== undefined);
    return mergeByOffset(lexed.tokens, comments).map(token => token.image);
}

/** The visible leaves under `root` in text order: an explicit stack, since expression CSTs are deep. */
function leavesInOrder(root: CstNode | undefined): LeafCstNode[] {
    const leaves: LeafCstNode[] = [];
    const pending: CstNode[] = root ? [root] : [];
    while (pending.length > 0) {
        const node = pending.pop()!;
        if (isCompositeCstNode(node)) {
            // Children in reverse, one by one: spreading Langium's node lists (an Array subclass) is slow.
            for (let i = node.content.length - 1; i >= 0; i--) {
                pending.push(node.content[i]);
            }
        } else if (isLeafCstNode(node) && !node.hidden) {
            leaves.push(node);
        }
    }
    return leaves;
}

function commentKind(token: IToken): 'line' | 'block' | undefined {
    const name = token.tokenType.name;
    return name === 'SL_COMMENT' ? 'line' : name === 'ML_COMMENT' ? 'block' : undefined;
}

/** Two lists in text order as one (each is in order already: a merge, not a sort of 100,000 tokens). */
function mergeByOffset<T extends { offset: number } | { startOffset: number }>(first: T[], second: T[]): T[] {
    const offset = (item: T) => ('offset' in item ? item.offset : item.startOffset);
    const merged: T[] = [];
    let i = 0;
    let j = 0;
    while (i < first.length || j < second.length) {
        merged.push(j >= second.length || (i < first.length && offset(first[i]) < offset(second[j])) ? first[i++] : second[j++]);
    }
    return merged;
}

function keywordOf(leaf: LeafCstNode): string | undefined {
    const source = leaf.grammarSource;
    if (GrammarAST.isKeyword(source)) {
        return source.value;
    }
    // Operators of Langium `infix` rules are assigned to `operators`, not matched by a keyword element.
    if (GrammarAST.isAssignment(source) && source.feature === 'operators') {
        return leaf.text.toLowerCase();
    }
    return undefined;
}
