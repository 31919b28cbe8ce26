/**
 * The fast path as ONE generated JavaScript function per segment (docs/semantics.md "Evaluation").
 * The closure compiler (segment-compiler.ts) stays the single source of truth: this module only
 * generates the hot shapes — `and`/`or`/`not`, path reads (from the context or a variable), comparisons
 * with a constant, `A[cond].count()`, `A[cond]` as a condition, `occurs`, `chain(…)`, `inSegment`,
 * `select`/`exists`/`forall` and `sum|average|min|max … over …` — and calls the
 * closure compiled for a node for everything else (and for the rare odd values of the shapes it
 * does generate: lists, Maps, coercions). User text never becomes code: field names and literals
 * are embedded with JSON.stringify, anything else (closures, Sets, time tests) is passed in `K`.
 */
import type { Expression, InSegmentExpression } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import { clauseLayout, countStatements } from './segment-codegen-counts.js';
import type { ClauseInfo } from '../explain/segment-explain.js';
import { constantOf, type Ctx } from './segment-closures.js';
import { NUMERIC, constantMembership, someSide } from '../runtime/segment-comparisons.js';
import { BoundedCache } from '../../shared/segment-bounded-cache.js';
import { isStringTest, stringCheck } from '../runtime/segment-strings.js';
import { memberPath, type ExpressionCompiler, type Scope } from './segment-compiler.js';
import { compileTimeSpec, type TimeTest } from '../time/segment-occurs.js';
import { cost, countedFilter, requiredEventType, sameOperator } from './segment-codegen-shapes.js';
import { chainSortedSource, chainSource, chainTimelineSource, HELPERS, readerSource } from './segment-codegen-sources.js';
import { ChainBuffers } from '../runtime/segment-chain.js';
import type { SharedEvents } from '../runtime/segment-shared-events.js';
import { aggregationSource, filterAggregateSource, quantifierSource, type TupleLevel } from './segment-codegen-tuples.js';
import type { Profile } from '../runtime/segment-values.js';

/** The generated fast path of one segment. */
export interface GeneratedSegment {
    matches: (profile: Profile) => boolean;
    /**
     * Evaluates every clause (no short-circuit, like the clause skeleton) and adds 1 to `counts[i]` for
     * each clause i that held; the result is the segment's. Undefined when the layout differs from `clauses`.
     */
    count?: (profile: Profile, counts: Float64Array) => boolean;
}

export interface CodegenEnvironment {
    compiler: ExpressionCompiler;
    /** Context shared with the closures the generated code falls back to. */
    ctx: Ctx;
    /** `inSegment(…)` as a test of a profile. */
    inSegment(node: InSegmentExpression): (profile: Profile) => boolean;
    /** The run's events by type (segment-shared-events.ts), for loops over `xEvent` that require one type. */
    events?: SharedEvents;
}

/** Generates the fast path; `clauses` is the skeleton's clause list the counting function must reproduce. */
export function generateSegment(condition: Expression, env: CodegenEnvironment, clauses: readonly ClauseInfo[] | undefined): GeneratedSegment {
    const gen = new Generator(env);
    const root: Scope = { depth: 0, vars: new Map() };
    const body = gen.bool(condition, root, 'p');
    let countSource = '';
    const layout = clauses && clauseLayout(condition, clauses);
    if (layout) {
        countSource = countStatements(layout, node => gen.bool(node, root, 'p'));
    }
    const enter = gen.closures > 0 ? 'c.profile = p; c.scope[0] = p;' : '';
    const source = `'use strict';
const { ${Object.keys(HELPERS).join(', ')} } = H;
${gen.declarations.join('\n')}
function matches(p) { ${enter} return ${body}; }
${countSource ? `function count(p, k) { ${enter} ${countSource} }` : ''}
return { matches, count: ${countSource ? 'count' : 'undefined'} };`;
    return factory(source)(gen.constants, HELPERS, env.ctx) as GeneratedSegment;
}

