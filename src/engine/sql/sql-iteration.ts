/**
 * Iterations in SQL, as higher-order list functions over the profile's lists (`xEvent` …):
 * `select`/`exists` are nested existentials, `forall` nested universals, `sum … over …` an aggregate
 * of a flattened list of values, and `chain` the js evaluator's greedy match (segment-chain.ts)
 * written as one expression per step: step k's time is the COUNT-th smallest timestamp among the
 * events that pass the step and are later than step k−1's time (over two files, one table per step
 * instead: sql-events.ts `chain`).
 */
import type { AggregationExpression, ChainExpression, Declaration, QuantifiedExpression, SelectExpression } from '../../language/generated/ast.js';
import type { SqlCompiler } from './sql-compiler.js';
import { NULL_VALUE } from './sql-compiler.js';
import { numberOf } from './sql-operators.js';
import { compileTimeSpec, epochOf, timeSubject } from './sql-time.js';
import { NUMBER, typeName } from './sql-types.js';
import type { SqlScope, SqlValue } from './sql-values.js';

/** One declaration: its list, the lambda parameter bound to the variable, the scope after it. */
interface Bound {
    list: SqlValue;
    v: string;
    condition: string;
    scope: SqlScope;
}

/** Binds declaration `i` in `scope`; the rest see its variable. */
function bind(c: SqlCompiler, d: Declaration, scope: SqlScope): Bound {
    const list = c.asList(c.value(d.source, scope), d.source);
    const v = c.fresh();
    const element: SqlValue = { sql: v, type: list.type.kind === 'list' ? list.type.of : list.type };
    const inner = { contexts: scope.contexts, vars: new Map(scope.vars).set(d.variable.name, element), lambda: true };
    return { list, v, condition: d.condition ? c.pred(d.condition, inner) : 'true', scope: inner };
}

/** Nested quantifiers over the declarations from `i` on. */
function nested(c: SqlCompiler, declarations: Declaration[], scope: SqlScope, i: number, quantifier: 'exists' | 'forall'): string {
    const b = bind(c, declarations[i], scope);
    if (b.list.type.kind !== 'list') {
        return quantifier === 'exists' ? 'false' : 'true';
    }
    const rest = i + 1 < declarations.length ? nested(c, declarations, b.scope, i + 1, quantifier) : 'true';
    const body = rest === 'true' ? b.condition : `(${b.condition} AND ${rest})`;
    return c.sql[quantifier](b.list.sql, b.v, body);
}

export function compileQuantifier(c: SqlCompiler, node: QuantifiedExpression, scope: SqlScope): string {
    return nested(c, node.declarations, scope, 0, node.quantifier === 'exists' ? 'exists' : 'forall');
}

/** `select …`: as a condition, some tuple matches; as a value (one declaration), the matching elements. */
export function compileSelect(c: SqlCompiler, node: SelectExpression, scope: SqlScope, asCondition: boolean): SqlValue {
    if (asCondition) {
        return { sql: nested(c, node.declarations, scope, 0, 'exists'), type: { kind: 'boolean' } };
    }
    if (node.declarations.length !== 1) {
        return c.fail('a select with several variables used as a value', node, 'lists of tuples have no SQL translation');
    }
    const b = bind(c, node.declarations[0], scope);
    return b.list.type.kind === 'list' ? { sql: c.sql.filter(b.list.sql, b.v, b.condition), type: b.list.type } : NULL_VALUE;
}

/** The list of values of `value` over every tuple passing the conditions (nested lists flattened). */
function tupleValues(c: SqlCompiler, node: AggregationExpression, declarations: Declaration[], scope: SqlScope, i: number): SqlValue {
    const b = bind(c, declarations[i], scope);
    if (b.list.type.kind !== 'list') {
        return NULL_VALUE;
    }
    const passing = c.sql.filter(b.list.sql, b.v, b.condition);
    if (i + 1 < declarations.length) {
        const inner = tupleValues(c, node, declarations, b.scope, i + 1);
        if (inner.type.kind !== 'list') {
            return NULL_VALUE;
        }
        return { sql: c.sql.flatten(c.sql.transform(passing, b.v, `coalesce(${inner.sql}, ${c.sql.emptyList()})`)), type: inner.type };
    }
    const value = node.value ? c.value(node.value, b.scope) : { sql: b.v, type: b.list.type.of };
    if (value.type.kind !== 'number' && value.type.kind !== 'json' && value.type.kind !== 'null' && value.type.kind !== 'string' && value.type.kind !== 'boolean') {
        return c.fail(`'${node.function} … over …'`, node, `its values are of type ${typeName(value.type)}`);
    }
    // The transform's parameter has the filter's name, so the value compiled for `b.v` reads the passing element.
    return { sql: c.sql.transform(passing, b.v, numberOf(c, value)), type: { kind: 'list', of: NUMBER } };
}

