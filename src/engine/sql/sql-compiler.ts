/**
 * Compiles a segment's condition (the Langium AST) into one SQL predicate over a profile row, with
 * the semantics of the js evaluator (docs/semantics.md "Evaluation"; every rule has its SQL in
 * docs/sql.md). Predicates are never NULL, so `not` is two-valued as in PQL; values may be NULL
 * (missing data). Paths are resolved against the data's type (sql-types.ts). Anything without a
 * faithful translation throws `SqlTranslationError` naming the construct and its source range.
 */
import type { AstNode } from 'langium';
import type { InSegmentExpression } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import { dayRange, toWall, type Zone } from '../time/segment-time.js';
import { PqlSpan, truthy } from '../runtime/segment-values.js';
import type { SqlPrinter } from './sql-dialects.js';
import { compileMethod } from './sql-methods.js';
import { compileComparison, literal } from './sql-operators.js';
import { compileAggregation, compileChain, compileQuantifier, compileSelect } from './sql-iteration.js';
import { compileOccurs } from './sql-time.js';
import { BOOLEAN, NULL_TYPE, NUMBER, listOf, typeName, type RowType, type SqlType } from './sql-types.js';
import { SqlTranslationError, type SqlScope, type SqlValue } from './sql-values.js';

/** What a compilation needs from the run. */
export interface SqlCompileEnvironment {
    sql: SqlPrinter;
    now: number;
    zone: Zone;
    row: RowType;
    /** The profile row's alias in the query. */
    alias: string;
    /** The column holding a local segment's membership, or undefined when the call reads `segmentMembership`. */
    localSegment(node: InSegmentExpression): string | undefined;
    /**
     * Computes a per-profile expression once, as a column of an earlier layer of the query; `level` is
     * 1 + the level of the hoisted columns it reads (0 for none). Returns the column and its level.
     */
    hoist?(sql: string, level: number): { column: string; level: number };
    /**
     * A chain over the event list `events` as a per-profile column computed without per-profile lists
     * (over two files: sql-events.ts `chain`), or undefined where it cannot be.
     */
    eventChain?(events: string, steps: readonly ChainStep[]): string | undefined;
}

/** A chain step over the element `v`: the condition an event passes, its time (epoch ms) and the step's COUNT. */
export interface ChainStep {
    v: string;
    condition: string;
    time: string;
    count: number;
}

export const NULL_VALUE: SqlValue = { sql: 'NULL', type: NULL_TYPE, constant: { value: null } };

export class SqlCompiler {
    private lambdas = 0;

    constructor(readonly env: SqlCompileEnvironment) {}

    get sql(): SqlPrinter {
        return this.env.sql;
    }

    /** The scope at the top of a condition: the profile row is the implicit context. */
    rootScope(): SqlScope {
        return { contexts: [{ sql: this.env.alias, type: this.env.row }], vars: new Map() };
    }

    /** A new lambda parameter name. */
    fresh(): string {
        return `v${++this.lambdas}`;
    }

    fail(construct: string, node: AstNode | undefined, reason: string): never {
        throw new SqlTranslationError(construct, node, reason);
    }

    /** A condition as a SQL Boolean that is never NULL (§2.0 coercion). */
    pred(node: ast.Expression, scope: SqlScope): string {
        switch (node.$type) {
            case 'LogicalExpression': {
                const op = node.operator === 'and' || node.operator === '&&' ? 'AND' : 'OR';
                return `(${this.pred(node.left, scope)} ${op} ${this.pred(node.right, scope)})`;
            }
            case 'NotExpression': return `(NOT ${this.pred(node.operand, scope)})`;
            case 'ParenthesizedExpression': return this.pred(node.expression, scope);
            case 'ComparisonExpression': return compileComparison(this, node, scope);
            case 'OccursExpression': return compileOccurs(this, node, scope);
            case 'SelectExpression': return compileSelect(this, node, scope, true).sql;
            case 'QuantifiedExpression': return compileQuantifier(this, node, scope);
            case 'ChainExpression': return compileChain(this, node, scope);
            case 'InSegmentExpression': return this.inSegment(node);
            case 'BooleanLiteral': return node.value ? 'true' : 'false';
            case 'Lambda': return this.pred(node.body, this.bindToProfile(node, scope));
            case 'FilterExpression': {
                const receiver = this.asList(this.value(node.receiver, scope), node.receiver);
                return this.someElement(receiver, node.condition, scope);
            }
            default: return this.truthy(this.value(node, scope), node);
        }
    }

