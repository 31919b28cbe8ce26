/**
 * Per-clause counts in generated code: the clause skeleton of segment-explain.ts (and/or chains
 * flattened, `not`, parentheses skipped, preorder indices) rebuilt here, checked against the
 * skeleton's own clause list, and emitted as statements that evaluate every clause once (no
 * short-circuit, so each count is independent) and count the ones that held.
 */
import type { Expression } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import type { ClauseInfo } from '../explain/segment-explain.js';

export interface LayoutNode {
    index: number;
    kind: 'and' | 'or' | 'not' | 'leaf';
    node: Expression;
    children: LayoutNode[];
}

/** The skeleton's layout of `condition`, or undefined when it differs from `clauses` (paths and kinds). */
export function clauseLayout(condition: Expression, clauses: readonly ClauseInfo[]): LayoutNode | undefined {
    const out: LayoutNode[] = [];
    const paths: string[] = [];
    const build = (node: Expression, path: string): LayoutNode | undefined => {
        while (ast.isParenthesizedExpression(node)) {
            node = node.expression;
        }
        if (ast.isLambda(node)) {
            return undefined;
        }
        const layout: LayoutNode = { index: out.length, kind: 'leaf', node, children: [] };
        out.push(layout);
        paths.push(path);
        if (ast.isLogicalExpression(node) || ast.isNotExpression(node)) {
            layout.kind = ast.isNotExpression(node) ? 'not' : operatorKind(node);
            const operands = ast.isNotExpression(node) ? [node.operand] : flatten(node, layout.kind);
            for (let i = 0; i < operands.length; i++) {
                const child = build(operands[i], `${path}.${i}`);
                if (!child) {
                    return undefined;
                }
                layout.children.push(child);
            }
        }
        return layout;
    };
    const root = build(condition, '$');
    const same = root && out.length === clauses.length && out.every((n, i) => paths[i] === clauses[i].path
        && (n.kind === 'leaf' ? !['and', 'or', 'not'].includes(clauses[i].kind) : n.kind === clauses[i].kind));
    return same ? root : undefined;
}

/** Statements evaluating every clause into `b<i>` (leaves by `leaf`), adding to `k[i]`, returning the root's result. */
export function countStatements(root: LayoutNode, leaf: (node: Expression) => string): string {
    const statements: string[] = [];
    const visit = (n: LayoutNode): void => {
        n.children.forEach(visit);
        const expr = n.kind === 'leaf' ? leaf(n.node)
            : n.kind === 'not' ? `!b${n.children[0].index}`
                : n.children.map(ch => `b${ch.index}`).join(n.kind === 'and' ? ' && ' : ' || ');
        statements.push(`const b${n.index} = ${expr}; if (b${n.index}) k[${n.index}]++;`);
    };
    visit(root);
    return `${statements.join('\n')}\nreturn b0;`;
}

function operatorKind(node: ast.LogicalExpression): 'and' | 'or' {
    return node.operator === 'and' || node.operator === '&&' ? 'and' : 'or';
}

/** Operands of a chain of the same operator, as the clause skeleton flattens them (not through parentheses). */
function flatten(node: Expression, kind: string): Expression[] {
    if (ast.isLogicalExpression(node) && operatorKind(node) === kind) {
        return [...flatten(node.left, kind), ...flatten(node.right, kind)];
    }
    return [node];
}