type Factory = (constants: unknown[], helpers: typeof HELPERS, ctx: Ctx) => unknown;
const FACTORIES = new BoundedCache<Factory>(256, 4 * 1024 * 1024);

/**
 * One compiled factory per distinct source: compiling a segment again (every run, every editor
 * request) reuses V8's optimized code and type feedback instead of warming up a new function.
 */
function factory(source: string): Factory {
    return FACTORIES.getOrMake(source, text => new Function('K', 'H', 'c', text) as Factory);
}

type Read = { code: string; kind: 'path' | 'number' | 'other' };

class Generator {
    readonly constants: unknown[] = [];
    readonly declarations: string[] = [];
    /** Nodes evaluated by a closure. */
    closures = 0;
    /** Generating the declarations of a `forall` (every element counts, so no loop skips events). */
    private forall = false;
    private names = 0;

    constructor(private readonly env: CodegenEnvironment) {}

    private get compiler(): ExpressionCompiler {
        return this.env.compiler;
    }

    private constant(value: unknown): string {
        this.constants.push(value);
        return `K[${this.constants.length - 1}]`;
    }

    private name(prefix: string): string {
        return `${prefix}${this.names++}`;
    }

    /** A Boolean-position expression over the implicit context `it` (a JS identifier). */
    bool(node: Expression, scope: Scope, it: string): string {
        switch (node.$type) {
            case 'ParenthesizedExpression': return this.bool(node.expression, scope, it);
            case 'LogicalExpression': {
                // Conditions have no side effects and never throw, so operands run cheapest first.
                const and = node.operator === 'and' || node.operator === '&&';
                const operands = sameOperator(node, and).map((operand, i) => ({ operand, i, cost: cost(operand) }));
                operands.sort((a, b) => a.cost - b.cost || a.i - b.i);
                return `(${operands.map(o => this.bool(o.operand, scope, it)).join(and ? ' && ' : ' || ')})`;
            }
            case 'NotExpression': return `!${this.bool(node.operand, scope, it)}`;
            case 'BooleanLiteral': return node.value ? 'true' : 'false';
            case 'ComparisonExpression': return this.comparison(node, scope, it) ?? this.fallback(node, scope);
            case 'OccursExpression': return this.occurs(node, scope, it) ?? this.fallback(node, scope);
            case 'FilterExpression': return this.someElement(node, scope, it) ?? this.fallback(node, scope);
            case 'ChainExpression': return this.chain(node, scope, it) ?? this.fallback(node, scope);
            case 'InSegmentExpression': return `${this.constant(this.env.inSegment(node))}(p)`;
            case 'SelectExpression': return this.quantifier(node.declarations, 'exists', scope, it);
            case 'QuantifiedExpression': return this.quantifier(node.declarations, node.quantifier, scope, it);
            case 'MemberAccess': return this.stringTest(node, scope, it) ?? this.fallback(node, scope);
            default: return this.fallback(node, scope);
        }
    }

    /** The closure compiler's predicate for `node`. */
    private fallback(node: Expression, scope: Scope): string {
        this.closures++;
        return `${this.constant(this.compiler.bool(node, scope))}(c)`;
    }

    /** The closure compiler's value of `node`. */
    private fallbackValue(node: Expression, scope: Scope): string {
        this.closures++;
        return `${this.constant(this.compiler.value(node, scope))}(c)`;
    }

