/**
 * Explanations. The condition's Boolean skeleton (and / or / not, parentheses skipped) is compiled with
 * every leaf as its own predicate; evaluating the skeleton without short-circuit gives each clause's
 * result per profile (for match counts over a dataset) and, on request, the values a leaf compared.
 * The fast path (`CompiledSegment.matches`) is compiled separately and never pays for this.
 */
import type { AstNode } from 'langium';
import type { Expression } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import { compileChain } from '../runtime/segment-chain.js';
import { compileDescent } from './segment-explain-iteration.js';
import { EXPLAIN_BUDGET, type Budget, type Descent } from './segment-explain-tally.js';
import { ELEMENT_ARGUMENT_METHODS } from '../runtime/segment-functions.js';
import type { Ctx, Fn, Pred } from '../compile/segment-closures.js';
import type { ExpressionCompiler, Scope } from '../compile/segment-compiler.js';
import { toJsonValue } from '../runtime/segment-values.js';

/** A clause of the condition: `path` is `$` for the whole condition, `$.0`, `$.1.0` … for its parts. */
export interface ClauseInfo {
    path: string;
    /** `and`, `or`, `not`, `comparison`, `occurs`, `select`, `exists`, `forall`, `chain`, `inSegment`, `filter`, `call`, `value`; inside iterations (explanations only) also `declaration`, `aggregation`, `step`. */
    kind: string;
    /** The clause's source text, whitespace collapsed. */
    text: string;
    /** Where the clause is in its document (zero-based, as in LSP), so a client can link a clause to its source. */
    range?: SourceRange;
}

/** A zero-based range of a document, as in LSP. */
export interface SourceRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

/** One node of a profile's explanation tree, mirroring the condition. */
export interface ExplainNode extends ClauseInfo {
    result: boolean;
    /** The values a leaf looked at: `left`/`right` of a comparison, the `subject` of occurs, a match count … */
    values?: Record<string, unknown>;
    children?: ExplainNode[];
}

interface SkeletonNode extends ClauseInfo {
    index: number;
    children: SkeletonNode[];
    test?: Pred;
    detail?: (c: Ctx) => Record<string, unknown>;
    /** A leaf's expression and scope, for the descent into its iterations (compiled on the first explanation). */
    source?: { node: Expression; scope: Scope };
    descent?: Descent | null;
}

/** The compiled skeleton of a condition. */
export class ClauseSkeleton {
    readonly clauses: ClauseInfo[] = [];
    private readonly root: SkeletonNode;
    private readonly results: Uint8Array;

    constructor(private readonly compiler: ExpressionCompiler, condition: Expression) {
        this.root = this.build(condition, { depth: 0, vars: new Map() }, '$');
        this.results = new Uint8Array(this.clauses.length);
    }

    /** Evaluates every clause for the profile in `c`; `results()[i]` is clause i's result. */
    evaluate(c: Ctx): boolean {
        return this.run(this.root, c);
    }

    /** Results of the last `evaluate`, indexed like `clauses`. */
    get lastResults(): Uint8Array {
        return this.results;
    }

    /** The explanation tree of the profile in `c` (call after `evaluate`). */
    explain(c: Ctx): ExplainNode {
        return this.explainNode(c, this.root, { left: EXPLAIN_BUDGET });
    }

    private explainNode(c: Ctx, node: SkeletonNode, budget: Budget): ExplainNode {
        const out: ExplainNode = { path: node.path, kind: node.kind, text: node.text, ...withRange(node.range), result: this.results[node.index] === 1 };
        if (node.detail) {
            out.values = node.detail(c);
        }
        if (node.children.length > 0) {
            out.children = node.children.map(child => this.explainNode(c, child, budget));
        } else if (node.source) {
            // Iterations are compiled for explanations only, on first use: counting never pays for them.
            if (node.descent === undefined) {
                node.descent = compileDescent(this.compiler, node.source.node, node.source.scope, node.path) ?? null;
            }
            if (node.descent) {
                const { values, children } = node.descent(c, budget);
                if (Object.keys(values).length > 0) {
                    out.values = { ...out.values, ...values };
                }
                out.children = children;
            }
        }
        return out;
    }

    private run(node: SkeletonNode, c: Ctx): boolean {
        let result: boolean;
        if (node.test) {
            result = node.test(c);
        } else if (node.kind === 'not') {
            result = !this.run(node.children[0], c);
        } else {
            // No short-circuit: every clause gets a result, so per-clause counts are independent.
            let all = true;
            let any = false;
            for (const child of node.children) {
                const r = this.run(child, c);
                all &&= r;
                any ||= r;
            }
            result = node.kind === 'and' ? all : any;
        }
        this.results[node.index] = result ? 1 : 0;
        return result;
    }

