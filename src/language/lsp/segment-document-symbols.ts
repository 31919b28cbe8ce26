import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { segmentCondition, segmentTitle, testSegment } from '../segment-properties.js';

/** Levels of clauses shown below a segment: enough to reach a chain step's conditions, not every sub-expression. */
const MAX_DEPTH = 4;
/** A clause's name is its text, cut here: the outline is a column, not the editor. */
const NAME_LENGTH = 60;
/** Methods whose argument is a condition on each element (`xEvent.exists(…)`): an event selection. */
const SELECTING_METHODS = new Set(['exists', 'filter']);

/**
 * The outline: each segment (id as the symbol, `name:` as its detail) with its condition's clauses
 * as children — the operands of the top-level `and`/`or`, and inside each the conditions of event
 * selections and the steps of chains — so that a long condition can be navigated; then the `test`
 * declarations. Langium's default would instead list every iteration variable (`X`, `E`).
 */
export class SegmentDocumentSymbolProvider implements DocumentSymbolProvider {

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): MaybePromise<DocumentSymbol[]> {
        const file = document.parseResult.value as ast.SegmentFile;
        const declarations: Array<ast.SegmentDefinition | ast.SegmentTest> = [...file.segments, ...file.tests]
            .sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
        return declarations.flatMap(declaration => {
            const nameNode = GrammarUtils.findNodeForProperty(declaration.$cstNode, 'name');
            if (!declaration.$cstNode || !nameNode || !declaration.name) {
                return [];
            }
            const target = ast.isSegmentTest(declaration) ? testSegment(declaration)?.$refText : undefined;
            const symbol: DocumentSymbol = ast.isSegmentDefinition(declaration)
                ? { name: declaration.name, detail: segmentTitle(declaration) ?? '', kind: SymbolKind.Class, range: declaration.$cstNode.range, selectionRange: nameNode.range }
                : { name: declaration.name, detail: `test${target ? ` of ${target}` : ''}`, kind: SymbolKind.Method, range: declaration.$cstNode.range, selectionRange: nameNode.range };
            const condition = ast.isSegmentDefinition(declaration) ? segmentCondition(declaration) : undefined;
            const children = condition ? operandSymbols(condition, 1) : [];
            return [children.length > 0 ? { ...symbol, children } : symbol];
        });
    }
}

/** The operands of a condition, one symbol each: `a and b and c` gives three, any other condition one. */
function operandSymbols(condition: ast.Expression, depth: number): DocumentSymbol[] {
    const inner = unwrap(condition);
    const operands = ast.isLogicalExpression(inner) ? flatten(inner, normalOperator(inner.operator)) : [condition];
    return operands.flatMap(operand => clauseSymbol(operand, depth));
}

function clauseSymbol(clause: AstNode, depth: number): DocumentSymbol[] {
    const cst = clause.$cstNode;
    if (!cst) {
        return [];
    }
    const node = unwrap(clause);
    const children = depth < MAX_DEPTH ? innerSymbols(node, depth + 1) : [];
    const symbol: DocumentSymbol = { name: shortText(cst.text), detail: detailOf(node), kind: kindOf(node), range: cst.range, selectionRange: cst.range };
    return [children.length > 0 ? { ...symbol, children } : symbol];
}

