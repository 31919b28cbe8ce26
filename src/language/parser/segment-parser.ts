import { AstUtils, GrammarAST, createCompletionParser, createLangiumParser, type AstNode, type Grammar, type LangiumCompletionParser, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import { isSegmentDefinition, type SegmentDefinition } from '../generated/ast.js';
import { walkAst } from '../segment-ast-walk.js';
import { useSegmentCstBuilder } from './segment-cst-builder.js';
import { TOO_LARGE, isTooLarge, tooLarge } from './segment-document-size.js';
import { TOO_MANY_ERRORS, tooManyErrors, useErrorLimit } from './segment-error-limit.js';
import { useLinearInfix } from './segment-infix.js';
import { useCachedAltPaths } from './segment-alt-paths.js';
import { useLinearRecovery } from './segment-recovery.js';
import { usePostfixLimit } from './segment-postfix-limit.js';
import { isDepthFailure, MAX_NESTING, PARSER_FAILURE, parserFailure, TOO_DEEP, TooDeepError, tooDeep } from './segment-nesting.js';

/** Properties whose value is a keyword written by the user (`AND`, `Days`, `BEFORE` …). */
const KEYWORD_PROPERTIES = ['operator', 'comparator', 'unit', 'direction', 'quantifier', 'function', 'word', 'period', 'evaluation'];

/**
 * Langium's completion parser (it parses the text before the cursor), with the parser's linear error
 * recovery: with Chevrotain's, 1.5 KB of unclosed `(not (not …` took 4.4 s to complete in and 30 KB 97 s.
 */
export function createSegmentCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createCompletionParser(services);
    useLinearRecovery(parser);
    useCachedAltPaths(parser);
    return parser;
}

/**
 * Langium's parser, with five changes:
 * - keywords are case-insensitive (docs/semantics.md), so the parser sees `AND`, `And` and `and`
 *   alike; downstream code should not care: keyword-valued properties get the grammar's spelling;
 * - a tree nesting deeper than `MAX_NESTING` is refused as it comes out of the parser, before any
 *   recursive walk (Langium's own, which sets each node's container, is the first) can overflow
 *   (a member path as soon as it is that deep: `segment-postfix-limit.ts`);
 * - infix chains and comments are placed in linear time (`segment-infix.ts`, `segment-cst-builder.ts`),
 *   and error recovery is linear in what it skips and in how deep the rules nest (`segment-recovery.ts`,
 *   `segment-alt-paths.ts`);
 * - a text longer than `MAX_DOCUMENT_LENGTH` is refused before it is lexed, and parsing stops after
 *   `MAX_SYNTAX_ERRORS` syntax errors (`segment-error-limit.ts`).
 */
export function createSegmentParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    useLinearInfix(parser);
    useErrorLimit(parser);
    useLinearRecovery(parser);
    useCachedAltPaths(parser);
    usePostfixLimit(parser);
    const cst = useSegmentCstBuilder(parser);
    const spelling = keywordSpellings(services.Grammar);
    // `doParse` runs the grammar's entry rule; `parse` then links each node to its container, recursively.
    const internals = parser as unknown as { doParse(rule: unknown): AstNode };
    const doParse = internals.doParse.bind(parser);
    internals.doParse = rule => {
        const root = doParse(rule);
        canonicalizeKeywords(root, spelling);
        return root;
    };
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: unknown) => {
        if (isTooLarge(input)) {
            return tooLarge(parser, parse, input);
        }
        try {
            const result = parse(input, options as never);
            cst.finish();
            return result;
        } catch (error) {
            return tooManyErrors(parser, parse, error)
                ?? (isDepthFailure(error, input) ? tooDeep(parser, parse, error) : parserFailure(parser, parse, error));
        } finally {
            // The parser's state would hold the last tree and its tokens until the next parse.
            cst.release();
            (parser as unknown as { wrapper: { input: unknown[] } }).wrapper.input = [];
        }
    }) as typeof parser.parse;
    return parser;
}

/** Whether the file was refused whole (too deep, too large, too many errors): its tree is empty. */
export function isRefused(result: ParseResult): boolean {
    return result.parserErrors.some(error => REFUSALS.has(error.name));
}

const REFUSALS = new Set([TOO_DEEP, TOO_LARGE, TOO_MANY_ERRORS, PARSER_FAILURE]);

/** Lower-case keyword → the grammar's spelling (`notin` → `notIn`). */
export function keywordSpellings(grammar: Grammar): Map<string, string> {
    const map = new Map<string, string>();
    for (const keyword of AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword)) {
        map.set(keyword.value.toLowerCase(), keyword.value);
    }
    return map;
}

/** Rewrites keywords to their grammar spelling; throws a `TooDeepError` on a node deeper than `MAX_NESTING`. */
function canonicalizeKeywords(root: AstNode, spelling: Map<string, string>): void {
    // Parents come before children, so the latest segment seen is the one around a node.
    let segment: SegmentDefinition | undefined;
    walkAst(root, (node, depth) => {
        if (depth > MAX_NESTING) {
            throw new TooDeepError(segment);
        }
        if (depth === 1 && isSegmentDefinition(node)) {
            segment = node;
        }
        const record = node as unknown as Record<string, unknown>;
        for (const property of KEYWORD_PROPERTIES) {
            const value = record[property];
            if (typeof value === 'string') {
                record[property] = spelling.get(value.toLowerCase()) ?? value;
            }
        }
    });
}
