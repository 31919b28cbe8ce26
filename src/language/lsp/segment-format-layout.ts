import * as ast from '../generated/ast.js';
import type { LayoutToken } from './segment-format-tokens.js';

/** How one indentation level and one line break are written. */
export interface LayoutOptions {
    indent: string;
    eol: string;
}

/** Replace `text[offset, end)` (whitespace between two tokens) by `newText`. */
export interface LayoutEdit {
    offset: number;
    end: number;
    newText: string;
}

type Gap = { kind: 'none' | 'space' } | { kind: 'break'; lines: number };

interface Context {
    /** Index of the opening bracket, or -1 for the value of a segment property (`where: …`). */
    opener: number;
    /** Indentation of the line the context starts on; a closing bracket on its own line goes back to it. */
    lineIndent: number;
    /** Indentation of lines that continue inside the context. */
    contentIndent: number;
}

const PROPERTY_KEYWORDS = new Set(['name', 'description', 'evaluation', 'aepId', 'where']);
const TEST_PROPERTY_KEYWORDS = new Set(['segment', 'now', 'timeZone', 'profile', 'fixture', 'expect']);
const LOGICAL_OPERATORS = new Set(['and', 'or', '&&', '||']);
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/**
 * Decides the whitespace between every two tokens of a parsed `.segment` file: a single pass with a
 * stack of open brackets, so formatting stays linear in the file size. Only whitespace changes.
 * The user's line breaks are kept where a reader expects them (before `and`/`or`, after commas and
 * opening brackets, before `from`/`where`/`over`) and collapsed elsewhere; since every decision depends
 * only on whether a break exists at such a place, formatting twice gives the same text.
 */
export function layout(text: string, tokens: LayoutToken[], options: LayoutOptions): LayoutEdit[] {
    const newlines = (from: number, to: number): number => {
        let count = 0;
        for (let i = from; i < to; i++) {
            if (text.charCodeAt(i) === 10) {
                count++;
            }
        }
        return count;
    };
    const breaksBefore = tokens.map((token, i) => newlines(i === 0 ? 0 : tokens[i - 1].end, token.offset));
    const { match, line } = scan(tokens, breaksBefore);
    const multiLine = (opener: number): boolean => match[opener] >= 0 && line[match[opener]] > line[opener];

    const edits: LayoutEdit[] = [];
    const stack: Context[] = [];
    let lineIndent = 0;
    let ownLine = true;
    const emit = (offset: number, end: number, newText: string): void => {
        if (text.slice(offset, end) !== newText) {
            edits.push({ offset, end, newText });
        }
    };

    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if ((isPropertyKeyword(token) || isSegmentBrace(token, '}')) && stack.at(-1)?.opener === -1) {
            stack.pop();
        }
        const enclosing = stack.at(-1)?.opener ?? -1;
        const gap: Gap = i === 0 ? { kind: 'none' } : decide(tokens, i, breaksBefore, (opener = enclosing) => multiLine(opener), ownLine, match);
        if (gap.kind === 'break') {
            lineIndent = indentFor(tokens, i, stack, match);
            emit(tokens[i - 1].end, token.offset, options.eol.repeat(gap.lines) + options.indent.repeat(lineIndent));
        } else {
            emit(i === 0 ? 0 : tokens[i - 1].end, token.offset, gap.kind === 'space' ? ' ' : '');
        }
        ownLine = i === 0 || gap.kind === 'break';
        if (isOpener(token)) {
            stack.push({ opener: i, lineIndent, contentIndent: lineIndent + 1 });
        } else if (isCloser(token)) {
            // Pops up to the matching bracket: in a parsed file nothing else is open inside it.
            let popped: Context | undefined;
            do {
                popped = stack.pop();
            } while (popped && popped.opener !== match[i]);
        } else if (isPropertyKeyword(token)) {
            stack.push({ opener: -1, lineIndent, contentIndent: lineIndent + 1 });
        }
    }
    if (tokens.length > 0) {
        emit(tokens[tokens.length - 1].end, text.length, options.eol);
    } else {
        emit(0, text.length, '');
    }
    return edits;
}