    /** An expression's value. */
    value(node: ast.Expression, scope: SqlScope): SqlValue {
        switch (node.$type) {
            case 'StringLiteral': case 'NumberLiteral': case 'BooleanLiteral':
                return literal(this.sql, node.value, node);
            case 'ListLiteral': {
                const items = node.items.map(i => this.value(i, scope));
                const kind = items[0]?.type.kind;
                if (items.length === 0 || !items.every(i => i.constant && i.type.kind === kind && (kind === 'string' || kind === 'number'))) {
                    this.fail('a list literal', node, 'only non-empty lists of string or number literals of one type are translated');
                }
                return { sql: this.sql.list(...items.map(i => i.sql)), type: listOf(items[0].type), constant: { value: items.map(i => i.constant!.value) } };
            }
            case 'ParenthesizedExpression': return this.value(node.expression, scope);
            case 'NameReference': return this.name(node, scope);
            case 'ParameterReference': return node.position === '$1' ? scope.contexts[0] : NULL_VALUE;
            case 'UpReference': {
                const target = scope.contexts.length - 1 - node.levels.length;
                return target < 0 ? NULL_VALUE : this.member(scope.contexts[target], node.name, node);
            }
            case 'MemberAccess':
                return node.isCall ? compileMethod(this, node, scope) : this.member(this.value(node.receiver, scope), node.member, node);
            case 'FilterExpression': {
                const receiver = this.asList(this.value(node.receiver, scope), node.receiver);
                if (receiver.type.kind !== 'list') {
                    return NULL_VALUE;
                }
                const v = this.fresh();
                const element = { sql: v, type: receiver.type.of };
                return { sql: this.sql.filter(receiver.sql, v, this.elementPred(node.condition, scope, element)), type: receiver.type };
            }
            case 'ArithmeticExpression': return this.arithmetic(node, scope);
            case 'NegationExpression': {
                const operand = this.value(node.operand, scope);
                if (operand.constant && typeof operand.constant.value === 'number') {
                    return literal(this.sql, -operand.constant.value, node);
                }
                return operand.type.kind === 'number' ? { sql: `(-${this.sql.double(operand.sql)})`, type: NUMBER } : NULL_VALUE;
            }
            case 'FunctionCall': return this.call(node, scope);
            case 'LetExpression': {
                // Expressions have no side effects, so the bound value is substituted where the name is used.
                const bound = this.value(node.value, scope);
                return this.value(node.body, { ...scope, vars: new Map(scope.vars).set(node.variable.name, bound) });
            }
            case 'Lambda': return this.value(node.body, this.bindToProfile(node, scope));
            case 'SelectExpression': return compileSelect(this, node, scope, false);
            case 'AggregationExpression': return compileAggregation(this, node, scope);
            case 'ChainExpression': case 'InSegmentExpression': case 'QuantifiedExpression': case 'LogicalExpression':
            case 'NotExpression': case 'ComparisonExpression': case 'OccursExpression':
                return { sql: this.pred(node, scope), type: BOOLEAN };
            default: return this.fail(`'${node.$type}'`, node, 'objects, maps and map entries have no SQL translation');
        }
    }

