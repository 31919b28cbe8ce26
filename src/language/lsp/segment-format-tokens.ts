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
    const root = parseResult.value.$cstNode;
    // An explicit stack rather than CstUtils.streamCst: expression CSTs are deep and the stream is several times slower.
    const leaves = new Map<number, LeafCstNode>();
    const pending: CstNode[] = root ? [root] : [];
    while (pending.length > 0) {
        const node = pending.pop()!;
        if (isCompositeCstNode(node)) {
            pending.push(...node.content);
        } else if (isLeafCstNode(node) && !node.hidden) {
            leaves.set(node.offset, node);
        }
    }
    const lexed = services.parser.Lexer.tokenize(text);
    const tokens: LayoutToken[] = [];
    for (const token of lexed.tokens) {
        const leaf = leaves.get(token.startOffset);
        if (!leaf || leaf.text !== token.image) {
            return undefined;
        }
        tokens.push({ text: token.image, offset: token.startOffset, end: token.startOffset + token.image.length, keyword: keywordOf(leaf), node: leaf.astNode });
    }
    for (const token of lexed.hidden) {
        const kind = token.tokenType.name === 'SL_COMMENT' ? 'line' : token.tokenType.name === 'ML_COMMENT' ? 'block' : undefined;
        if (kind) {
            tokens.push({ text: token.image, offset: token.startOffset, end: token.startOffset + token.image.length, comment: kind });
        }
    }
    return tokens.sort((a, b) => a.offset - b.offset);
}

/** The token images of a text, comments included: formatting must leave this sequence unchanged. */
export function tokenImages(services: LangiumCoreServices, text: string): string[] {
    const lexed = services.parser.Lexer.tokenize(text);
    const comments = lexed.hidden.filter(token => token.tokenType.name === 'SL_COMMENT' || token.tokenType.name === 'ML_COMMENT');
    return [...lexed.tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset).map(token => token.image);
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