    /**
     * A value: a path read from the implicit context (or the profile for `xEvent`) or from a variable,
     * a count, an aggregation, or undefined.
     */
    private value(node: Expression, scope: Scope, it: string): Read | undefined {
        while (ast.isParenthesizedExpression(node)) {
            node = node.expression;
        }
        if (ast.isAggregationExpression(node)) {
            return { code: this.aggregation(node, scope, it), kind: 'other' };
        }
        const { receiver, keys } = memberPath(node);
        const variable = ast.isNameReference(receiver) ? scope.vars.get(receiver.name) : undefined;
        if (typeof variable === 'number') {
            // A variable of select/exists/forall/aggregation: its slot, as the closures read it.
            return { code: keys.length > 0 ? `${this.reader(keys)}(c.vars[${variable}])` : `c.vars[${variable}]`, kind: 'path' };
        }
        if (ast.isNameReference(receiver) && !scope.vars.has(receiver.name)) {
            if (receiver.name === 'xEvent') {
                // A profile without events has an empty event list (eventsOf, segment-compiler.ts).
                return { code: keys.length > 0 ? `${this.reader(keys)}(eventsOf(p))` : 'eventsOf(p)', kind: 'path' };
            }
            keys.unshift(receiver.name);
            return { code: `${this.reader(keys)}(${it})`, kind: 'path' };
        }
        const filter = countedFilter(node);
        if (filter) {
            const counter = this.countFilter(filter, scope);
            return counter ? { code: `${counter}(c, p, ${it}, Infinity)`, kind: 'number' } : undefined;
        }
        const aggregated = this.filterAggregate(node, scope, it);
        return aggregated ? { code: aggregated, kind: 'other' } : undefined;
    }

    /** `A[cond].sum|average|min|max([EXPR])` over a list `A` read by path, EXPR read per element; else undefined. */
    private filterAggregate(node: Expression, scope: Scope, it: string): string | undefined {
        if (!ast.isMemberAccess(node) || !node.isCall || node.arguments.length > 1 || !ast.isFilterExpression(node.receiver)) {
            return undefined;
        }
        const kind = node.member.toLowerCase();
        const filter = node.receiver;
        const argument = node.arguments[0];
        if ((kind !== 'sum' && kind !== 'average' && kind !== 'min' && kind !== 'max') || ast.isLambda(filter.condition) || (argument && ast.isLambda(argument))) {
            return undefined;
        }
        const receiver = this.value(filter.receiver, scope, 'x');
        if (!receiver || receiver.kind !== 'path') {
            return undefined;
        }
        const inner = this.compiler.enter(scope);
        const before = this.closures;
        const test = this.bool(filter.condition, inner, 'e');
        const value = argument ? this.value(argument, inner, 'e')?.code ?? this.fallbackValue(argument, inner) : 'e';
        const store = this.closures > before ? `c.scope[${inner.depth}] = e; ` : '';
        const list = this.ofType(filter.receiver, receiver.code, scope, filter.condition, (r, keys) => this.isImplicitEventType(r, keys, scope));
        const fn = this.name(kind);
        this.declarations.push(filterAggregateSource(fn, kind, { list, store, test, value, whole: this.fallbackValue(node, scope) }));
        return `${fn}(c, p, ${it})`;
    }

    /** `S.equals|contains|startsWith…(T[, caseSensitive])` with constant arguments on a generated read; else undefined. */
    private stringTest(node: ast.MemberAccess, scope: Scope, it: string): string | undefined {
        const method = node.member.toLowerCase();
        if (!node.isCall || !isStringTest(method) || node.arguments.length < 1 || node.arguments.length > 2) {
            return undefined;
        }
        const [argument, flag] = node.arguments.map(a => constantOf(this.compiler.value(a, scope)));
        const receiver = argument && (node.arguments.length === 1 || flag) ? this.value(node.receiver, scope, it) : undefined;
        if (!receiver) {
            return undefined;
        }
        const check = stringCheck(method, argument!.value, flag ? flag.value : true);
        return check ? `someString(${receiver.code}, ${this.constant(check)})` : 'false';
    }

    /** The declarations as loop levels; conditions and sources see the variables to their left (compileDeclarations). */
    private tupleLevels(declarations: readonly ast.Declaration[], scope: Scope): { levels: TupleLevel[]; scope: Scope } {
        let current = scope;
        const levels = declarations.map(d => {
            const read = this.value(d.source, current, 'x')?.code ?? this.fallbackValue(d.source, current);
            const declared = this.compiler.declare(current, d.variable.name);
            const name = d.variable.name;
            const source = d.condition
                ? this.ofType(d.source, read, current, d.condition, (r, keys) => ast.isNameReference(r) && r.name === name && keys.length === 1 && keys[0] === 'eventType')
                : read;
            current = declared.scope;
            const condition = d.condition ? this.bool(d.condition, current, 'x') : undefined;
            return { slot: declared.slot, source, condition };
        });
        return { levels, scope: current };
    }