    /** §2.0 Boolean coercion: null → false, a list → non-empty, `false` → false, any other value → true. */
    truthy(value: SqlValue, node?: AstNode): string {
        if (value.constant) {
            return truthy(value.constant.value) ? 'true' : 'false';
        }
        switch (value.type.kind) {
            case 'null': return 'false';
            case 'boolean': return `coalesce(${value.sql}, false)`;
            case 'list': return `coalesce(${this.sql.length(value.sql)} > 0, false)`;
            case 'json': {
                const type = this.sql.jsonType(value.sql);
                return `coalesce(CASE ${type} WHEN 'NULL' THEN false WHEN 'BOOLEAN' THEN ${this.sql.jsonText(value.sql)} = 'true' WHEN 'ARRAY' THEN ${this.sql.jsonText(value.sql)} <> '[]' ELSE true END, false)`;
            }
            case 'other': return this.fail('a value', node, `values of type ${typeName(value.type)} have no SQL translation`);
            default: return `(${value.sql} IS NOT NULL)`;
        }
    }

    /** SQL that is true when a value is not null (a JSON `null` in a mixed-type column is null too). */
    present(value: SqlValue): string {
        if (value.type.kind === 'null') {
            return 'false';
        }
        return value.type.kind === 'json' ? `(${value.sql} IS NOT NULL AND ${this.sql.jsonType(value.sql)} <> 'NULL')` : `(${value.sql} IS NOT NULL)`;
    }

