/**
 * Shapes of the syntax tree the fast-path generator (segment-codegen.ts) looks for: and/or chains,
 * the cost order of operands, and `A[cond].count()`.
 */
import type { Expression } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';

/** Operands of a chain of `and` (or of `or`), parentheses included. */
export function sameOperator(node: Expression, and: boolean): Expression[] {
    while (ast.isParenthesizedExpression(node)) {
        node = node.expression;
    }
    if (ast.isLogicalExpression(node) && (node.operator === 'and' || node.operator === '&&') === and) {
        return [...sameOperator(node.left, and), ...sameOperator(node.right, and)];
    }
    return [node];
}

/** A rough cost of evaluating a condition: comparisons of fields, then time tests, segment lookups, loops. */
export function cost(node: Expression): number {
    switch (node.$type) {
        case 'ParenthesizedExpression': return cost(node.expression);
        case 'LogicalExpression': return cost(node.left) + cost(node.right);
        case 'NotExpression': return cost(node.operand);
        case 'BooleanLiteral': return 0;
        case 'ComparisonExpression': {
            const left = node.left as Expression;
            return countedFilter(left) ? 20 : ast.isMemberAccess(left) && left.isCall ? 5 : 1;
        }
        case 'OccursExpression': return 2;
        case 'InSegmentExpression': return 4;
        default: return 20;
    }
}

/** The filter of `A[cond].count()`, or undefined. */
export function countedFilter(node: Expression): ast.FilterExpression | undefined {
    while (ast.isParenthesizedExpression(node)) {
        node = node.expression;
    }
    return ast.isMemberAccess(node) && node.isCall && node.member.toLowerCase() === 'count' && node.arguments.length === 0
        && ast.isFilterExpression(node.receiver) ? node.receiver : undefined;
}

/**
 * The event type a condition requires: "k" when some operand of its top-level `and` is `PATH = "k"`
 * (or `==`) where `isEventType(receiver, keys)` says the path `receiver.keys…` is the subject's
 * `eventType`. Events of another type (a string other than "k") fail the condition.
 */
export function requiredEventType(condition: Expression, isEventType: (receiver: Expression, keys: string[]) => boolean): string | undefined {
    for (const operand of sameOperator(condition, true)) {
        let node = operand;
        while (ast.isParenthesizedExpression(node)) {
            node = node.expression;
        }
        const right = ast.isComparisonExpression(node) ? node.right as Expression : undefined;
        if (!ast.isComparisonExpression(node) || (node.operator !== '=' && node.operator !== '==') || !ast.isStringLiteral(right)) {
            continue;
        }
        let left = node.left as Expression;
        while (ast.isParenthesizedExpression(left)) {
            left = left.expression;
        }
        const keys: string[] = [];
        while (ast.isMemberAccess(left) && !left.isCall) {
            keys.unshift(left.member);
            left = left.receiver;
        }
        if (isEventType(left, keys)) {
            return right.value;
        }
    }
    return undefined;
}
