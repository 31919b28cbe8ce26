/**
 * Compiles a PQL expression tree once into closures (docs/semantics.md "Evaluation"). Names are
 * resolved at compile time: a variable becomes a slot read, a bare path a read on the implicit context
 * (the profile at top level, the element inside `A[…]`, `WHAT(…)`, `.filter(…)` …). Constants fold.
 */
import type { Expression, InSegmentExpression, Lambda } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import { compileCall, compileMethodCall } from '../runtime/segment-calls.js';
import { compileChain } from '../runtime/segment-chain.js';
import { constant, constantOf, foldIfConstant, type Ctx, type ElementFn, type Fn, type Pred } from './segment-closures.js';
import { compileComparison } from '../runtime/segment-comparisons.js';
import { compileAggregation, compileQuantifier, compileSelect } from '../runtime/segment-iteration.js';
import { compileTimeSpec } from '../time/segment-occurs.js';
import { member, pathReader } from '../runtime/segment-paths.js';
import type { Zone } from '../time/segment-time.js';
import { toEpoch, toNumber, truthy, type Profile } from '../runtime/segment-values.js';

/** What a compilation needs from the run. */
export interface CompileEnvironment {
    now: number;
    zone: Zone;
    warn(message: string): void;
    /** The membership test for an `inSegment(…)` call. */
    inSegment(node: InSegmentExpression): Pred;
}

/** Compile-time scope: the implicit-context depth and the visible variables (slot or the profile). */
export interface Scope {
    depth: number;
    vars: ReadonlyMap<string, number | 'profile'>;
}

export const ROOT_SCOPE: Scope = { depth: 0, vars: new Map() };

export class ExpressionCompiler {
    slotCount = 0;
    maxDepth = 0;
    /** A context for folding constants at compile time; constant closures never read it. */
    readonly probe: Ctx = { profile: {}, scope: [{}], vars: [] };

    constructor(readonly env: CompileEnvironment) {}

    /** A new variable slot, and the scope in which `name` denotes it. */
    declare(scope: Scope, name: string): { slot: number; scope: Scope } {
        const slot = this.slotCount++;
        return { slot, scope: { depth: scope.depth, vars: new Map(scope.vars).set(name, slot) } };
    }

    /** The scope one implicit-context level deeper (inside `A[…]`, `WHAT(…)`, `.filter(…)` …). */
    enter(scope: Scope): Scope {
        this.maxDepth = Math.max(this.maxDepth, scope.depth + 1);
        return { depth: scope.depth + 1, vars: scope.vars };
    }

    /** Compiles an expression in a Boolean position (§2.0 coercion), short-circuiting iteration. */
    bool(node: Expression, scope: Scope): Pred {
        switch (node.$type) {
            case 'LogicalExpression': {
                const left = this.bool(node.left, scope);
                const right = this.bool(node.right, scope);
                return node.operator === 'and' || node.operator === '&&' ? c => left(c) && right(c) : c => left(c) || right(c);
            }
            case 'NotExpression': {
                const operand = this.bool(node.operand, scope);
                return c => !operand(c);
            }
            case 'ParenthesizedExpression': return this.bool(node.expression, scope);
            case 'ComparisonExpression': return compileComparison(this, node, scope);
            case 'OccursExpression': return this.occurs(node, scope);
            case 'SelectExpression': return compileSelect(this, node, scope, true) as Pred;
            case 'QuantifiedExpression': return compileQuantifier(this, node, scope);
            case 'ChainExpression': return compileChain(this, node, scope).matches;
            case 'InSegmentExpression': return this.env.inSegment(node);
            case 'BooleanLiteral': return node.value ? () => true : () => false;
            case 'Lambda': return this.bool(node.body, this.bindToProfile(node, scope));
            case 'FilterExpression': {
                const receiver = this.value(node.receiver, scope);
                const test = this.elementPred(node.condition, scope);
                return c => someElement(c, receiver(c), test);
            }
            default: {
                const value = this.value(node, scope);
                const known = constantOf(value);
                if (known) {
                    const result = truthy(known.value);
                    return () => result;
                }
                return c => truthy(value(c));
            }
        }
    }