    /** `value.name`: a struct field, a projection through a list (missing values dropped), or NULL. */
    member(base: SqlValue, name: string, node: AstNode): SqlValue {
        const type = base.type;
        switch (type.kind) {
            case 'struct': {
                const field = type.fields.get(name);
                return field ? { sql: this.sql.field(base.sql, name), type: field } : NULL_VALUE;
            }
            case 'list': return this.project(base, type.of, name, node);
            case 'json': {
                // An object's field; a JSON list here would need a projection by JSON path: refused when met.
                const type = this.sql.jsonType(base.sql);
                const message = this.sql.string(`segment: the field '${name}' is read through a list of mixed JSON types, which has no SQL translation`);
                return { sql: `CASE WHEN ${type} = 'OBJECT' THEN ${this.sql.jsonField(base.sql, this.sql.string(`$."${name.replace(/["\\]/g, '\\$&')}"`))} WHEN ${type} = 'ARRAY' THEN ${this.sql.raiseError(message)} END`, type: { kind: 'json' } };
            }
            // An XDM map is a JSON object in the data: its field is the map's value at the key.
            case 'map': return { sql: this.sql.mapGet(base.sql, this.sql.string(name)), type: type.value };
            case 'other': return this.fail(`the field '${name}'`, node, `it is read from a value of type ${typeName(type)}`);
            default: return NULL_VALUE;
        }
    }

    /** `list.name` (§2.0 [I]): the flattened list of the elements' values, missing values dropped. */
    private project(list: SqlValue, of: SqlType, name: string, node: AstNode): SqlValue {
        if (of.kind === 'list') {
            this.fail(`the field '${name}'`, node, 'it projects through a list of lists');
        }
        const v = this.fresh();
        const inner = this.member({ sql: v, type: of }, name, node);
        const w = this.fresh();
        if (inner.type.kind === 'null') {
            return { sql: this.sql.when(`${list.sql} IS NULL`, 'NULL', this.sql.emptyList()), type: listOf(NULL_TYPE) };
        }
        if (inner.type.kind === 'list') {
            const flat = this.sql.flatten(this.sql.transform(list.sql, v, `coalesce(${inner.sql}, ${this.sql.emptyList()})`));
            return { sql: this.sql.filter(flat, w, this.present({ sql: w, type: inner.type.of })), type: inner.type };
        }
        return { sql: this.sql.filter(this.sql.transform(list.sql, v, inner.sql), w, this.present({ sql: w, type: inner.type })), type: listOf(inner.type) };
    }

    /** The elements a value stands for (a record or scalar is one element, NULL none). */
    asList(value: SqlValue, node: AstNode): SqlValue {
        switch (value.type.kind) {
            case 'list': case 'null': return value;
            case 'json': {
                // A JSON list's elements; any other JSON value is one element (segment-iteration.ts `elementsOf`).
                const type = this.sql.jsonType(value.sql);
                return { sql: `CASE WHEN ${type} = 'ARRAY' THEN ${this.sql.jsonList(value.sql)} WHEN ${type} <> 'NULL' THEN ${this.sql.list(value.sql)} END`, type: listOf({ kind: 'json' }) };
            }
            case 'other': return this.fail('an iteration', node, `it ranges over a value of type ${typeName(value.type)}`);
            default: return { sql: this.sql.when(`${value.sql} IS NULL`, 'NULL', this.sql.list(value.sql)), type: listOf(value.type) };
        }
    }

    /** The scope inside `A[…]`, `WHAT(…)`, `.filter(…)`: the element is the implicit context; a lambda binds it. */
    elementScope(node: ast.Expression, scope: SqlScope, element: SqlValue): { body: ast.Expression; scope: SqlScope } {
        const contexts = [...scope.contexts, element];
        if (ast.isLambda(node)) {
            if (node.parameters.length !== 1) {
                this.fail('a two-parameter lambda', node, 'keys and indexes of elements have no SQL translation');
            }
            return { body: node.body, scope: { contexts, vars: new Map(scope.vars).set(node.parameters[0].name, element), lambda: true } };
        }
        return { body: node, scope: { contexts, vars: scope.vars, lambda: true } };
    }

    elementPred(node: ast.Expression, scope: SqlScope, element: SqlValue): string {
        const inner = this.elementScope(node, scope, element);
        return this.pred(inner.body, inner.scope);
    }

    elementValue(node: ast.Expression, scope: SqlScope, element: SqlValue): SqlValue {
        const inner = this.elementScope(node, scope, element);
        return this.value(inner.body, inner.scope);
    }

    /** Some element of a list satisfies `condition` (evaluated with the element as implicit context). */
    someElement(list: SqlValue, condition: ast.Expression, scope: SqlScope): string {
        if (list.type.kind !== 'list') {
            return 'false';
        }
        const v = this.fresh();
        return this.sql.exists(list.sql, v, this.elementPred(condition, scope, { sql: v, type: list.type.of }));
    }

    private name(node: ast.NameReference, scope: SqlScope): SqlValue {
        const name = node.name;
        const variable = scope.vars.get(name);
        if (variable) {
            return variable;
        }
        if (name === 'xEvent') {
            // A profile without events has an empty event list, never NULL (docs/semantics.md).
            const events = this.member(scope.contexts[0], name, node);
            return events.type.kind === 'list' ? { sql: `coalesce(${events.sql}, ${this.sql.emptyList()})`, type: events.type } : events;
        }
        return this.member(scope.contexts[scope.contexts.length - 1], name, node);
    }

    private bindToProfile(node: ast.Lambda, scope: SqlScope): SqlScope {
        const vars = new Map(scope.vars);
        node.parameters.forEach(p => vars.set(p.name, scope.contexts[0]));
        return { ...scope, vars };
    }

    /** Arithmetic needs two numbers; `/ 0` and `% 0` are NULL (§2.3). */
    private arithmetic(node: ast.ArithmeticExpression, scope: SqlScope): SqlValue {
        const left = this.value(node.left, scope);
        const right = this.value(node.right, scope);
        if (left.constant && right.constant && typeof left.constant.value === 'number' && typeof right.constant.value === 'number') {
            const a = left.constant.value;
            const b = right.constant.value;
            const r = node.operator === '+' ? a + b : node.operator === '-' ? a - b : node.operator === '*' ? a * b : node.operator === '/' ? a / b : a % b;
            return Number.isFinite(r) ? literal(this.sql, r, node) : NULL_VALUE;
        }
        const number = (v: SqlValue): string | undefined => (v.type.kind === 'number' ? this.sql.double(v.sql) : undefined);
        const a = number(left);
        const b = number(right);
        if (a === undefined || b === undefined) {
            return NULL_VALUE;
        }
        const sql = node.operator === '/' || node.operator === '%'
            ? this.sql.when(`${b} = 0`, 'NULL', `${a} ${node.operator} ${b}`)
            : `(${a} ${node.operator} ${b})`;
        return { sql, type: NUMBER };
    }

    private call(node: ast.FunctionCall, scope: SqlScope): SqlValue {
        const name = node.name.toLowerCase();
        const { now, zone } = this.env;
        switch (name) {
            case 'if': {
                const [test, then, otherwise] = node.arguments;
                const a = then ? this.value(then, scope) : NULL_VALUE;
                const b = otherwise ? this.value(otherwise, scope) : NULL_VALUE;
                const type = a.type.kind === 'null' ? b.type : a.type;
                if ((b.type.kind !== 'null' && b.type.kind !== type.kind) || type.kind === 'list' || type.kind === 'struct') {
                    this.fail('if(…)', node, `its branches have types ${typeName(a.type)} and ${typeName(b.type)}`);
                }
                return { sql: this.sql.when(test ? this.pred(test, scope) : 'false', a.sql, b.sql), type };
            }
            case 'date': {
                const parts = node.arguments.map(a => this.value(a, scope).constant?.value);
                if (parts.length !== 3 || !parts.every(p => typeof p === 'number')) {
                    return this.fail('date(…)', node, 'only date(year, month, day) with number literals is translated');
                }
                const [y, m, d] = parts as number[];
                const [start, end] = dayRange(zone, Math.trunc(y), Math.trunc(m), Math.trunc(d));
                return { sql: String(start), type: NUMBER, constant: { value: new PqlSpan(start, end) } };
            }
            case 'currentmonth': return literal(this.sql, toWall(zone, now).month, node);
            case 'currentyear': return literal(this.sql, toWall(zone, now).year, node);
            case 'currentdayofmonth': return literal(this.sql, toWall(zone, now).day, node);
            default: return this.fail(`the function '${node.name}'`, node, 'it has no SQL translation');
        }
    }

    /** `inSegment(…)`: a local segment's membership column, else `segmentMembership.<namespace>.<id>.status` (§2.15). */
    private inSegment(node: InSegmentExpression): string {
        const local = this.env.localSegment(node);
        if (local) {
            return `coalesce(${local}, false)`;
        }
        const id = node.segment.$refText.replace(/^"|"$/g, '');
        const membership = this.env.row.fields.get('segmentMembership');
        const tests: string[] = [];
        if (membership?.kind === 'struct') {
            const base = this.sql.field(this.env.alias, 'segmentMembership');
            for (const [namespace, audiences] of membership.fields) {
                const audience = audiences.kind === 'struct' ? audiences.fields.get(id) : undefined;
                if (audience?.kind === 'struct' && audience.fields.get('status')?.kind === 'string') {
                    const status = this.sql.field(this.sql.field(this.sql.field(base, namespace), id), 'status');
                    tests.push(`coalesce(${status} IN ('realized', 'existing'), false)`);
                }
            }
        } else if (membership?.kind === 'map' && membership.value.kind === 'map' && membership.value.value.kind === 'struct') {
            // XDM types segmentMembership as a map of namespaces to maps of audience ids.
            const v = this.fresh();
            const status = this.sql.field(this.sql.mapGet(v, this.sql.string(id)), 'status');
            tests.push(this.sql.exists(this.sql.mapValues(this.sql.field(this.env.alias, 'segmentMembership')), v, `coalesce(${status} IN ('realized', 'existing'), false)`));
        } else if (membership && membership.kind !== 'null') {
            this.fail(`inSegment("${id}")`, node, `segmentMembership is of type ${typeName(membership)}, not an object of namespaces`);
        }
        return tests.length === 0 ? 'false' : `(${tests.join(' OR ')})`;
    }
}
