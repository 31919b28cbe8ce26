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
import type { Declaration, Expression } from '../language/generated/ast.js';
import * as ast from '../language/generated/ast.js';
import { compileChain } from './segment-chain.js';
import { forEachElement, type Ctx, type Fn, type Pred } from './segment-closures.js';
import type { ExpressionCompiler, Scope } from './segment-compiler.js';
import { flatten, isAnd, sourceText, type ExplainNode } from './segment-explain.js';
import { toJsonValue, toNumber } from './segment-values.js';

/** What a descent adds to a node: values and child nodes. */
export interface Expansion {
    values: Record<string, unknown>;
    children: ExplainNode[];
}

/** Candidate evaluations left for one explanation: bounds the work on a profile with very many events. */
export interface Budget {
    left: number;
}

export const EXPLAIN_BUDGET = 200_000;

export type Descent = (c: Ctx, budget: Budget) => Expansion;

/** A clause of a where-condition, compiled to be tallied over candidates. */
interface Probe {
    index: number;
    path: string;
    kind: string;
    text: string;
    test?: Pred;
    children: Probe[];
    descent?: Descent;
}

/** A declaration, or the implicit element of a filter: where its elements come from and how one is bound. */
interface Binder {
    path: string;
    text: string;
    source: Fn;
    bind: (c: Ctx, element: unknown, key: unknown) => void;
    where?: Probe;
    probes: Probe[];
}

