/**
 * Explanations inside iteration constructs (`select`, `exists`, `forall`, `sum … over …`, `A[cond]`,
 * `.filter(cond)`, `.exists(cond)`, `chain`). Compiled only when a profile is explained, from the
 * AST, so neither the fast path nor the per-clause counts pay for it.
 *
 * A declaration (`X from xEvent`, or the elements of a filter) becomes a node counting its elements
 * and those that satisfied the where-condition; its children mirror that condition's clauses, each
 * with how many of the candidates satisfied it. An iteration nested in a where-condition is
 * explained for one representative candidate: the first witness, else the candidate that satisfied
 * the most conjuncts (forall: the first counterexample).
 */
import { AstUtils, type AstNode } from 'langium';
import type { Declaration, Expression } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import { compileChain } from '../runtime/segment-chain.js';
import type { Ctx, Fn } from '../compile/segment-closures.js';
import type { ExpressionCompiler, Scope } from '../compile/segment-compiler.js';
import { flatten, isAnd, sourceRange, sourceText, withRange } from './segment-explain.js';
import { tally, type Binder, type Descent, type Mode, type Probe } from './segment-explain-tally.js';
import { toJsonValue, toNumber } from '../runtime/segment-values.js';

/** The explanation of the iterations in `node`: of `node` itself when it is one, else of those in its operands; undefined when there are none. */
export function compileDescent(compiler: ExpressionCompiler, node: Expression, scope: Scope, path: string): Descent | undefined {
    if (isSite(node)) {
        return compileSite(compiler, node, scope, path);
    }
    const sites = findSites(node);
    if (sites.length === 0) {
        return undefined;
    }
    const compiled = sites.map((site, i) => ({
        path: `${path}.${i}`, kind: siteKind(site), text: sourceText(site), range: sourceRange(site),
        test: compiler.bool(site, scope), descent: compileSite(compiler, site, scope, `${path}.${i}`),
    }));
    return (c, budget) => ({
        values: {},
        children: compiled.map(s => {
            const { values, children } = s.descent(c, budget);
            // An aggregation is "true" as a value even when 0 or over nothing; what matters is whether anything counted.
            const result = s.kind === 'aggregation' ? (values.contributed as number) > 0 : s.test(c);
            return { path: s.path, kind: s.kind, text: s.text, ...withRange(s.range), result, ...(Object.keys(values).length > 0 ? { values } : {}), children };
        }),
    });
}

function isSite(node: AstNode): node is Expression {
    return ast.isSelectExpression(node) || ast.isQuantifiedExpression(node) || ast.isAggregationExpression(node)
        || ast.isChainExpression(node) || ast.isFilterExpression(node) || isElementCall(node);
}

/** `.filter(cond)` / `.exists(cond)`: a method whose argument is a per-element condition. */
function isElementCall(node: AstNode): node is ast.MemberAccess {
    return ast.isMemberAccess(node) && node.isCall && node.arguments.length > 0 && ['filter', 'exists'].includes(node.member.toLowerCase());
}

/** Iteration constructs among the operands of `node`, not looking inside `let` or lambdas (their scope differs). */
function findSites(node: AstNode): Expression[] {
    const out: Expression[] = [];
    for (const child of AstUtils.streamContents(node)) {
        if (isSite(child)) {
            out.push(child);
        } else if (!ast.isLambda(child) && !ast.isLetExpression(child)) {
            out.push(...findSites(child));
        }
    }
    return out;
}

function siteKind(node: Expression): string {
    switch (node.$type) {
        case 'SelectExpression': return 'select';
        case 'QuantifiedExpression': return node.quantifier;
        case 'AggregationExpression': return 'aggregation';
        case 'ChainExpression': return 'chain';
        case 'FilterExpression': return 'filter';
        default: return 'call';
    }
}

function compileSite(compiler: ExpressionCompiler, node: Expression, scope: Scope, path: string): Descent {
    if (ast.isChainExpression(node)) {
        const chain = compileChain(compiler, node, scope);
        const texts = node.steps.map(sourceText);
        const ranges = node.steps.map(sourceRange);
        return c => {
            const steps = chain.explainSteps(c);
            const matched = steps.filter(s => s.matched).length;
            return {
                values: { stepsMatched: matched, steps: steps.length },
                children: steps.map(({ matched: result, ...values }, i) => ({ path: `${path}.${i}`, kind: 'step', text: texts[i], ...withRange(ranges[i]), result, values })),
            };
        };
    }
    if (ast.isSelectExpression(node) || ast.isQuantifiedExpression(node) || ast.isAggregationExpression(node)) {
        const { binders, scope: inner } = compileDeclarations(compiler, node.declarations, scope, path);
        const mode: Mode = ast.isQuantifiedExpression(node) && node.quantifier === 'forall' ? 'forall' : 'exists';
        if (ast.isAggregationExpression(node)) {
            const aggregate = compiler.value(node, scope);
            const last = binders.length - 1;
            const element: Fn | undefined = node.value ? compiler.value(node.value, inner) : undefined;
            return (c, budget) => {
                let contributed = 0;
                const children = tally(binders, c, mode, budget, (ctx, tuple) => {
                    contributed += toNumber(element ? element(ctx) : tuple[last]) === null ? 0 : 1;
                });
                return { values: { value: toJsonValue(aggregate(c)), contributed }, children };
            };
        }
        return (c, budget) => {
            let matches = 0;
            const children = tally(binders, c, mode, budget, () => matches++);
            return { values: ast.isSelectExpression(node) ? { matches } : {}, children };
        };
    }
    // A filter `A[cond]` or a call `A.filter(cond)` / `A.exists(cond)`: one implicit declaration.
    const receiverNode = (node as ast.FilterExpression | ast.MemberAccess).receiver;
    const condition = ast.isFilterExpression(node) ? node.condition : (node as ast.MemberAccess).arguments[0];
    const binder = elementBinder(compiler, receiverNode, condition, scope, `${path}.0`);
    return (c, budget) => {
        let matches = 0;
        const children = tally([binder], c, 'exists', budget, () => matches++);
        return { values: { matches }, children };
    };
}