    /**
     * The code of a loop's list: `read`, or only the events of one type when the list is the profile's
     * `xEvent` and the condition requires `eventType = "k"` of the element (`isEventType`) — not for
     * `forall`, whose condition must hold for every element.
     */
    private ofType(source: Expression, read: string, scope: Scope, condition: Expression, isEventType: (receiver: Expression, keys: string[]) => boolean): string {
        const events = this.env.events;
        if (!events || this.forall || !ast.isNameReference(source) || source.name !== 'xEvent' || scope.vars.has('xEvent')) {
            return read;
        }
        const type = requiredEventType(condition, isEventType);
        return type === undefined ? read : `eventsOfType(${this.constant(events)}, ${read}, ${JSON.stringify(type)})`;
    }

    /** `eventType` read from the element of a filter (not a variable of that name). */
    private isImplicitEventType(receiver: Expression, keys: string[], scope: Scope): boolean {
        return keys.length === 0 && ast.isNameReference(receiver) && receiver.name === 'eventType' && !scope.vars.has('eventType');
    }

    /** `select …` as a condition, `exists …`, `forall …`: one function of nested loops. */
    private quantifier(declarations: readonly ast.Declaration[], quantifier: 'exists' | 'forall', scope: Scope, it: string): string {
        const outer = this.forall;
        this.forall = quantifier === 'forall';
        const { levels } = this.tupleLevels(declarations, scope);
        this.forall = outer;
        const fn = this.name(quantifier);
        this.declarations.push(quantifierSource(fn, quantifier, levels));
        return `${fn}(c, p, ${it})`;
    }

    /** `sum|average|min|max [EXPR over] V from A where C, …`: one function of nested loops. */
    private aggregation(node: ast.AggregationExpression, scope: Scope, it: string): string {
        const { levels, scope: inner } = this.tupleLevels(node.declarations, scope);
        const lastSlot = levels[levels.length - 1]?.slot ?? 0;
        const value = node.value ? this.value(node.value, inner, 'x')?.code ?? this.fallbackValue(node.value, inner) : `c.vars[${lastSlot}]`;
        const fn = this.name(node.function);
        this.declarations.push(aggregationSource(fn, node.function, levels, value));
        return `${fn}(c, p, ${it})`;
    }

    /** A generated reader for a fixed path, the same code as `pathReader` (segment-paths.ts). */
    private reader(keys: string[]): string {
        const name = this.name('read');
        this.declarations.push(readerSource(name, keys, this.constant(keys)));
        return name;
    }

