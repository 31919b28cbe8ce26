/**
 * Comparisons, membership, `like` and `matches` in SQL, with the js evaluator's rules
 * (segment-comparisons.ts, segment-values.ts): `=`/`!=` need both sides non-null and coerce the right
 * side to the left side's type; `<`… need numbers; a list on one side and a scalar on the other
 * holds when some element does, for the negative forms too.
 */
import type { AstNode } from 'langium';
import type { ComparisonExpression } from '../../language/generated/ast.js';
import { compileJavaRegex } from '../regex/segment-regex.js';
import { PqlSpan, pqlEquals } from '../runtime/segment-values.js';
import type { SqlCompiler } from './sql-compiler.js';
import type { SqlPrinter } from './sql-dialects.js';
import { BOOLEAN, NUMBER, STRING, typeName } from './sql-types.js';
import type { SqlScope, SqlValue } from './sql-values.js';
import { epochOf } from './sql-time.js';

/** A literal value with its SQL. */
export function literal(sql: SqlPrinter, value: unknown, node: AstNode): SqlValue {
    if (typeof value === 'string') {
        return { sql: sql.string(value), type: STRING, constant: { value } };
    }
    if (typeof value === 'number') {
        return { sql: value < 0 ? `(${value})` : String(value), type: NUMBER, constant: { value } };
    }
    if (typeof value === 'boolean') {
        return { sql: String(value), type: BOOLEAN, constant: { value } };
    }
    throw new Error(`Unexpected literal ${String(value)} at ${node.$type}`);
}

const NUMERIC_JSON = `('BIGINT', 'UBIGINT', 'DOUBLE')`;

/** A value as a SQL number, or NULL when it is not a number (a numeric string is not a number). */
export function numberOf(c: SqlCompiler, value: SqlValue): string {
    switch (value.type.kind) {
        case 'number': return value.sql;
        case 'json': return `CASE WHEN ${c.sql.jsonType(value.sql)} IN ${NUMERIC_JSON} THEN ${c.sql.tryDouble(c.sql.jsonText(value.sql))} END`;
        default: return 'NULL';
    }
}

/** A value as a SQL string when it is a string (for the string functions), else NULL. */
export function stringOf(c: SqlCompiler, value: SqlValue): string {
    switch (value.type.kind) {
        case 'string': return value.sql;
        case 'json': return `CASE WHEN ${c.sql.jsonType(value.sql)} = 'VARCHAR' THEN ${c.sql.jsonText(value.sql)} END`;
        default: return 'NULL';
    }
}

/**
 * True iff both scalars are non-null and `pqlEquals(left, right)` (§2.2): the right side is coerced
 * to the left side's type. Non-constant mixed types other than the cases below are refused.
 */
export function scalarEquals(c: SqlCompiler, left: SqlValue, right: SqlValue, node: AstNode): string {
    if (left.constant && right.constant) {
        const [a, b] = [left.constant.value, right.constant.value];
        return a !== null && b !== null && pqlEquals(a, b) ? 'true' : 'false';
    }
    const r = right.constant?.value;
    if (r instanceof PqlSpan) {
        const t = epochOf(c, left);
        return `coalesce(${t} >= ${r.start} AND ${t} < ${Math.max(r.end, r.start + 1)}, false)`;
    }
    const lk = left.type.kind;
    const rk = right.type.kind;
    if (lk === 'null' || rk === 'null') {
        return 'false';
    }
    if (lk === rk && (lk === 'string' || lk === 'number' || lk === 'boolean')) {
        return `coalesce(${left.sql} = ${right.sql}, false)`;
    }
    if (right.constant && (lk === 'string' || lk === 'number' || lk === 'boolean' || lk === 'json')) {
        return equalsConstant(c, left, r);
    }
    if (left.constant && rk === 'json') {
        return c.fail('a comparison', node, 'a constant on the left of a value of mixed JSON types');
    }
    if ((lk === 'string' || lk === 'number' || lk === 'boolean') && (rk === 'string' || rk === 'number' || rk === 'boolean')) {
        return c.fail('a comparison', node, `the coercion of a ${typeName(right.type)} to a ${typeName(left.type)} between two fields`);
    }
    if (lk === 'struct' || rk === 'struct' || lk === 'other' || rk === 'other' || lk === 'json' || rk === 'json' || lk === 'timestamp' || rk === 'timestamp') {
        return c.fail('a comparison', node, `values of types ${typeName(left.type)} and ${typeName(right.type)}`);
    }
    return 'false';
}

