import { AstUtils, GrammarAST, type AstNode, type Grammar, type LangiumParser } from 'langium';
import { createLangiumParser } from 'langium';
import type { LangiumCoreServices } from 'langium';

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

/**
 * A plain recursive walk: `AstUtils.streamAst` (a stream and `Object.keys` per node) made this pass
 * ~10 % of parsing a 5,000-line file. Reference objects have no `$type` and are not entered.
 */
function canonicalizeKeywords(node: AstNode, spelling: Map<string, string>): void {
    const record = node as unknown as Record<string, unknown>;
    for (const property of KEYWORD_PROPERTIES) {
        const value = record[property];
        if (typeof value === 'string') {
            record[property] = spelling.get(value.toLowerCase()) ?? value;
        }
    }
    for (const key in record) {
        if (key.startsWith('$')) {
            continue;
        }
        const value = record[key];
        if (Array.isArray(value)) {
            for (const item of value) {
                if (isNode(item)) {
                    canonicalizeKeywords(item, spelling);
                }
            }
        } else if (isNode(value)) {
            canonicalizeKeywords(value, spelling);
        }
    }
}

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}