type Mode = 'exists' | 'forall';

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
        path: `${path}.${i}`, kind: siteKind(site), text: sourceText(site),
        test: compiler.bool(site, scope), descent: compileSite(compiler, site, scope, `${path}.${i}`),
    }));
    return (c, budget) => ({
        values: {},
        children: compiled.map(s => {
            const { values, children } = s.descent(c, budget);
            // An aggregation is "true" as a value even when 0 or over nothing; what matters is whether anything counted.
            const result = s.kind === 'aggregation' ? (values.contributed as number) > 0 : s.test(c);
            return { path: s.path, kind: s.kind, text: s.text, result, ...(Object.keys(values).length > 0 ? { values } : {}), children };
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
        return c => {
            const steps = chain.explainSteps(c);
            const matched = steps.filter(s => s.matched).length;
            return {
                values: { stepsMatched: matched, steps: steps.length },
                children: steps.map(({ matched: result, ...values }, i) => ({ path: `${path}.${i}`, kind: 'step', text: texts[i], result, values })),
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
        return { path: `${path}.${i}`, text: `${d.variable.name} from ${sourceText(d.source)}`, source, bind: (c, el) => { c.vars[slot] = el; }, where, probes };
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
    return { path, text: `${names}${sourceText(receiver)}`, source, bind, where, probes };
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
    const probe: Probe = { index: probes.length, path, kind: 'value', text: sourceText(node), children: [] };
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

/** Per-call counts of one binder's probes. */
interface Stats {
    elements: number;
    satisfied: number;
    partial: boolean;
    example?: string;
    counterexample?: string;
    /** The tuple (elements, keys) of the representative candidate, and its score. */
    representative?: Array<[unknown, unknown]>;
    score: number;
    results: Uint8Array;
    clauseSatisfied: Int32Array;
    clauseOf: Int32Array;
    withPrevious: Int32Array;
    examples: Array<string | undefined>;
    /** For a conjunct: the first candidate that satisfied it and the conjuncts before it. */
    jointExamples: Array<string | undefined>;
}

/**
 * Enumerates the tuples of the binders (each level only under candidates that satisfied the level
 * above, as the evaluator does) and returns one node per binder. `onTuple` sees each full tuple.
 */
function tally(binders: Binder[], c: Ctx, mode: Mode, budget: Budget, onTuple: (c: Ctx, tuple: unknown[]) => void): ExplainNode[] {
    const stats: Stats[] = binders.map(b => ({
        elements: 0, satisfied: 0, partial: false, score: -1, results: new Uint8Array(b.probes.length),
        clauseSatisfied: new Int32Array(b.probes.length), clauseOf: new Int32Array(b.probes.length),
        withPrevious: new Int32Array(b.probes.length), examples: [], jointExamples: [],
    }));
    const stack: Array<[unknown, unknown]> = [];
    const visit = (i: number): void => {
        const binder = binders[i];
        const st = stats[i];
        forEachElement(binder.source(c), (el, key) => {
            if (budget.left-- <= 0) {
                st.partial = true;
                return false;
            }
            binder.bind(c, el, key);
            stack[i] = [el, key];
            st.elements++;
            const current = (): string => describe(el, key);
            const ok = binder.where ? run(binder.where, c, st, mode, current) : true;
            const score = mode === 'forall' ? (ok ? 0 : 1) : !binder.where ? 1 : binder.where.kind === 'and'
                ? binder.where.children.reduce((n, child) => n + st.results[child.index], 0) : st.results[binder.where.index];
            if (score > st.score) {
                st.score = score;
                st.representative = stack.slice(0, i + 1);
            }
            if (ok) {
                st.satisfied++;
                st.example ??= current();
                if (i + 1 < binders.length) {
                    visit(i + 1);
                } else {
                    onTuple(c, stack.map(([element]) => element));
                }
            } else {
                st.counterexample ??= current();
            }
            return true;
        });
    };
    if (binders.length > 0) {
        visit(0);
    }
    return binders.map((binder, i) => declarationNode(binders, i, stats[i], c, mode, budget));
}

/** Evaluates a probe for the bound candidate without short-circuit, counting per clause. */
function run(probe: Probe, c: Ctx, st: Stats, mode: Mode, current: () => string): boolean {
    let result: boolean;
    if (probe.test) {
        result = probe.test(c);
        if (result === (mode === 'exists') && st.examples[probe.index] === undefined) {
            st.examples[probe.index] = current();
        }
    } else if (probe.kind === 'not') {
        result = !run(probe.children[0], c, st, mode, current);
    } else {
        let all = true;
        let any = false;
        for (let i = 0; i < probe.children.length; i++) {
            const child = probe.children[i];
            const r = run(child, c, st, mode, current);
            if (probe.kind === 'and' && i > 0 && all && r) {
                st.withPrevious[child.index]++;
                st.jointExamples[child.index] ??= current();
            }
            all &&= r;
            any ||= r;
        }
        result = probe.kind === 'and' ? all : any;
    }
    st.results[probe.index] = result ? 1 : 0;
    st.clauseOf[probe.index]++;
    st.clauseSatisfied[probe.index] += result ? 1 : 0;
    return result;
}

function declarationNode(binders: Binder[], i: number, st: Stats, c: Ctx, mode: Mode, budget: Budget): ExplainNode {
    const binder = binders[i];
    const values: Record<string, unknown> = { elements: st.elements, satisfied: st.satisfied };
    if (mode === 'exists' && st.example !== undefined) {
        values.example = st.example;
    }
    if (mode === 'forall' && st.counterexample !== undefined) {
        values.counterexample = st.counterexample;
    }
    if (st.partial) {
        values.partial = true;
    }
    const node: ExplainNode = {
        path: binder.path, kind: 'declaration', text: binder.text, values,
        result: mode === 'exists' ? st.satisfied > 0 : st.satisfied === st.elements,
    };
    if (binder.where) {
        const where = binder.where;
        // Nested iterations are explained for the representative candidate, bound again here.
        const representative = st.representative;
        representative?.forEach(([el, key], j) => binders[j].bind(c, el, key));
        const explainedFor = representative && describe(...representative[representative.length - 1]);
        const roots = where.kind === 'and' ? where.children : [where];
        node.children = roots.map((p, j) => clauseNode(p, st, c, mode, budget, explainedFor, where.kind === 'and' ? j : undefined));
    }
    return node;
}

/** A clause's node; `conjunct` is its position in an `and` (from the second on, it counts the candidates that also satisfied the earlier conjuncts). */
function clauseNode(probe: Probe, st: Stats, c: Ctx, mode: Mode, budget: Budget, explainedFor: string | undefined, conjunct?: number): ExplainNode {
    const satisfied = st.clauseSatisfied[probe.index];
    const of = st.clauseOf[probe.index];
    const values: Record<string, unknown> = { satisfied, of };
    if (conjunct !== undefined && conjunct > 0) {
        values.withPrevious = st.withPrevious[probe.index];
    }
    const example = (mode === 'exists' ? st.jointExamples[probe.index] : undefined) ?? st.examples[probe.index];
    if (example !== undefined) {
        values[mode === 'exists' ? 'example' : 'counterexample'] = example;
    }
    // exists/select: a conjunct holds when some candidate satisfied it together with the conjuncts before
    // it, so the first ✗ of an `and` is where the candidates run out; forall: when every candidate did.
    const some = conjunct !== undefined && conjunct > 0 ? st.withPrevious[probe.index] : satisfied;
    const node: ExplainNode = { path: probe.path, kind: probe.kind, text: probe.text, result: mode === 'exists' ? some > 0 : satisfied === of, values };
    if (probe.descent && explainedFor !== undefined) {
        const expansion = probe.descent(c, budget);
        Object.assign(values, expansion.values, { explainedFor });
        node.children = expansion.children;
    } else if (probe.children.length > 0) {
        node.children = probe.children.map((child, j) => clauseNode(child, st, c, mode, budget, explainedFor, probe.kind === 'and' ? j : undefined));
    }
    return node;
}

/** A candidate, shortly: its `_id` (else its position) and `timestamp` for a record, else its value. */
function describe(element: unknown, key: unknown): string {
    if (typeof element === 'object' && element !== null && !Array.isArray(element) && !(element instanceof Map)) {
        const record = element as Record<string, unknown>;
        const id = typeof record._id === 'string' || typeof record._id === 'number' ? String(record._id) : `#${String(key)}`;
        return typeof record.timestamp === 'string' || typeof record.timestamp === 'number' ? `${id} @ ${String(record.timestamp)}` : id;
    }
    const text = typeof element === 'string' ? element : JSON.stringify(toJsonValue(element)) ?? 'null';
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
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