    /** A comparison of a generated value with a string/number constant; undefined for other shapes. */
    private comparison(node: ast.ComparisonExpression, scope: Scope, it: string): string | undefined {
        const known = constantOf(this.compiler.value(node.right, scope));
        const k = known?.value;
        const op = node.operator;
        const filter = countedFilter(node.left);
        if (known && filter && (op === '>=' || op === '>') && typeof k === 'number' && Number.isFinite(k)) {
            // `A[cond].count() >= n`: counting can stop at n (conditions have no side effects); a count is always a number.
            const counter = this.countFilter(filter, scope);
            const lit = JSON.stringify(k);
            // The count of a missing list is null, and `null >= 0` would hold in JavaScript.
            return counter && `atLeast(${counter}(c, p, ${it}, ${op === '>=' ? lit : `Math.floor(${lit}) + 1`}), ${lit}, ${op === '>' ? 'true' : 'false'})`;
        }
        const left = known && this.value(node.left, scope, it);
        if (!left) {
            return undefined;
        }
        const fn = this.name('cmp');
        if ((op === '=' || op === '==' || op === '!=') && (typeof k === 'string' || typeof k === 'number')) {
            // Same type: plain === / !==; any other non-null value takes the general rule (coercions, lists).
            const lit = JSON.stringify(k);
            const type = typeof k;
            const test = op === '!='
                ? `v === null || v === undefined ? false : typeof v === '${type}' ? v !== ${lit} : NOT_EQUALS(v, ${lit})`
                : `v === ${lit} || (v !== null && v !== undefined && typeof v !== '${type}' && EQUALS(v, ${lit}))`;
            this.declarations.push(`function ${fn}(v) { return ${test}; }`);
            return `${fn}(${left.code})`;
        }
        if (NUMERIC[op] && typeof k === 'number' && Number.isFinite(k)) {
            // As segment-comparisons.ts: a number is compared directly, anything else by the general rule.
            const relation = NUMERIC[op];
            const general = this.constant(someSide((a, b) => typeof a === 'number' && relation(a, b as number)));
            const lit = JSON.stringify(k);
            this.declarations.push(`function ${fn}(v) { return typeof v === 'number' ? v ${op} ${lit} : v !== null && v !== undefined && ${general}(v, ${lit}); }`);
            return `${fn}(${left.code})`;
        }
        if ((op === 'in' || op === 'notIn') && Array.isArray(k)) {
            const test = constantMembership(k, op === 'notIn');
            if (!test) {
                return undefined;
            }
            const slow = this.constant(test.general);
            const kind = typeof k[0];
            const fast = k.length <= 8
                ? k.map(x => `v === ${JSON.stringify(x)}`).join(' || ')
                : `${this.constant(test.set)}.has(v)`;
            const negate = op === 'notIn' ? '!' : '';
            this.declarations.push(`function ${fn}(v) { return typeof v === '${kind}' ? ${negate}(${fast}) : ${slow}(v); }`);
            return `${fn}(${left.code})`;
        }
        return undefined;
    }

    /** `A[cond].count()` as a function `(c, p, it, limit)` that stops counting at `limit`. */
    private countFilter(node: ast.FilterExpression, scope: Scope): string | undefined {
        const receiver = this.value(node.receiver, scope, 'x');
        if (!receiver || receiver.kind !== 'path' || ast.isLambda(node.condition)) {
            return undefined;
        }
        const loop = this.elementLoop(node.condition, scope, 'if (++n >= limit) return n;');
        const fn = this.name('count');
        const list = this.ofType(node.receiver, receiver.code, scope, node.condition, (r, keys) => this.isImplicitEventType(r, keys, scope));
        // Not a list: nothing counts 0; a Map or a single record takes the closure (`.count()` as compiled).
        const call = this.compiler.value(node.$container as Expression, scope);
        this.closures++;
        this.declarations.push(`function ${fn}(c, p, x, limit) {
    const list = ${list};
    if (isArray(list)) { let n = 0; ${loop} return n; }
    return list === null || list === undefined ? null : ${this.constant(call)}(c);
}`);
        return fn;
    }

    /** The loop over `list` testing `condition` per element; `onHit` runs for each element that passes. */
    private elementLoop(condition: Expression, scope: Scope, onHit: string): string {
        const inner = this.compiler.enter(scope);
        const before = this.closures;
        const test = this.bool(condition, inner, 'e');
        const store = this.closures > before ? `c.scope[${inner.depth}] = e; ` : '';
        return `for (let i = 0; i < list.length; i++) { const e = list[i]; ${store}if (${test}) { ${onHit} } }`;
    }