    /** Compiles an expression for its value. */
    value(node: Expression, scope: Scope): Fn {
        switch (node.$type) {
            case 'StringLiteral': return constant(node.value);
            case 'NumberLiteral': return constant(node.value);
            case 'BooleanLiteral': return constant(node.value);
            case 'ListLiteral': {
                const items = node.items.map(i => this.value(i, scope));
                return foldIfConstant(items, c => items.map(i => i(c)), this.probe);
            }
            case 'ObjectLiteral': {
                const entries = node.entries.map(e => [e.key, this.value(e.value, scope)] as const);
                return foldIfConstant(entries.map(e => e[1]), c => Object.fromEntries(entries.map(([k, v]) => [k, v(c)])), this.probe);
            }
            case 'ParenthesizedExpression': return this.value(node.expression, scope);
            case 'NameReference': return this.name(node.name, scope);
            case 'ParameterReference': return node.position === '$1' ? c => c.profile : constant(null);
            case 'UpReference': {
                const target = scope.depth - node.levels.length;
                const name = node.name;
                if (target < 0) {
                    this.env.warn(`'${'^'.repeat(node.levels.length)}${name}' reaches above the profile; it is always null.`);
                    return constant(null);
                }
                return target === 0 ? c => member(c.profile, name) : c => member(c.scope[target], name);
            }
            case 'MemberAccess': return node.isCall ? compileMethodCall(this, node, scope) : this.path(node, scope);
            case 'FilterExpression': {
                const receiver = this.value(node.receiver, scope);
                const test = this.elementPred(node.condition, scope);
                return c => filterElements(c, receiver(c), test);
            }
            case 'ArithmeticExpression': return this.arithmetic(node, scope);
            case 'NegationExpression': {
                const operand = this.value(node.operand, scope);
                return foldIfConstant([operand], c => {
                    const n = toNumber(operand(c));
                    return n === null ? null : -n;
                }, this.probe);
            }
            case 'FunctionCall': return compileCall(this, node, scope);
            case 'LetExpression': {
                const bound = this.value(node.value, scope);
                const { slot, scope: inner } = this.declare(scope, node.variable.name);
                const body = this.value(node.body, inner);
                return c => {
                    c.vars[slot] = bound(c);
                    return body(c);
                };
            }
            case 'Lambda': return this.value(node.body, this.bindToProfile(node, scope));
            case 'SelectExpression': return compileSelect(this, node, scope, false);
            case 'AggregationExpression': return compileAggregation(this, node, scope);
            case 'ChainExpression': case 'InSegmentExpression': case 'QuantifiedExpression': case 'LogicalExpression':
            case 'NotExpression': case 'ComparisonExpression': case 'OccursExpression':
                return this.bool(node, scope);
            default: return constant(null);
        }
    }

    /** Compiles `node` per element: a lambda binds its parameters (element, or key and value), anything else reads the element implicitly. */
    element(node: Expression, scope: Scope): ElementFn {
        const inner = this.enter(scope);
        const depth = inner.depth;
        if (ast.isLambda(node)) {
            let bodyScope = inner;
            const slots = node.parameters.map(p => {
                const declared = this.declare(bodyScope, p.name);
                bodyScope = declared.scope;
                return declared.slot;
            });
            const body = this.value(node.body, bodyScope);
            // One parameter is the element; two are (key, value) — map key or list index ([I]).
            const [first, second] = slots;
            return slots.length >= 2
                ? (c, el, key) => {
                    c.scope[depth] = el;
                    c.vars[first] = key;
                    c.vars[second] = el;
                    return body(c);
                }
                : (c, el) => {
                    c.scope[depth] = el;
                    if (first !== undefined) {
                        c.vars[first] = el;
                    }
                    return body(c);
                };
        }
        const body = this.value(node, inner);
        return (c, el) => {
            c.scope[depth] = el;
            return body(c);
        };
    }

    /** Like `element`, for a condition. */
    elementPred(node: Expression, scope: Scope): (c: Ctx, element: unknown) => boolean {
        if (ast.isLambda(node)) {
            const fn = this.element(node, scope);
            return (c, el) => truthy(fn(c, el, 0));
        }
        const inner = this.enter(scope);
        const depth = inner.depth;
        const body = this.bool(node, inner);
        return (c, el) => {
            c.scope[depth] = el;
            return body(c);
        };
    }

    private bindToProfile(node: Lambda, scope: Scope): Scope {
        const vars = new Map(scope.vars);
        node.parameters.forEach(p => vars.set(p.name, 'profile'));
        return { depth: scope.depth, vars };
    }

