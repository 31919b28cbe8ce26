import type { LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver';
import { GENERATE_PROFILE_COMMAND, type GenerateProfileParams } from '../../shared/segment-protocol.js';
import { isLogicalExpression, isParenthesizedExpression, isSegmentFile, type Expression, type SegmentDefinition } from '../generated/ast.js';
import { segmentCondition } from '../segment-properties.js';

/**
 * "Generate a matching profile" on a segment, and "Generate a near miss" on one of its top-level
 * clauses: code actions that run the client command, which asks the server to search (the
 * search runs the evaluator, too slow to do for every lightbulb request).
 */
export function generateProfileActions(document: LangiumDocument, range: Range): CodeAction[] {
    const root = document.parseResult.value;
    const offset = document.textDocument.offsetAt(range.start);
    const segment = isSegmentFile(root) ? root.segments.find(s => s.$cstNode && s.$cstNode.offset <= offset && offset <= s.$cstNode.end) : undefined;
    if (!(segment && segmentCondition(segment))) {
        return [];
    }
    const uri = document.uri.toString();
    const actions = [action(`Generate a matching profile for '${segment.name}'`, { uri, segment: segment.name })];
    const operands = topLevelOperands(segment);
    const clause = operands.length > 1 ? operands.findIndex(o => o.$cstNode && o.$cstNode.offset <= offset && offset <= o.$cstNode.end) : -1;
    if (clause >= 0) {
        const text = collapsed(operands[clause]);
        actions.push(action(`Generate a near miss: '${segment.name}' without ${text.length > 50 ? text.slice(0, 49) + '…' : text}`, { uri, segment: segment.name, clause, clauseText: text }));
    }
    return actions;
}

function action(title: string, params: GenerateProfileParams): CodeAction {
    return { title, kind: CodeActionKind.Refactor, command: { title, command: GENERATE_PROFILE_COMMAND, arguments: [params] } };
}

/** The operands of a top-level `and` (as explanations split it: parentheses around the whole skipped), else none. */
export function topLevelOperands(segment: SegmentDefinition): Expression[] {
    let root = segmentCondition(segment);
    while (root && isParenthesizedExpression(root)) {
        root = root.expression;
    }
    const flatten = (node: Expression): Expression[] =>
        isLogicalExpression(node) && (node.operator === 'and' || node.operator === '&&') ? [...flatten(node.left), ...flatten(node.right)] : [node];
    return root && isLogicalExpression(root) && (root.operator === 'and' || root.operator === '&&') ? flatten(root).map(unwrap) : [];
}

function unwrap(node: Expression): Expression {
    return isParenthesizedExpression(node) ? unwrap(node.expression) : node;
}

function collapsed(node: Expression): string {
    return (node.$cstNode?.text ?? '').replace(/\s+/gu, ' ').trim();
}