/** `sum|average|min|max EXPR over …`: non-numbers skipped; sum of nothing 0, the others NULL (§2.8). */
export function compileAggregation(c: SqlCompiler, node: AggregationExpression, scope: SqlScope): SqlValue {
    const values = tupleValues(c, node, node.declarations, scope, 0);
    if (values.type.kind !== 'list') {
        return node.function === 'sum' ? { sql: '0', type: NUMBER } : NULL_VALUE;
    }
    return aggregate(c, node.function, values.sql);
}

/** An aggregate of a list of numbers that may hold NULLs (skipped). */
export function aggregate(c: SqlCompiler, kind: string, list: string): SqlValue {
    const x = c.fresh();
    const numbers = c.sql.filter(list, x, `${x} IS NOT NULL`);
    const of = kind === 'sum' ? c.sql.sum(numbers) : kind === 'average' ? c.sql.average(numbers) : kind === 'min' ? c.sql.min(numbers) : c.sql.max(numbers);
    return { sql: kind === 'sum' ? `coalesce(${of}, 0)` : of, type: NUMBER };
}

/** `chain(events, orderBy, [steps])` as the greedy match (§2.14 [I]). */
export function compileChain(c: SqlCompiler, node: ChainExpression, scope: SqlScope): string {
    const events = c.value(node.events, scope);
    if (events.type.kind !== 'list') {
        return 'false';
    }
    const stepParts = (step: ChainExpression['steps'][number], element: SqlValue): string[] => {
        const parts = [c.elementPred(step.what, scope, element)];
        if (step.where) {
            parts.push(c.elementPred(step.where, scope, element));
        }
        if (step.when) {
            const t = timeSubject(c, c.elementValue(node.orderBy, scope, element));
            parts.push(t ? `coalesce(${compileTimeSpec(c, step.when, scope)(t)}, false)` : 'false');
        }
        return parts;
    };
    const count = (step: ChainExpression['steps'][number]): number => Math.max(1, Math.floor(step.count ?? 1));
    const of = events.type.of;
    if (c.env.eventChain && node.steps.length > 0) {
        const steps = node.steps.map(step => {
            const element: SqlValue = { sql: c.fresh(), type: of };
            const time = epochOf(c, c.elementValue(node.orderBy, scope, element));
            return { v: element.sql, condition: stepParts(step, element).join(' AND '), time, count: count(step) };
        });
        const column = c.env.eventChain(events.sql, steps);
        if (column) {
            return column;
        }
    }
    // Step k's time is read by step k+1 inside its filter; at the top level it becomes a column computed
    // once per profile (else each event would recompute the previous steps).
    const hoist = !scope.lambda ? c.env.hoist : undefined;
    let previous: string | undefined;
    let level = 0;
    for (const step of node.steps) {
        const v = c.fresh();
        const element: SqlValue = { sql: v, type: of };
        const parts = stepParts(step, element);
        // The passing events' times, then those after the previous step: the first part reads only the
        // events, so it is computed once per profile (sql-events.ts) whatever the previous step found.
        const w = c.fresh();
        const times = c.sql.transform(c.sql.filter(events.sql, v, parts.join(' AND ')), w, epochOf(c, c.elementValue(node.orderBy, scope, { sql: w, type: of })));
        const x = c.fresh();
        const later = c.sql.filter(times, x, previous ? `${x} IS NOT NULL AND ${x} > ${previous}` : `${x} IS NOT NULL`);
        previous = c.sql.nth(c.sql.sort(later), String(count(step)));
        if (hoist && !previous.includes('__seg_')) {
            ({ column: previous, level } = hoist(previous, level));
        }
    }
    return previous ? `(${previous} IS NOT NULL)` : 'false';
}
