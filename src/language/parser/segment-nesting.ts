import type { IRecognitionException, IToken } from 'chevrotain';
import { GrammarUtils, type CstNode, type LangiumParser, type ParseResult } from 'langium';
import type { SegmentDefinition } from '../generated/ast.js';
import { internalErrorMessage, logInternalError } from '../validation/segment-internal-errors.js';

/**
 * How deep a tree may nest (nodes below the file's root). The parser refuses deeper files, so the
 * recursive walks over a parsed tree (the type computer, validators, formatter, printer, evaluator,
 * and Langium's own over the concrete syntax tree, which recurses along the first child to find a
 * node's range) are bounded by it. A chain `a and b and …` or a member path `a.b.c…` nests one
 * level per operand or step. Every walk fits in Node's default stack at this depth with room to
 * spare (docs/reliability.md).
 */
export const MAX_NESTING = 1_000;

/** The name of the parser error of a file too deep to analyse (the validator gives it the code `syntax/too-deep`). */
export const TOO_DEEP = 'TooDeep';

/** The name of the parser error of a parser that failed on a file that does not nest deeply: a bug (code `internal/error`). */
export const PARSER_FAILURE = 'ParserFailure';

/**
 * How deep brackets or prefix operators (`not`, `!`, `-`) must nest before a parser exception other than a stack overflow is put
 * down to depth: Chevrotain's recovery can swallow an overflow and fail later with a TypeError, but
 * the stack overflows only beyond ~50 levels (docs/reliability.md); below this, the exception is a bug.
 */
const DEEP_ENOUGH = 24;

/** A tree deeper than `MAX_NESTING`, found in `segment`. */
export class TooDeepError extends Error {
    /** `nameNode`: the segment's name, when the segment's own node is not built yet. */
    constructor(readonly segment: SegmentDefinition | undefined, readonly nameNode?: CstNode) {
        super(`The tree nests more than ${MAX_NESTING} levels deep.`);
    }
}

/** Where a parser error is reported (Chevrotain's token fields: lines and columns from 1, end column inclusive). */
interface TokenPosition {
    image: string;
    startOffset: number;
    endOffset: number;
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
}

const FILE_START: TokenPosition = { image: '', startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/**
 * The parse result of a file too deep to analyse: the parser recurses once per parenthesis or `not`,
 * and a few hundred inside one another overflow the stack (a RangeError, or, when Chevrotain's
 * recovery caught it first, a TypeError from its half-built tree); chains parse in a loop but nest
 * one level per operand (a `TooDeepError`). The file then reads as empty with one `syntax/too-deep`
 * error saying why, instead of internal errors (and the text stays untouched: the formatter does
 * not format a file with syntax errors).
 */
export function tooDeep(parser: LangiumParser, parse: LangiumParser['parse'], error: unknown): ParseResult {
    let token = FILE_START;
    let message: string;
    if (error instanceof TooDeepError) {
        const segment = error.segment;
        const name = error.nameNode ?? (segment?.$cstNode && GrammarUtils.findNodeForProperty(segment.$cstNode, 'name'));
        if (name) {
            const { start, end } = name.range;
            token = { image: name.text, startOffset: name.offset, endOffset: name.end - 1, startLine: start.line + 1,
                startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character };
        }
        message = `${segment ? `Segment '${segment.name}' nests` : 'This file nests'} more than ${MAX_NESTING.toLocaleString('en-US')} levels deep, `
            + 'more than this tool analyses (each operand of an and/or chain and each step of a member path is one level). ';
    } else {
        const cause = error instanceof RangeError ? '' : ` (parser: ${error instanceof Error ? error.message : String(error)})`;
        message = `This file nests too deeply to analyse: hundreds of parentheses or 'not's inside one another, or thousands of operands in a row${cause}. `;
    }
    message += 'Expected a smaller condition: split it into segments and combine them with inSegment("…"), or list values with in [ … ].';
    return refusedParse(parser, parse, TOO_DEEP, message, token);
}

/** Whether a parser exception on `input` is put down to depth (else it is a bug: `parserFailure`). */
export function isDepthFailure(error: unknown, input: string): boolean {
    return error instanceof TooDeepError || error instanceof RangeError || nesting(input) >= DEEP_ENOUGH;
}

/** The parse result of a file the parser failed on for no reason of its own: one internal error, the stack logged. */
export function parserFailure(parser: LangiumParser, parse: LangiumParser['parse'], error: unknown): ParseResult {
    logInternalError(error);
    return refusedParse(parser, parse, PARSER_FAILURE, internalErrorMessage('parsing this file', error));
}

/**
 * The parse result of a file refused whole: an empty file with one parser error, named `name`
 * (the validator gives it its code) at `token` (the file's start by default), after `earlier` errors.
 */
export function refusedParse(parser: LangiumParser, parse: LangiumParser['parse'], name: string, message: string, token = FILE_START,
    earlier: readonly IRecognitionException[] = []): ParseResult {
    // The parser's node stack is not reset by `parse` and was left mid-construction by a failure.
    (parser as unknown as { stack: unknown[] }).stack = [];
    const empty = parse('');
    const parserError = {
        name, message, token: { ...token, tokenTypeIdx: 0, tokenType: { name: 'EOF' } },
        resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] },
    };
    return { ...empty, parserErrors: [...earlier, parserError] } as unknown as ParseResult;
}

/** Where a token is, for a refused parse's error. */
export function tokenPosition(token: IToken): TokenPosition {
    if (!Number.isFinite(token.startOffset)) {
        return FILE_START; // the end of the file, whose position Chevrotain's EOF token does not carry
    }
    const { image, startOffset, startLine = 1, startColumn = 1 } = token;
    return { image, startOffset, endOffset: token.endOffset ?? startOffset, startLine, startColumn,
        endLine: token.endLine ?? startLine, endColumn: token.endColumn ?? startColumn };
}

/** The deepest nesting of brackets, or the longest run of prefix operators (`not`, `!`, `-`), in `text` (strings and comments are not skipped: an upper bound). */
export function nesting(text: string): number {
    let depth = 0;
    let deepest = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 40 || c === 91 || c === 123) {
            deepest = Math.max(deepest, ++depth);
        } else if ((c === 41 || c === 93 || c === 125) && depth > 0) {
            depth--;
        }
    }
    let prefixes = 0;
    for (const run of text.matchAll(/(?:(?:\bnot\b|!|-)[\s(]*)+/giu)) {
        prefixes = Math.max(prefixes, run[0].match(/\bnot\b|!|-/giu)!.length);
    }
    return Math.max(deepest, prefixes);
}