/** `left = constant` with the right side coerced to the left side's type. */
function equalsConstant(c: SqlCompiler, left: SqlValue, r: unknown): string {
    const sql = c.sql;
    const asString = (s: string): string => (typeof r === 'string' ? `${s} = ${sql.string(r)}` : typeof r === 'number' || typeof r === 'boolean' ? `${s} = ${sql.string(String(r))}` : 'false');
    const asNumber = (n: string): string => {
        if (typeof r === 'number') {
            return `${n} = ${r < 0 ? `(${r})` : r}`;
        }
        const k = typeof r === 'string' && r.trim() !== '' ? Number(r) : NaN;
        return Number.isNaN(k) ? 'false' : `${n} = ${k < 0 ? `(${k})` : k}`;
    };
    const asBoolean = (b: string): string => (typeof r === 'boolean' ? `${b} = ${r}` : r === 'true' || r === 'false' ? `${b} = ${r}` : 'false');
    switch (left.type.kind) {
        case 'string': return `coalesce(${asString(left.sql)}, false)`;
        case 'number': return `coalesce(${asNumber(left.sql)}, false)`;
        case 'boolean': return `coalesce(${asBoolean(left.sql)}, false)`;
        default: {
            const type = sql.jsonType(left.sql);
            const text = sql.jsonText(left.sql);
            return `coalesce(CASE WHEN ${type} = 'VARCHAR' THEN ${asString(text)} WHEN ${type} IN ${NUMERIC_JSON} THEN ${asNumber(sql.tryDouble(text))} WHEN ${type} = 'BOOLEAN' THEN ${asBoolean(`(${text} = 'true')`)} ELSE false END, false)`;
        }
    }
}

/** Applies a scalar test existentially over a list on either side (not both) (§2.0 [I]). */
export function someSide(c: SqlCompiler, left: SqlValue, right: SqlValue, test: (a: SqlValue, b: SqlValue) => string): string {
    const leftList = left.type.kind === 'list';
    const rightList = right.type.kind === 'list';
    if (leftList !== rightList) {
        const list = leftList ? left : right;
        const v = c.fresh();
        const element: SqlValue = { sql: v, type: (list.type as { of: SqlValue['type'] }).of };
        const body = leftList ? test(element, right) : test(left, element);
        return body === 'false' ? 'false' : c.sql.exists(list.sql, v, body);
    }
    return test(left, right);
}



export function compileComparison(c: SqlCompiler, node: ComparisonExpression, scope: SqlScope): string {
    const left = c.value(node.left, scope);
    const right = c.value(node.right, scope);
    switch (node.operator) {
        case '=': case '==': return equals(c, left, right, node);
        case '!=': return someSide(c, left, right, (a, b) => {
            const eq = scalarEquals(c, a, b, node);
            return a.type.kind === 'null' || b.type.kind === 'null' ? 'false' : `(${c.present(a)} AND ${c.present(b)} AND NOT ${eq})`;
        });
        case 'in': case 'notIn': return membership(c, left, right, node.operator === 'notIn', node);
        case 'like': return stringTest(c, left, right, node, (s, p) => {
            if (typeof p !== 'string') {
                return 'false';
            }
            // The pattern is whole-string with `%` and `_` only; Spark's escape character is disabled.
            return `(${c.sql.stringLength(s)} <= 10000 AND ${c.sql.like(s, c.sql.string(p))})`;
        });
        case 'matches': return stringTest(c, left, right, node, (s, p) => regexTest(c, s, p, node));
        default: {
            return someSide(c, left, right, (a, b) => {
                const x = numberOf(c, a);
                const y = numberOf(c, b);
                return x === 'NULL' || y === 'NULL' ? 'false' : `coalesce(${x} ${node.operator} ${y}, false)`;
            });
        }
    }
}