/** Matching brackets and the line each token starts on (in the original text). */
function scan(tokens: LayoutToken[], breaksBefore: number[]): { match: number[]; line: number[] } {
    const match = tokens.map(() => -1);
    const line: number[] = [];
    const open: number[] = [];
    let current = 0;
    tokens.forEach((token, i) => {
        current += breaksBefore[i] + (i > 0 ? lineBreaksIn(tokens[i - 1].text) : 0);
        line.push(current);
        if (token.comment) {
            return;
        }
        if (OPENERS.has(token.keyword ?? '')) {
            open.push(i);
        } else if (CLOSERS.has(token.keyword ?? '') && open.length > 0) {
            const opener = open.pop()!;
            match[opener] = i;
            match[i] = opener;
        }
    });
    return { match, line };
}

function lineBreaksIn(text: string): number {
    return text.split('\n').length - 1;
}

/** `multiLine()` tells whether the innermost open bracket spans lines; `match` pairs brackets. */
function decide(
    tokens: LayoutToken[], i: number, breaksBefore: number[], multiLine: (opener?: number) => boolean, previousOwnLine: boolean, match: number[],
): Gap {
    const token = tokens[i];
    const previous = tokens[i - 1];
    const broken = breaksBefore[i] > 0;
    const keepBreak = (otherwise: 'none' | 'space'): Gap => (broken ? { kind: 'break', lines: 1 } : { kind: otherwise });

    if (isSegmentKeyword(token)) {
        // A comment on the line right above a segment belongs to it; otherwise segments are one blank line apart.
        const attached = previous.comment !== undefined && previousOwnLine && breaksBefore[i] === 1;
        return { kind: 'break', lines: attached ? 1 : 2 };
    }
    if (token.comment) {
        // Between segments, a comment line keeps the blank line that separates segments.
        const lines = isSegmentBrace(previous, '}') ? 2 : Math.min(breaksBefore[i], 2);
        return broken ? { kind: 'break', lines } : { kind: 'space' };
    }
    if (isPropertyKeyword(token)) {
        return { kind: 'break', lines: isSegmentBrace(previous, '{') ? 1 : clamp(breaksBefore[i], 1, 2) };
    }
    if (isSegmentBrace(token, '}')) {
        return { kind: 'break', lines: 1 };
    }
    if (previous.comment === 'line') {
        return { kind: 'break', lines: 1 };
    }
    if (isChainStepStart(tokens, i)) {
        return multiLine() ? { kind: 'break', lines: 1 } : { kind: previous.keyword === '[' ? 'none' : 'space' };
    }
    if (token.keyword === ']' && ast.isChainExpression(token.node)) {
        return multiLine(match[i]) ? { kind: 'break', lines: 1 } : { kind: 'none' };
    }
    if (isLogicalOperator(token)) {
        // A break after the operator moves before it: continuation lines start with `and`/`or`.
        const breakAfter = i + 1 < tokens.length && breaksBefore[i + 1] > 0 && !tokens[i + 1].comment;
        return broken || breakAfter ? { kind: 'break', lines: 1 } : { kind: 'space' };
    }
    if (isLogicalOperator(previous)) {
        return { kind: 'space' };
    }
    if (previous.comment === 'block') {
        return keepBreak('space');
    }
    if (token.keyword === ',' || token.keyword === ':' || token.keyword === '.') {
        return { kind: 'none' };
    }
    if (previous.keyword === ',' || previous.keyword === '=>' || isSoftBreakKeyword(token)) {
        return keepBreak('space');
    }
    if (isOpener(previous) || isCloser(token)) {
        return keepBreak('none');
    }
    return { kind: tight(previous, token) ? 'none' : 'space' };
}

