import { AstUtils, GrammarAST, type AstNode, type Grammar, type LangiumParser } from 'langium';
import { createLangiumParser } from 'langium';
import type { LangiumCoreServices } from 'langium';
import { walkAst } from './segment-ast-walk.js';

/** Properties whose value is a keyword written by the user (`AND`, `Days`, `BEFORE` …). */
const KEYWORD_PROPERTIES = ['operator', 'comparator', 'unit', 'direction', 'quantifier', 'function', 'word', 'period', 'evaluation'];

/**
 * Keywords are case-insensitive (docs/semantics.md), so the parser sees `AND`, `And` and `and` alike.
 * Downstream code should not care: this parser rewrites keyword-valued properties to the grammar's spelling.
 */
export function createSegmentParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const spelling = keywordSpellings(services.Grammar);
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: unknown) => {
        try {
            const result = parse(input, options as never);
            canonicalizeKeywords(result.value, spelling);
            return result;
        } catch (error) {
            return parseFailure(parser, parse, error);
        }
    }) as typeof parser.parse;
    return parser;
}

/**
 * The parser, Langium's tree linking and our walks recurse once per nesting level; a condition
 * of several thousand operands in a row overflows the stack (a RangeError, or, when Chevrotain's
 * recovery caught it first, a TypeError from its half-built tree). The file then reads as empty
 * with one syntax error saying why, instead of an internal error (and the text stays untouched:
 * the formatter does not format a file with syntax errors).
 */
function parseFailure(parser: LangiumParser, parse: LangiumParser['parse'], error: unknown): ReturnType<LangiumParser['parse']> {
    // The parser's node stack is not reset by `parse` and was left mid-construction by the overflow.
    (parser as unknown as { stack: unknown[] }).stack = [];
    const empty = parse('');
    const token = { image: '', startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, tokenTypeIdx: 0, tokenType: { name: 'EOF' } };
    const cause = error instanceof RangeError ? '' : ` (parser: ${error instanceof Error ? error.message : String(error)})`;
    const message = `This file nests too deeply to analyse: a condition with several thousand operands in a row${cause}. `
        + 'Expected a smaller condition: split it into segments and combine them with inSegment("…").';
    return { ...empty, parserErrors: [{ name: 'TooDeep', message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } }] } as ReturnType<LangiumParser['parse']>;
}

/** Lower-case keyword → the grammar's spelling (`notin` → `notIn`). */
export function keywordSpellings(grammar: Grammar): Map<string, string> {
    const map = new Map<string, string>();
    for (const keyword of AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword)) {
        map.set(keyword.value.toLowerCase(), keyword.value);
    }
    return map;
}

function canonicalizeKeywords(root: AstNode, spelling: Map<string, string>): void {
    walkAst(root, node => {
        const record = node as unknown as Record<string, unknown>;
        for (const property of KEYWORD_PROPERTIES) {
            const value = record[property];
            if (typeof value === 'string') {
                record[property] = spelling.get(value.toLowerCase()) ?? value;
            }
        }
    });
}