function equals(c: SqlCompiler, left: SqlValue, right: SqlValue, node: AstNode): string {
    if (left.type.kind === 'list' && right.type.kind === 'list') {
        // Lists compare element by element, in order; only lists of one scalar type are translated.
        const [a, b] = [left.type.of.kind, right.type.of.kind];
        if (a !== b || !(a === 'string' || a === 'number')) {
            return c.fail('a list comparison', node, `lists of ${typeName(left.type.of)} and ${typeName(right.type.of)}`);
        }
        return `coalesce(${left.sql} = ${right.sql}, false)`;
    }
    return someSide(c, left, right, (a, b) => scalarEquals(c, a, b, node));
}

/** `V in LIST` / `V notIn LIST` (§2.4): both sides non-null; a list on the left holds when some element does. */
function membership(c: SqlCompiler, left: SqlValue, right: SqlValue, negated: boolean, node: AstNode): string {
    if (left.type.kind === 'null' || right.type.kind === 'null') {
        return 'false';
    }
    const includes = (x: SqlValue): string => {
        if (right.type.kind !== 'list') {
            return scalarEquals(c, x, right, node);
        }
        const constants = right.constant?.value;
        if (Array.isArray(constants)) {
            // A literal list: one test per item, each with the item's own coercion.
            const tests = constants.map(item => scalarEquals(c, x, literal(c.sql, item, node), node)).filter(t => t !== 'false');
            return tests.length === 0 ? 'false' : `(${tests.join(' OR ')})`;
        }
        const w = c.fresh();
        return c.sql.exists(right.sql, w, scalarEquals(c, x, { sql: w, type: right.type.of }, node));
    };
    const one = (x: SqlValue): string => (negated ? `(${c.present(x)} AND NOT ${includes(x)})` : includes(x));
    if (left.type.kind === 'list') {
        const v = c.fresh();
        return c.sql.exists(left.sql, v, one({ sql: v, type: left.type.of }));
    }
    return `(${c.present(right)} AND ${one(left)})`;
}

/**
 * A string test on a string or a list of strings (some element); false when the subject is not a
 * string. `build` gets the subject's SQL and the constant argument.
 */
export function stringTest(c: SqlCompiler, subject: SqlValue, argument: SqlValue, node: AstNode, build: (s: string, argument: unknown) => string): string {
    if (!argument.constant) {
        return c.fail('a string test', node, 'only a literal argument (pattern, prefix …) is translated');
    }
    const arg = argument.constant.value;
    if (arg === null) {
        return 'false';
    }
    const one = (value: SqlValue): string => {
        const s = stringOf(c, value);
        return s === 'NULL' ? 'false' : `coalesce(${build(s, arg)}, false)`;
    };
    if (subject.type.kind === 'list') {
        const v = c.fresh();
        const body = one({ sql: v, type: subject.type.of });
        return body === 'false' ? 'false' : c.sql.exists(subject.sql, v, body);
    }
    return one(subject);
}

/**
 * `matches` (§2.6): Java syntax, find-anywhere. Patterns the js evaluator refuses, and Java features
 * that RE2 (DuckDB) lacks, are translation errors; subjects over 10,000 characters never match.
 */
export function regexTest(c: SqlCompiler, s: string, pattern: unknown, node: AstNode): string {
    const source = typeof pattern === 'string' ? pattern : typeof pattern === 'number' || typeof pattern === 'boolean' ? String(pattern) : null;
    if (source === null) {
        return 'false';
    }
    const compiled = compileJavaRegex(source);
    if (!compiled.regex) {
        return c.fail('a regular expression', node, `the js evaluator refuses it (${compiled.problem})`);
    }
    if (c.sql.dialect === 'duckdb' && (/\(\?[=!<>]|\\[1-9]|\\Z|\\p\{|[*+?}]\+|&&/.test(source) || /^\(\?[a-z]*[xu]/.test(source))) {
        return c.fail('a regular expression', node, 'it uses lookaround, a back reference, \\Z, a POSIX class, a possessive quantifier or class intersection, which DuckDB\'s RE2 lacks');
    }
    return `(${c.sql.stringLength(s)} <= 10000 AND ${c.sql.regexFind(s, c.sql.string(source))})`;
}
