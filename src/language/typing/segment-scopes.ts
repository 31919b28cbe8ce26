import { AstUtils, type AstNode } from 'langium';
import {
    isAggregationExpression, isChainExpression, isChainStep, isConditionProperty, isFilterExpression, isLambda, isLetExpression, isMemberAccess,
    isParenthesizedExpression, isQuantifiedExpression, isSelectExpression,
    type Declaration, type Lambda, type LetExpression, type MemberAccess, type Variable,
} from '../generated/ast.js';
import { findMethod } from './segment-functions.js';
import { isSegmentCondition } from '../segment-properties.js';

/**
 * Where names come from (reference §1.3): variables declared by `select`/`exists`/`forall`/
 * aggregation `from` declarations, `let` and lambdas, visible to the right of their declaration;
 * and implicit element contexts opened by `array[…]`, element-wise method arguments and chain
 * steps. These functions only inspect the tree; types come from the type computer.
 */

/** A variable in scope at a node, with what it is bound to. */
export type VariableBinding =
    | { kind: 'declaration'; variable: Variable; declaration: Declaration }
    | { kind: 'let'; variable: Variable; let: LetExpression }
    | { kind: 'lambda'; variable: Variable; lambda: Lambda; index: number };

/** An implicit context opened around a node: names resolve against the element of `source`. */
export type ElementContext =
    | { kind: 'filter'; source: AstNode }
    | { kind: 'method'; source: AstNode; method: MemberAccess }
    | { kind: 'chain-step' };

/** Variables visible at `node`, innermost first. */
export function variablesInScope(node: AstNode): VariableBinding[] {
    const result: VariableBinding[] = [];
    let child: AstNode = node;
    for (let parent = node.$container; parent; child = parent, parent = parent.$container) {
        if (isSelectExpression(parent) || isQuantifiedExpression(parent) || isAggregationExpression(parent)) {
            const declarations = parent.declarations;
            const index = declarations.indexOf(child as Declaration);
            // In an aggregation's value every declared variable is visible; in declaration i, those before it
            // (and its own variable in its condition).
            const visible = index < 0 ? declarations : declarations.slice(0, index + (child === declarations[index] && inCondition(node, declarations[index]) ? 1 : 0));
            for (const declaration of [...visible].reverse()) {
                result.push({ kind: 'declaration', variable: declaration.variable, declaration });
            }
        } else if (isLetExpression(parent) && child === parent.body) {
            result.push({ kind: 'let', variable: parent.variable, let: parent });
        } else if (isLambda(parent) && child === parent.body) {
            parent.parameters.forEach((variable, index) => result.push({ kind: 'lambda', variable, lambda: parent, index }));
        }
    }
    return result;
}

function inCondition(node: AstNode, declaration: Declaration): boolean {
    return declaration.condition !== undefined && (node === declaration.condition || AstUtils.hasContainerOfType(node, n => n === declaration.condition));
}

/** The innermost variable named `name` visible at `node`. */
export function findVariable(node: AstNode, name: string): VariableBinding | undefined {
    return variablesInScope(node).find(binding => binding.variable.name === name);
}

/** Implicit element contexts around `node`, innermost first. */
export function elementContexts(node: AstNode): ElementContext[] {
    const result: ElementContext[] = [];
    let child: AstNode = node;
    for (let parent = node.$container; parent; child = parent, parent = parent.$container) {
        if (isFilterExpression(parent) && child === parent.condition) {
            result.push({ kind: 'filter', source: parent.receiver });
        } else if (isMemberAccess(parent) && parent.isCall && child !== parent.receiver) {
            const method = findMethod(parent.member);
            const index = parent.arguments.indexOf(child as never);
            if (method && method.params[index]?.kind === 'element') {
                result.push({ kind: 'method', source: parent.receiver, method: parent });
            }
        } else if ((isChainStep(parent) && (child === parent.what || child === parent.where)) || (isChainExpression(parent) && child === parent.orderBy)) {
            result.push({ kind: 'chain-step' });
        } else if (isConditionProperty(parent)) {
            break;
        }
    }
    return result;
}

/** Whether a lambda is the whole condition of a segment (its first parameter is then the profile). */
export function isTopLevelLambda(lambda: Lambda): boolean {
    let node: AstNode = lambda;
    while (node.$container && isParenthesizedExpression(node.$container)) {
        node = node.$container;
    }
    return isSegmentCondition(node);
}

/** Whether a name is the argument of a method that takes a function (`numbers.map(square)`): it names a function, not a field. */
export function isFunctionArgument(node: AstNode): boolean {
    const parent = node.$container;
    if (!isMemberAccess(parent) || !parent.isCall) {
        return false;
    }
    const index = parent.arguments.indexOf(node as never);
    return index >= 0 && findMethod(parent.member)?.params[index]?.kind === 'function';
}
