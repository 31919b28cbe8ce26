import type { AstNode } from 'langium';
import * as ast from '../../src/language/generated/ast.js';

/** A compact S-expression of a condition, so tests can assert how the grammar groups operators. */
export function sexpr(node: AstNode | undefined): string {
    if (!node) {
        return '∅';
    }
    if (ast.isLogicalExpression(node) || ast.isArithmeticExpression(node) || ast.isComparisonExpression(node)) {
        return `(${node.operator} ${sexpr(node.left)} ${sexpr(node.right)})`;
    }
    if (ast.isNotExpression(node)) {
        return `(not ${sexpr(node.operand)})`;
    }
    if (ast.isNegationExpression(node)) {
        return `(- ${sexpr(node.operand)})`;
    }
    if (ast.isParenthesizedExpression(node)) {
        return sexpr(node.expression);
    }
    if (ast.isMemberAccess(node)) {
        return node.isCall ? `(.${node.member} ${sexpr(node.receiver)}${node.arguments.map(a => ' ' + sexpr(a)).join('')})` : `${sexpr(node.receiver)}.${node.member}`;
    }
    if (ast.isNameReference(node)) {
        return node.name;
    }
    if (ast.isNumberLiteral(node)) {
        return String(node.value);
    }
    if (ast.isStringLiteral(node)) {
        return JSON.stringify(node.value);
    }
    if (ast.isOccursExpression(node)) {
        return `(occurs ${sexpr(node.subject)} ${sexpr(node.time)})`;
    }
    if (ast.isBetweenTimeSpec(node)) {
        return `(between ${sexpr(node.start)} ${sexpr(node.end)})`;
    }
    if (ast.isRelativeTimeSpec(node)) {
        return `(${node.comparator} ${node.amount} ${node.unit} ${node.direction} ${sexpr(node.anchor)})`;
    }
    if (ast.isOnTimeSpec(node)) {
        return sexpr(node.anchor);
    }
    if (ast.isDirectionalTimeSpec(node)) {
        return `(${node.direction} ${sexpr(node.anchor)})`;
    }
    if (ast.isCalendarRef(node)) {
        return node.word ?? `${node.period}-${node.unit}`;
    }
    if (ast.isExpressionRef(node)) {
        return sexpr(node.expression);
    }
    if (ast.isSelectExpression(node) || ast.isQuantifiedExpression(node)) {
        const head = ast.isSelectExpression(node) ? 'select' : node.quantifier;
        return `(${head} ${node.declarations.map(d => `[${d.variable.name} ${sexpr(d.source)} ${sexpr(d.condition)}]`).join(' ')})`;
    }
    if (ast.isFunctionCall(node)) {
        return `(${node.name}${node.arguments.map(a => ' ' + sexpr(a)).join('')})`;
    }
    return node.$type;
}
