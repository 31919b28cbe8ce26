import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type AstNode, type LeafCstNode } from 'langium';
import { isInSegmentExpression, type InSegmentExpression } from './generated/ast.js';

/** How `printPql` treats the parts of a condition that AEP spells differently from a `.segment` file. */
export interface PqlPrintOptions {
    /**
     * The audience id to write inside `inSegment("…")`, or undefined to keep the argument as written.
     * `segment export` passes the referenced segment's `aepId` here.
     */
    inSegmentId?: (expression: InSegmentExpression) => string | undefined;
    /**
     * Keep a line break where the source had one between two tokens (import writes a condition
     * from its tree but keeps AEP's layout readable); default: the value is one line.
     */
    keepLineBreaks?: boolean;
}

/** Whitespace next to brackets and before commas is dropped: `not(  a )` → `not(a)`, `COUNT(5) ] )` → `COUNT(5)])`. */
const TIGHT_AFTER = new Set(['(', '[']);
const TIGHT_BEFORE = new Set([')', ']', ',']);

/** Datatype rules whose keywords are field or member names there (`orders.count()`), not keywords. */
const NAME_RULES = new Set(['HeadName', 'Name']);

/**
 * Prints a condition as the PQL text AEP stores in `expression.value`.
 *
 * The text is rebuilt from the condition's CST tokens rather than from the AST, because that is what
 * round-trips: `segment import` → `segment export` gives back Adobe's own text token for token, with
 * its parentheses, literal spellings (`.45`, `2.02E12`) and `chain`/`CHAIN` choice. What changes:
 * - comments (ours, PQL has none) are dropped, and any run of whitespace or comments between two
 *   tokens becomes one space, or none after `(`/`[` and before `)`/`]`/`,` (so line breaks that the
 *   formatter puts inside a chain's step list leave no stray spaces); tokens that touched stay touching;
 * - keywords take their documented spelling (`AND` → `and`, `notin` → `notIn`, chain steps'
 *   `what` → `WHAT`), since our keywords are case-insensitive but AEP's are not known to be;
 *   `chain` and `CHAIN` are both documented and kept as written, other casings become `CHAIN`;
 * - single-quoted strings become double-quoted (undocumented in PQL);
 * - `inSegment` arguments are replaced as `options.inSegmentId` says.
 */
export function printPql(node: AstNode, options: PqlPrintOptions = {}): string {
    const root = node.$cstNode;
    if (!root) {
        return '';
    }
    const replacements = inSegmentReplacements(node, options);
    const parts: string[] = [];
    const source = options.keepLineBreaks ? root.root.fullText : undefined;
    let previousEnd: number | undefined;
    for (const leaf of CstUtils.streamCst(root)) {
        if (!isLeafCstNode(leaf) || leaf.hidden || leaf.length === 0) {
            continue;
        }
        const text = replacements.get(leaf.offset) ?? tokenText(leaf);
        if (previousEnd !== undefined && leaf.offset > previousEnd && !TIGHT_AFTER.has(parts[parts.length - 1]) && !TIGHT_BEFORE.has(text)) {
            parts.push(source !== undefined && /[\r\n]/u.test(source.slice(previousEnd, leaf.offset)) ? '\n' : ' ');
        } else if (source !== undefined && previousEnd !== undefined && /[\r\n]/u.test(source.slice(previousEnd, leaf.offset))) {
            parts.push('\n');
        }
        parts.push(text);
        previousEnd = leaf.end;
    }
    return parts.join('');
}

/** Escapes a string's content for a double-quoted PQL literal (`\\` and `\"` are PQL's escapes). */
export function pqlString(value: string): string {
    return `"${value.replace(/[\\"]/g, c => '\\' + c)}"`;
}

function inSegmentReplacements(node: AstNode, options: PqlPrintOptions): Map<number, string> {
    const replacements = new Map<number, string>();
    if (!options.inSegmentId) {
        return replacements;
    }
    for (const expression of AstUtils.streamAst(node).filter(isInSegmentExpression)) {
        const id = options.inSegmentId(expression);
        const refNode = expression.segment.$refNode;
        if (id !== undefined && refNode) {
            replacements.set(refNode.offset, pqlString(id));
        }
    }
    return replacements;
}

function tokenText(leaf: LeafCstNode): string {
    if (leaf.tokenType.name === 'SQ_STRING') {
        return doubleQuoted(leaf.text);
    }
    const source = leaf.grammarSource;
    // Operators of `infix` rules (`and`, `or`, `+`) are assigned tokens, not keyword elements.
    if (GrammarAST.isAssignment(source) && source.feature === 'operators') {
        return leaf.text.toLowerCase();
    }
    if (!GrammarAST.isKeyword(source) || !/^[a-z]/i.test(source.value)) {
        return leaf.text;
    }
    const rule = AstUtils.getContainerOfType(source, GrammarAST.isParserRule);
    if (rule && NAME_RULES.has(rule.name)) {
        return leaf.text;
    }
    if (rule?.name === 'ChainStep') {
        return source.value.toUpperCase();
    }
    if (source.value === 'chain') {
        return leaf.text === 'chain' ? 'chain' : 'CHAIN';
    }
    return source.value;
}

/** `'it\'s "x"'` → `"it's \"x\""`: other escapes keep their meaning in either quoting. */
function doubleQuoted(text: string): string {
    const body = text.slice(1, -1).replace(/\\(.)|(")/g, (_match, escaped: string | undefined, quote: string | undefined) => {
        if (quote) {
            return '\\"';
        }
        return escaped === '\'' ? '\'' : '\\' + escaped;
    });
    return `"${body}"`;
}
