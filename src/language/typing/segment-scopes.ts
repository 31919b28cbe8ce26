import type { AstNode } from 'langium';
import {
    isAggregationExpression, isChainExpression, isChainStep, isConditionProperty, isDeclaration, isFilterExpression, isLambda, isLetExpression,
    isMemberAccess, isParenthesizedExpression, isQuantifiedExpression, isSelectExpression,
    type Declaration, type Lambda, type LetExpression, type MemberAccess, type Variable,
} from '../generated/ast.js';
import { findMethod } from './segment-functions.js';
import { isSegmentCondition } from '../segment-properties.js';
import { NodeMemo } from '../segment-node-memo.js';

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

/**
 * What each step up the tree adds is remembered per node: a name under a chain of depth d (an
 * `or` of 1,000 operands is 1,000 levels) would otherwise walk d containers, and the file's n
 * names n·d of them. Nodes are never changed after parsing (a change builds new ones), so the
 * answers stay true for the node's life.
 */
const variablesAt = new NodeMemo<readonly VariableBinding[]>('variables');
const contextsAt = new NodeMemo<readonly ElementContext[]>('contexts');

/** Variables visible at `node`, innermost first. */
export function variablesInScope(node: AstNode): VariableBinding[] {
    return [...visibleVariables(node)];
}

/** The innermost variable named `name` visible at `node`. */
export function findVariable(node: AstNode, name: string): VariableBinding | undefined {
    return visibleVariables(node).find(binding => binding.variable.name === name);
}

function visibleVariables(node: AstNode): readonly VariableBinding[] {
    return inherited(node, variablesAt, () => false, declaredFor);
}

/** The variables that `parent` declares for its `child`, innermost first. */
function declaredFor(parent: AstNode, child: AstNode): VariableBinding[] {
    if (isSelectExpression(parent) || isQuantifiedExpression(parent) || isAggregationExpression(parent)) {
        const declarations = parent.declarations;
        const index = declarations.indexOf(child as Declaration);
        // In an aggregation's value every declared variable is visible; in declaration i, those
        // before it (its own variable in its condition: see the Declaration case).
        const visible = index < 0 ? declarations : declarations.slice(0, index);
        return named([...visible].reverse().map(declaration => ({ kind: 'declaration', variable: declaration.variable, declaration })));
    } else if (isDeclaration(parent) && child === parent.condition && isDeclaring(parent.$container)) {
        return named([{ kind: 'declaration', variable: parent.variable, declaration: parent }]);
    } else if (isLetExpression(parent) && child === parent.body) {
        return named([{ kind: 'let', variable: parent.variable, let: parent }]);
    } else if (isLambda(parent) && child === parent.body) {
        return named(parent.parameters.map((variable, index) => ({ kind: 'lambda', variable, lambda: parent, index })));
    }
    return [];
}

/**
 * The bindings whose variable was parsed: after a syntax error the parser's recovery leaves a
 * declaration without its variable (`select from xEvent where X.a = 1`), which binds no name (every
 * lookup by name failed on it with a TypeError, an internal error at each name below it).
 */
function named(bindings: VariableBinding[]): VariableBinding[] {
    return bindings.filter(binding => binding.variable !== undefined);
}

function isDeclaring(node: AstNode | undefined): boolean {
    return isSelectExpression(node) || isQuantifiedExpression(node) || isAggregationExpression(node);
}

/** Implicit element contexts around `node`, innermost first. */
export function elementContexts(node: AstNode): ElementContext[] {
    // A segment's condition starts in the profile: nothing outside it opens a context.
    return [...inherited(node, contextsAt, isConditionProperty, openedFor)];
}

/** The element context that `parent` opens around its `child`, if any. */
function openedFor(parent: AstNode, child: AstNode): ElementContext[] {
    if (isFilterExpression(parent) && child === parent.condition) {
        return [{ kind: 'filter', source: parent.receiver }];
    } else if (isMemberAccess(parent) && parent.isCall && child !== parent.receiver) {
        const method = findMethod(parent.member);
        const index = parent.arguments.indexOf(child as never);
        if (method && method.params[index]?.kind === 'element') {
            return [{ kind: 'method', source: parent.receiver, method: parent }];
        }
    } else if ((isChainStep(parent) && (child === parent.what || child === parent.where)) || (isChainExpression(parent) && child === parent.orderBy)) {
        return [{ kind: 'chain-step' }];
    }
    return [];
}

/**
 * What `node` inherits from its containers, innermost first: what each container adds for the
 * child on the way, up to the root or a container where nothing is inherited (`isBoundary`).
 * Walks up only to the nearest container already answered, and remembers the answer for every
 * node on the way (sharing the container's list where a step adds nothing).
 */
function inherited<T>(node: AstNode, memo: NodeMemo<readonly T[]>, isBoundary: (node: AstNode) => boolean,
    addedBy: (parent: AstNode, child: AstNode) => T[]): readonly T[] {
    const path: AstNode[] = [];
    let known: readonly T[] = [];
    for (let current: AstNode | undefined = node; current && !isBoundary(current); current = current.$container) {
        const remembered = memo.get(current);
        if (remembered) {
            known = remembered;
            break;
        }
        // A receiver inherits what its path or filter does (nothing is opened or declared for a receiver):
        // not remembered, as the head of a 1,000-step path would make 1,000 entries per map (0.3 s for a
        // 185 KB document of paths); its heads, the only nodes asking from below, walk up the path instead.
        if (!isReceiver(current)) {
            path.push(current);
        }
    }
    for (let i = path.length - 1; i >= 0; i--) {
        const child = path[i];
        const parent = child.$container;
        const added = parent && !isBoundary(parent) ? addedBy(parent, child) : [];
        known = added.length > 0 ? [...added, ...known] : known;
        memo.set(child, known);
    }
    return known;
}

/** Whether `node` is the receiver of a member access or a filter (`a` in `a.b`, `xEvent` in `xEvent[…]`). */
export function isReceiver(node: AstNode): boolean {
    const container = node.$container;
    return (isMemberAccess(container) || isFilterExpression(container)) && container.receiver === node;
}

const roots = new NodeMemo<AstNode>('root');

/** The root of `node`'s tree (Langium's `findRootNode`, remembered per node for the same reason). */
export function rootOf(node: AstNode): AstNode {
    const path: AstNode[] = [];
    let current = node;
    let root = roots.get(current);
    while (!root) {
        path.push(current);
        if (!current.$container) {
            root = current;
        } else {
            current = current.$container;
            root = roots.get(current);
        }
    }
    for (const step of path) {
        roots.set(step, root);
    }
    return root;
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
