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
        const result = parse(input, options as never);
        canonicalizeKeywords(result.value, spelling);
        return result;
    }) as typeof parser.parse;
    return parser;
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