    private build(node: Expression, scope: Scope, path: string): SkeletonNode {
        while (ast.isParenthesizedExpression(node)) {
            node = node.expression;
        }
        if (ast.isLambda(node)) {
            const vars = new Map(scope.vars);
            node.parameters.forEach(p => vars.set(p.name, 'profile'));
            return this.build(node.body, { depth: scope.depth, vars }, path);
        }
        const skeleton: SkeletonNode = { index: this.clauses.length, path, kind: 'value', text: sourceText(node), ...withRange(sourceRange(node)), children: [] };
        this.clauses.push({ path, kind: skeleton.kind, text: skeleton.text, ...withRange(skeleton.range) });
        if (ast.isLogicalExpression(node) || ast.isNotExpression(node)) {
            skeleton.kind = ast.isNotExpression(node) ? 'not' : node.operator === 'and' || node.operator === '&&' ? 'and' : 'or';
            const operands = ast.isNotExpression(node) ? [node.operand] : flatten(node, skeleton.kind);
            skeleton.children = operands.map((operand, i) => this.build(operand, scope, `${path}.${i}`));
        } else {
            Object.assign(skeleton, this.leaf(node, scope), { source: { node, scope } });
        }
        this.clauses[skeleton.index].kind = skeleton.kind;
        return skeleton;
    }

    private leaf(node: Expression, scope: Scope): Pick<SkeletonNode, 'kind' | 'test' | 'detail'> {
        const compiler = this.compiler;
        const test = compiler.bool(node, scope);
        const values = (fns: Record<string, Fn>) => (c: Ctx): Record<string, unknown> =>
            Object.fromEntries(Object.entries(fns).map(([k, fn]) => [k, toJsonValue(fn(c))]));
        switch (node.$type) {
            case 'ComparisonExpression':
                return { kind: 'comparison', test, detail: values({ left: compiler.value(node.left, scope), right: compiler.value(node.right, scope) }) };
            case 'OccursExpression':
                return { kind: 'occurs', test, detail: values({ subject: compiler.value(node.subject, scope) }) };
            case 'SelectExpression': case 'FilterExpression': {
                const matches = compiler.value(node, scope);
                return { kind: node.$type === 'SelectExpression' ? 'select' : 'filter', test, detail: values({ matches: c => (matches(c) as unknown[] | null)?.length ?? 0 }) };
            }
            case 'QuantifiedExpression': return { kind: node.quantifier, test };
            case 'ChainExpression': {
                const chain = compileChain(compiler, node, scope);
                return { kind: 'chain', test, detail: c => ({ stepsMatched: chain.progress(c), steps: node.steps.length }) };
            }
            case 'InSegmentExpression': return { kind: 'inSegment', test, detail: () => ({ segment: node.segment.$refText }) };
            case 'MemberAccess':
                if (node.isCall) {
                    // Per-element arguments (`.exists(cond)`) have no value of their own outside the elements.
                    const perElement = ELEMENT_ARGUMENT_METHODS.has(node.member.toLowerCase());
                    const args = perElement ? [] : node.arguments.map(a => compiler.value(a, scope));
                    const receiver = compiler.value(node.receiver, scope);
                    return { kind: 'call', test, detail: c => ({ receiver: toJsonValue(receiver(c)), arguments: args.map(a => toJsonValue(a(c))) }) };
                }
                return { kind: 'value', test, detail: values({ value: compiler.value(node, scope) }) };
            default:
                return { kind: 'value', test, detail: values({ value: compiler.value(node, scope) }) };
        }
    }
}

export function isAnd(operator: string): boolean {
    return operator === 'and' || operator === '&&';
}

/** Operands of a chain of the same operator: `a and b and c` → [a, b, c]. */
export function flatten(node: Expression, kind: string): Expression[] {
    if (ast.isLogicalExpression(node) && (node.operator === 'and' || node.operator === '&&' ? 'and' : 'or') === kind) {
        return [...flatten(node.left, kind), ...flatten(node.right, kind)];
    }
    return [node];
}

/** A node's range in its document, when it was parsed from text. */
export function sourceRange(node: AstNode): SourceRange | undefined {
    const range = node.$cstNode?.range;
    return range && { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

/** `{ range }` when there is one, else nothing: spread into a node so absent ranges leave no key. */
export function withRange(range: SourceRange | undefined): { range?: SourceRange } {
    return range ? { range } : {};
}

/** A node's source text on one line. */
export function sourceText(node: AstNode): string {
    return (node.$cstNode?.text ?? node.$type).replace(/\s+/g, ' ').trim();
}