/** What a clause contains worth navigating to: a group's operands, a selection's conditions, a chain's steps. */
function innerSymbols(node: AstNode, depth: number): DocumentSymbol[] {
    if (ast.isLogicalExpression(node)) {
        return flatten(node, normalOperator(node.operator)).flatMap(operand => clauseSymbol(operand, depth));
    }
    if (ast.isNotExpression(node)) {
        // `not (select P …)`: straight to what is negated, the name already says `not`.
        const operand = unwrap(node.operand);
        return isSelection(operand) || ast.isLogicalExpression(operand) ? innerSymbols(operand, depth) : [];
    }
    if (ast.isSelectExpression(node) || ast.isQuantifiedExpression(node) || ast.isAggregationExpression(node)) {
        return node.declarations.flatMap(d => d.condition ? operandSymbols(d.condition, depth) : []);
    }
    if (ast.isFilterExpression(node)) {
        return node.condition ? operandSymbols(node.condition, depth) : [];
    }
    if (ast.isMemberAccess(node) && node.isCall && SELECTING_METHODS.has(node.member) && node.arguments[0]) {
        return operandSymbols(node.arguments[0], depth);
    }
    if (ast.isChainExpression(node)) {
        return node.steps.flatMap(step => stepSymbol(step, depth));
    }
    // A comparison or a call over a selection (`xEvent[…].count() > 2`): the selection's conditions.
    const selection = AstUtils.streamAst(node).filter(isSelection).head();
    return selection && selection !== node ? innerSymbols(selection, depth) : [];
}

function stepSymbol(step: ast.ChainStep, depth: number): DocumentSymbol[] {
    const cst = step.$cstNode;
    if (!cst) {
        return [];
    }
    const conditions = depth < MAX_DEPTH
        ? [step.what, step.where].flatMap(condition => condition && ast.isLogicalExpression(unwrap(condition)) ? operandSymbols(condition, depth + 1) : [])
        : [];
    const symbol: DocumentSymbol = { name: shortText(cst.text), detail: 'chain step', kind: SymbolKind.Event, range: cst.range, selectionRange: cst.range };
    return [conditions.length > 0 ? { ...symbol, children: conditions } : symbol];
}

/** An event selection or a chain: what iterates over events. */
function isSelection(node: AstNode): boolean {
    return ast.isSelectExpression(node) || ast.isQuantifiedExpression(node) || ast.isAggregationExpression(node)
        || ast.isFilterExpression(node) || ast.isChainExpression(node)
        || (ast.isMemberAccess(node) && node.isCall && SELECTING_METHODS.has(node.member));
}

function detailOf(node: AstNode): string {
    if (ast.isLogicalExpression(node)) {
        return normalOperator(node.operator);
    }
    if (ast.isNotExpression(node)) {
        return 'not';
    }
    if (ast.isChainExpression(node)) {
        return `chain, ${node.steps.length} step${node.steps.length === 1 ? '' : 's'}`;
    }
    // `xEvent[…].count() > 2` reads as a selection too.
    return isSelection(node) || AstUtils.streamAst(node).some(isSelection) ? 'event selection' : '';
}

function kindOf(node: AstNode): SymbolKind {
    if (ast.isChainExpression(node)) {
        return SymbolKind.Event;
    }
    if (isSelection(node)) {
        return SymbolKind.Array;
    }
    return ast.isLogicalExpression(node) || ast.isNotExpression(node) ? SymbolKind.Operator : SymbolKind.Boolean;
}

/** `&&` and `||` parse (for their quick fix) and mean `and` and `or`. */
function normalOperator(operator: string): 'and' | 'or' {
    return operator === 'or' || operator === '||' ? 'or' : 'and';
}

/** The operands of a run of one operator: `a and (b and c)` is three clauses, `a and (b or c)` two. */
function flatten(node: ast.LogicalExpression, operator: 'and' | 'or'): ast.Expression[] {
    return [node.left, node.right].flatMap(side => {
        const inner = side ? unwrap(side) : undefined;
        if (!side) {
            return [];
        }
        return inner && ast.isLogicalExpression(inner) && normalOperator(inner.operator) === operator ? flatten(inner, operator) : [side];
    });
}

function unwrap(node: AstNode): AstNode {
    let current = node;
    while (ast.isParenthesizedExpression(current) && current.expression) {
        current = current.expression;
    }
    return current;
}

function shortText(text: string): string {
    const collapsed = text.replace(/\s+/gu, ' ').trim();
    return collapsed.length > NAME_LENGTH ? `${collapsed.slice(0, NAME_LENGTH - 1)}…` : collapsed || '(empty)';
}