    /** `A[cond]` as a condition: some element passes. */
    private someElement(node: ast.FilterExpression, scope: Scope, it: string): string | undefined {
        const receiver = this.value(node.receiver, scope, 'x');
        if (!receiver || receiver.kind !== 'path' || ast.isLambda(node.condition)) {
            return undefined;
        }
        const loop = this.elementLoop(node.condition, scope, 'return true;');
        const fn = this.name('some');
        const list = this.ofType(node.receiver, receiver.code, scope, node.condition, (r, keys) => this.isImplicitEventType(r, keys, scope));
        const whole = this.fallback(node, scope);
        this.declarations.push(`function ${fn}(c, p, x) {
    const list = ${list};
    if (isArray(list)) { ${loop} return false; }
    return list === null || list === undefined ? false : ${whole};
}`);
        return `${fn}(c, p, ${it})`;
    }

    /** `T occurs …` on a path; the time test is the one segment-occurs.ts compiles. */
    private occurs(node: ast.OccursExpression, scope: Scope, it: string): string | undefined {
        const subject = this.value(node.subject, scope, it);
        if (!subject) {
            return undefined;
        }
        const test = this.constant(this.timeTest(node.time, scope));
        const fn = this.name('occurs');
        this.declarations.push(`function ${fn}(c, v) {
    const t = toEpoch(v);
    return t !== null ? ${test}(t, c) : isArray(v) && occursIn(v, ${test}, c);
}`);
        return `${fn}(c, ${subject.code})`;
    }

    /** The time test segment-occurs.ts compiles; an anchor read from the profile makes it use the context. */
    private timeTest(spec: ast.TimeSpec, scope: Scope): TimeTest {
        return compileTimeSpec(spec, {
            now: this.compiler.env.now,
            zone: this.compiler.env.zone,
            expression: ref => {
                const fn = this.compiler.value((ref as ast.ExpressionRef).expression, scope);
                if (!constantOf(fn)) {
                    this.closures++;
                }
                return fn;
            },
        });
    }

    /**
     * `chain(A, path, [steps])` as one loop: the greedy in-order scan of segment-chain.ts, which also
     * checks (as `provablyInOrder` does) that the ordering values are in order. When the scan falls
     * short on data not provably in order, a second generated loop collects the candidates and their
     * times, and `sortedProgress` (segment-chain.ts) matches them in time order.
     */
    private chain(node: ast.ChainExpression, scope: Scope, it: string): string | undefined {
        const events = this.value(node.events, scope, 'x');
        const inner = this.compiler.enter(scope);
        const order = this.value(node.orderBy, inner, 'e');
        if (!events || events.kind !== 'path' || !order || order.kind !== 'path' || node.steps.length === 0
            || node.steps.some(s => ast.isLambda(s.what) || (s.where && ast.isLambda(s.where)))) {
            return undefined;
        }
        const before = this.closures;
        const steps = node.steps.map(s => {
            const what = this.bool(s.what, inner, 'e');
            const where = s.where ? ` && ${this.bool(s.where, inner, 'e')}` : '';
            const test = s.when ? this.timeTest(s.when, scope) : undefined;
            const when = test ? this.constant(test) : undefined;
            return { test: `${what}${where}`, when, timeTest: test, count: Math.max(1, Math.floor(s.count ?? 1)) };
        });
        const store = this.closures > before ? `c.scope[${inner.depth}] = e; ` : '';
        const fn = this.name('chain');
        const sorted = `${fn}sorted`;
        const parts = {
            events: events.code, order: order.code, store, sorted, steps,
            buffers: this.constant(new ChainBuffers()), timed: this.constant(steps.map(s => ({ count: s.count, when: s.timeTest }))),
        };
        const byTimestamp = this.env.events && ast.isNameReference(node.events) && node.events.name === 'xEvent' && !scope.vars.has('xEvent')
            && ast.isNameReference(node.orderBy) && node.orderBy.name === 'timestamp' && !inner.vars.has('timestamp');
        const shared = byTimestamp ? this.constant(this.env.events) : undefined;
        this.declarations.push(chainSource(fn, { ...parts, shared }), chainSortedSource(sorted, parts));
        if (shared) {
            this.declarations.push(chainTimelineSource(fn, parts));
        }
        return `${fn}(c, p, ${it})`;
    }
}