/** Pairs written without a space: member access, calls, filters, unary operators, `^^.`. */
function tight(previous: LayoutToken, token: LayoutToken): boolean {
    switch (previous.keyword) {
        case '.':
        case '^':
            return true;
        case '-':
            return ast.isNegationExpression(previous.node);
        case '!':
            return true;
        case 'not':
            return token.keyword === '(' && ast.isNotExpression(previous.node);
    }
    switch (token.keyword) {
        case '(':
            return ast.isFunctionCall(token.node) || ast.isMemberAccess(token.node) || ast.isInSegmentExpression(token.node)
                || ast.isChainExpression(token.node) || ast.isChainStep(token.node);
        case '[':
            return ast.isFilterExpression(token.node);
        case '^':
            return previous.keyword === '^';
    }
    return false;
}

function indentFor(tokens: LayoutToken[], i: number, stack: Context[], match: number[]): number {
    const token = tokens[i];
    const top = stack.at(-1);
    if (!token.comment && CLOSERS.has(token.keyword ?? '') && top && top.opener === match[i]) {
        return top.lineIndent;
    }
    if (token.comment) {
        // A comment on its own line is indented like the code it precedes.
        let next = i + 1;
        while (next < tokens.length && tokens[next].comment) {
            next++;
        }
        if (next === tokens.length || isSegmentKeyword(tokens[next])) {
            return 0;
        }
        if ((isPropertyKeyword(tokens[next]) || isSegmentBrace(tokens[next], '}')) && top?.opener === -1) {
            return top.lineIndent;
        }
    }
    return top?.contentIndent ?? 0;
}

/** The start of a declaration: `segment` of a segment or `test` of a test, laid out alike. */
function isSegmentKeyword(token: LayoutToken): boolean {
    return (token.keyword === 'segment' && ast.isSegmentDefinition(token.node)) || (token.keyword === 'test' && ast.isSegmentTest(token.node));
}

function isPropertyKeyword(token: LayoutToken): boolean {
    const keyword = token.keyword ?? '';
    // A property's keyword belongs to its property node (`profile` and `fixture` to the test itself).
    return (PROPERTY_KEYWORDS.has(keyword) && ast.isSegmentProperty(token.node))
        || (TEST_PROPERTY_KEYWORDS.has(keyword) && (ast.isTestProperty(token.node) || ast.isSegmentTest(token.node)));
}

function isSegmentBrace(token: LayoutToken, brace: '{' | '}'): boolean {
    return token.keyword === brace && (ast.isSegmentDefinition(token.node) || ast.isSegmentTest(token.node));
}

function isLogicalOperator(token: LayoutToken): boolean {
    return LOGICAL_OPERATORS.has(token.keyword ?? '') && ast.isLogicalExpression(token.node);
}

function isOpener(token: LayoutToken): boolean {
    return !token.comment && OPENERS.has(token.keyword ?? '');
}

function isCloser(token: LayoutToken): boolean {
    return !token.comment && CLOSERS.has(token.keyword ?? '');
}

/** `from`, `where`, `over` of iterations, `in` of `let`, and the clauses of a chain step may start a line. */
function isSoftBreakKeyword(token: LayoutToken): boolean {
    switch (token.keyword) {
        case 'from':
        case 'where':
            return ast.isDeclaration(token.node) || (token.keyword === 'where' && ast.isChainStep(token.node));
        case 'over':
            return ast.isAggregationExpression(token.node);
        case 'in':
            return ast.isLetExpression(token.node);
        case 'when':
        case 'count':
            return ast.isChainStep(token.node);
    }
    return false;
}

/** The label of a chain step (`C0` in `C0: WHAT(…)`), i.e. the first token of a step. */
function isChainStepStart(tokens: LayoutToken[], i: number): boolean {
    const token = tokens[i];
    const previous = tokens[i - 1];
    return ast.isChainStep(token.node) && token.keyword === undefined
        && !previous.comment && (previous.keyword === '[' || previous.keyword === ',') && ast.isChainExpression(previous.node);
}

function clamp(value: number, min: number, max: number): number {
    return Math.max(min, Math.min(max, value));
}
