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
 * The tokens of a parsed text, comments included, in text order, read from the CST: its visible leaves
 * and its hidden ones (comments, placed by the parser). Lexing the text again cost a 185 KB file a
 * quarter of its formatting time. Only whitespace may lie between the tokens found; where anything
 * else does (a token the tree does not hold), the tokens come from the lexer instead, each matched to
 * its leaf, and `undefined` is returned when one has none: the layout must not reason about a tree it
 * does not have.
 */
export function collectTokens(services: LangiumCoreServices, text: string, parseResult: ParseResult): LayoutToken[] | undefined {
    const { visible, comments } = leavesInOrder(parseResult.value.$cstNode);
    const tokens = mergeByOffset(visible.map(leafToken), comments.map(commentToken));
    return coversText(text, tokens) ? tokens : lexedTokens(services, text, visible);
}

function leafToken(leaf: LeafCstNode): LayoutToken {
    return { text: leaf.text, offset: leaf.offset, end: leaf.end, keyword: keywordOf(leaf), node: leaf.astNode };
}

function commentToken(leaf: LeafCstNode): LayoutToken {
    return { text: leaf.text, offset: leaf.offset, end: leaf.end, comment: leaf.tokenType.name === 'SL_COMMENT' ? 'line' : 'block' };
}

/** Whether only whitespace lies before, between and after `tokens` (in text order, not overlapping). */
function coversText(text: string, tokens: LayoutToken[]): boolean {
    let from = 0;
    for (let i = 0; i <= tokens.length; i++) {
        const to = i < tokens.length ? tokens[i].offset : text.length;
        if (to < from || !isWhitespace(text, from, to)) {
            return false;
        }
        from = i < tokens.length ? tokens[i].end : to;
    }
    return true;
}

function isWhitespace(text: string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
        const code = text.charCodeAt(i);
        if (code !== 32 && code !== 10 && code !== 13 && code !== 9 && !/\s/.test(text[i])) {
            return false;
        }
    }
    return true;
}

/** The lexer's tokens of `text`, each matched to its CST leaf, or `undefined` when one has none. */
function lexedTokens(services: LangiumCoreServices, text: string, leaves: LeafCstNode[]): LayoutToken[] | undefined {
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
        tokens.push(leafToken(leaf));
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
    const offsets = (tokens: IToken[]) => tokens.map(token => ({ offset: token.startOffset, image: token.image }));
    return mergeByOffset(offsets(lexed.tokens), offsets(lexed.hidden.filter(token => commentKind(token) !== undefined))).map(token => token.image);
}

/** The visible leaves and the comments under `root`, each in text order: an explicit stack, since expression CSTs are deep. */
function leavesInOrder(root: CstNode | undefined): { visible: LeafCstNode[]; comments: LeafCstNode[] } {
    const visible: LeafCstNode[] = [];
    const comments: LeafCstNode[] = [];
    const pending: CstNode[] = root ? [root] : [];
    while (pending.length > 0) {
        const node = pending.pop()!;
        if (isCompositeCstNode(node)) {
            // Children in reverse, one by one: spreading Langium's node lists (an Array subclass) is slow.
            for (let i = node.content.length - 1; i >= 0; i--) {
                pending.push(node.content[i]);
            }
        } else if (isLeafCstNode(node)) {
            (node.hidden ? comments : visible).push(node);
        }
    }
    // Comments are placed where the parser met them; should one be out of order, the merge below needs them sorted.
    if (comments.some((leaf, i) => i > 0 && leaf.offset < comments[i - 1].offset)) {
        comments.sort((a, b) => a.offset - b.offset);
    }
    return { visible, comments };
}

function commentKind(token: IToken): 'line' | 'block' | undefined {
    const name = token.tokenType.name;
    return name === 'SL_COMMENT' ? 'line' : name === 'ML_COMMENT' ? 'block' : undefined;
}

/** Two lists in text order as one (each is in order already: a merge, not a sort of 100,000 tokens). */
function mergeByOffset<T extends { offset: number }>(first: T[], second: T[]): T[] {
    if (second.length === 0) {
        return first;
    }
    const merged: T[] = [];
    let i = 0;
    let j = 0;
    while (i < first.length || j < second.length) {
        merged.push(j >= second.length || (i < first.length && first[i].offset < second[j].offset) ? first[i++] : second[j++]);
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