    /** A bare name: innermost variable, then the reserved `xEvent`, then a field of the implicit context. */
    private name(name: string, scope: Scope): Fn {
        const variable = scope.vars.get(name);
        if (variable === 'profile') {
            return c => c.profile;
        }
        if (variable !== undefined) {
            return c => c.vars[variable];
        }
        if (name === 'xEvent') {
            return c => eventsOf(c.profile);
        }
        const read = pathReader([name]);
        if (scope.depth === 0) {
            return c => read(c.profile);
        }
        const depth = scope.depth;
        return c => read(c.scope[depth]);
    }

    /** `a.b.c` as one closure walking the keys (projection only when an array is met). */
    private path(node: ast.MemberAccess, scope: Scope): Fn {
        const { receiver, keys } = memberPath(node);
        if (ast.isNameReference(receiver) && receiver.name === 'xEvent' && !scope.vars.has('xEvent')) {
            const read = pathReader(keys);
            return c => read(eventsOf(c.profile));
        }
        if (ast.isNameReference(receiver) && !scope.vars.has(receiver.name)) {
            // A path from the implicit context: one generated reader for the whole path.
            const read = pathReader([receiver.name, ...keys]);
            const depth = receiver.name === 'xEvent' ? 0 : scope.depth;
            return depth === 0 ? c => read(c.profile) : c => read(c.scope[depth]);
        }
        const base = this.value(receiver, scope);
        const read = pathReader(keys);
        return c => read(base(c));
    }

    private arithmetic(node: ast.ArithmeticExpression, scope: Scope): Fn {
        const left = this.value(node.left, scope);
        const right = this.value(node.right, scope);
        const op = ARITHMETIC[node.operator];
        return foldIfConstant([left, right], c => {
            const a = toNumber(left(c));
            const b = toNumber(right(c));
            if (a === null || b === null) {
                return null;
            }
            const result = op(a, b);
            // Division or remainder by zero gives null, not Infinity/NaN (§2.3, [L]).
            return Number.isFinite(result) ? result : null;
        }, this.probe);
    }

    private occurs(node: ast.OccursExpression, scope: Scope): Pred {
        const subject = this.value(node.subject, scope);
        const test = compileTimeSpec(node.time, {
            now: this.env.now,
            zone: this.env.zone,
            expression: ref => this.value((ref as ast.ExpressionRef).expression, scope),
        });
        return c => {
            const value = subject(c);
            const t = toEpoch(value);
            return t !== null ? test(t, c) : Array.isArray(value) && occursIn(value, test, c);
        };
    }
}

const NO_EVENTS: unknown[] = [];

/** The profile's events: a profile without events (missing or null `xEvent`) has an empty event list (§2.0). */
export function eventsOf(profile: Profile): unknown {
    return member(profile, 'xEvent') ?? NO_EVENTS;
}

/** A list of timestamps (a path through an array) occurs when some element does. */
export function occursIn(list: unknown[], test: (t: number, c: Ctx) => boolean, c: Ctx): boolean {
    for (const element of list) {
        const t = toEpoch(element);
        if (t !== null && test(t, c)) {
            return true;
        }
    }
    return false;
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
    '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b,
};


function someElement(c: Ctx, value: unknown, test: (c: Ctx, element: unknown) => boolean): boolean {
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            if (test(c, value[i])) {
                return true;
            }
        }
        return false;
    }
    if (value instanceof Map) {
        return [...value.values()].some(v => test(c, v));
    }
    return value !== null && value !== undefined && test(c, value);
}

function filterElements(c: Ctx, value: unknown, test: (c: Ctx, element: unknown) => boolean): unknown[] | null {
    if (value === null || value === undefined) {
        return null;
    }
    const list = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : [value];
    const out: unknown[] = [];
    for (const element of list) {
        if (test(c, element)) {
            out.push(element);
        }
    }
    return out;
}

/** `a.b.c` (no calls) as its innermost receiver and the member names after it. */
export function memberPath(node: Expression): { receiver: Expression; keys: string[] } {
    const keys: string[] = [];
    let receiver = node;
    while (ast.isMemberAccess(receiver) && !receiver.isCall) {
        keys.unshift(receiver.member);
        receiver = receiver.receiver;
    }
    return { receiver, keys };
}