function compileDeclarations(compiler: ExpressionCompiler, declarations: Declaration[], scope: Scope, path: string): { binders: Binder[]; scope: Scope } {
    let current = scope;
    const binders = declarations.map((d, i): Binder => {
        const source = compiler.value(d.source, current);
        const declared = compiler.declare(current, d.variable.name);
        current = declared.scope;
        const slot = declared.slot;
        const probes: Probe[] = [];
        const where = d.condition ? buildWhere(compiler, d.condition, current, `${path}.${i}`, probes) : undefined;
        return { path: `${path}.${i}`, text: `${d.variable.name} from ${sourceText(d.source)}`, range: sourceRange(d), source, bind: (c, el) => { c.vars[slot] = el; }, where, probes };
    });
    return { binders, scope: current };
}

/** The element of `receiver[condition]` or `receiver.filter(condition)`, bound like `ExpressionCompiler.element` binds it. */
function elementBinder(compiler: ExpressionCompiler, receiver: Expression, condition: Expression, scope: Scope, path: string): Binder {
    const source = compiler.value(receiver, scope);
    let inner = compiler.enter(scope);
    const depth = inner.depth;
    let body = condition;
    const slots: number[] = [];
    if (ast.isLambda(condition)) {
        for (const p of condition.parameters) {
            const declared = compiler.declare(inner, p.name);
            inner = declared.scope;
            slots.push(declared.slot);
        }
        body = condition.body;
    }
    const [first, second] = slots;
    const bind = (c: Ctx, el: unknown, key: unknown): void => {
        c.scope[depth] = el;
        if (second !== undefined) {
            c.vars[first] = key;
            c.vars[second] = el;
        } else if (first !== undefined) {
            c.vars[first] = el;
        }
    };
    const probes: Probe[] = [];
    const where = buildWhere(compiler, body, inner, path, probes);
    const names = ast.isLambda(condition) ? `${condition.parameters.map(p => p.name).join(', ')} from ` : '';
    return { path, text: `${names}${sourceText(receiver)}`, range: sourceRange(receiver), source, bind, where, probes };
}

/** The where-condition's clause tree; an `and` at the root is flattened into the declaration's children, anything else is its one child. */
function buildWhere(compiler: ExpressionCompiler, node: Expression, scope: Scope, path: string, probes: Probe[]): Probe {
    while (ast.isParenthesizedExpression(node)) {
        node = node.expression;
    }
    return buildProbe(compiler, node, scope, ast.isLogicalExpression(node) && isAnd(node.operator) ? path : `${path}.0`, probes);
}

function buildProbe(compiler: ExpressionCompiler, node: Expression, scope: Scope, path: string, probes: Probe[]): Probe {
    while (ast.isParenthesizedExpression(node)) {
        node = node.expression;
    }
    const probe: Probe = { index: probes.length, path, kind: 'value', text: sourceText(node), range: sourceRange(node), children: [] };
    probes.push(probe);
    if (ast.isLogicalExpression(node) || ast.isNotExpression(node)) {
        probe.kind = ast.isNotExpression(node) ? 'not' : isAnd(node.operator) ? 'and' : 'or';
        const operands = ast.isNotExpression(node) ? [node.operand] : flatten(node, probe.kind);
        probe.children = operands.map((operand, i) => buildProbe(compiler, operand, scope, `${path}.${i}`, probes));
    } else {
        probe.kind = leafKind(node);
        probe.test = compiler.bool(node, scope);
        probe.descent = compileDescent(compiler, node, scope, path);
    }
    return probe;
}

function leafKind(node: Expression): string {
    switch (node.$type) {
        case 'ComparisonExpression': return 'comparison';
        case 'OccursExpression': return 'occurs';
        case 'InSegmentExpression': return 'inSegment';
        case 'MemberAccess': return node.isCall ? 'call' : 'value';
        default: return isSite(node) ? siteKind(node) : 'value';
    }
}
