/**
 * Method calls in SQL (`.count()`, `.sum(…)`, `.contains(…)`, `.intersects(…)` …), with the js
 * evaluator's rules (segment-calls.ts, segment-functions.ts, segment-strings.ts). Methods that build
 * maps or reorder values (`groupBy`, `map`, `topN`, `keys`, `distinct` …) are translation errors.
 */
import type { MemberAccess } from '../../language/generated/ast.js';
import type { SqlCompiler } from './sql-compiler.js';
import { NULL_VALUE } from './sql-compiler.js';
import { aggregate } from './sql-iteration.js';
import { numberOf, regexTest, scalarEquals, stringOf, stringTest } from './sql-operators.js';
import { BOOLEAN, NUMBER, STRING } from './sql-types.js';
import type { SqlScope, SqlValue } from './sql-values.js';

const STRING_TESTS: Record<string, { test: 'startsWith' | 'endsWith' | 'includes' | 'equals'; negated: boolean }> = {
    startswith: { test: 'startsWith', negated: false }, doesnotstartwith: { test: 'startsWith', negated: true },
    endswith: { test: 'endsWith', negated: false }, doesnotendwith: { test: 'endsWith', negated: true },
    contains: { test: 'includes', negated: false }, doesnotcontain: { test: 'includes', negated: true },
    equals: { test: 'equals', negated: false }, notequalto: { test: 'equals', negated: true },
};

export function compileMethod(c: SqlCompiler, node: MemberAccess, scope: SqlScope): SqlValue {
    const name = node.member.toLowerCase();
    const receiver = c.value(node.receiver, scope);
    const [first, second] = node.arguments;
    const bool = (sql: string): SqlValue => ({ sql, type: BOOLEAN });
    switch (name) {
        case 'isnull': return bool(`(NOT ${c.present(receiver)})`);
        case 'isnotnull': return bool(c.present(receiver));
        case 'count': {
            // Null propagation (docs/semantics.md): the count of a missing list is NULL; xEvent is never NULL.
            if (receiver.type.kind === 'list') {
                return { sql: c.sql.length(receiver.sql), type: NUMBER };
            }
            return receiver.type.kind === 'null' ? NULL_VALUE : { sql: c.sql.when(c.present(receiver), '1', 'NULL'), type: NUMBER };
        }
        case 'sum': case 'average': case 'min': case 'max': {
            const list = c.asList(receiver, node.receiver);
            if (list.type.kind !== 'list') {
                return NULL_VALUE;
            }
            let values: SqlValue = list;
            if (first) {
                const v = c.fresh();
                const value = c.elementValue(first, scope, { sql: v, type: list.type.of });
                values = { sql: c.sql.transform(list.sql, v, value.type.kind === 'list' ? value.sql : numberOf(c, value)), type: { kind: 'list', of: value.type.kind === 'list' ? value.type : NUMBER } };
            }
            const of = (values.type as { of: SqlValue['type'] }).of;
            if (of.kind === 'list') {
                return c.fail(`.${node.member}(…)`, node, 'an aggregate of nested lists has no SQL translation');
            }
            if (!first && of.kind !== 'number') {
                const v = c.fresh();
                values = { sql: c.sql.transform(values.sql, v, numberOf(c, { sql: v, type: of })), type: { kind: 'list', of: NUMBER } };
            }
            const total = aggregate(c, name, values.sql);
            return { sql: c.sql.whenPresent(list.sql, total.sql), type: total.type };
        }
        case 'filter': case 'exists': {
            const list = c.asList(receiver, node.receiver);
            if (list.type.kind !== 'list' || !first) {
                return name === 'exists' ? bool('false') : list.type.kind === 'list' ? list : NULL_VALUE;
            }
            if (name === 'exists') {
                return bool(c.someElement(list, first, scope));
            }
            const v = c.fresh();
            return { sql: c.sql.filter(list.sql, v, c.elementPred(first, scope, { sql: v, type: list.type.of })), type: list.type };
        }
        case 'head': return receiver.type.kind === 'list' ? { sql: c.sql.nth(receiver.sql, '1'), type: receiver.type.of } : receiver;
        case 'includes': {
            const item = first ? c.value(first, scope) : NULL_VALUE;
            if (receiver.type.kind !== 'list') {
                return bool(scalarEquals(c, item, receiver, node));
            }
            const v = c.fresh();
            return bool(`(${c.present(item)} AND ${c.sql.exists(receiver.sql, v, scalarEquals(c, item, { sql: v, type: receiver.type.of }, node))})`);
        }
        case 'intersects': case 'subsetof': case 'supersetof': {
            const a = c.asList(receiver, node.receiver);
            const b = c.asList(first ? c.value(first, scope) : NULL_VALUE, node);
            if (a.type.kind !== 'list' || b.type.kind !== 'list') {
                return bool('false');
            }
            const [outer, inner] = name === 'supersetof' ? [b, a] : [a, b];
            const x = c.fresh();
            const y = c.fresh();
            const has = c.sql.exists(inner.sql, y, scalarEquals(c, { sql: x, type: (outer.type as { of: SqlValue['type'] }).of }, { sql: y, type: (inner.type as { of: SqlValue['type'] }).of }, node));
            const quantified = name === 'intersects' ? c.sql.exists(outer.sql, x, has) : c.sql.forall(outer.sql, x, has);
            return bool(`(${c.present(a)} AND ${c.present(b)} AND ${quantified})`);
        }
        case 'matches': {
            const pattern = first ? c.value(first, scope) : NULL_VALUE;
            return bool(first ? stringTest(c, receiver, pattern, node, (s, p) => regexTest(c, s, p, node)) : 'false');
        }
        case 'regexgroup': {
            const pattern = first?.$type === 'StringLiteral' ? first.value : undefined;
            const group = second ? c.value(second, scope).constant?.value : 0;
            if (pattern === undefined || typeof group !== 'number' || !Number.isInteger(group) || group < 0 || receiver.type.kind === 'list') {
                return c.fail('.regexGroup(…)', node, 'only a string subject, a literal pattern and a literal group number are translated');
            }
            const s = stringOf(c, receiver);
            if (s === 'NULL') {
                return NULL_VALUE;
            }
            const found = regexTest(c, s, pattern, node);
            // A group that took part in the match but captured nothing is '' in both engines; RE2 also gives '' for one that did not take part.
            return { sql: c.sql.when(found, c.sql.regexGroup(s, c.sql.string(pattern), String(group)), 'NULL'), type: STRING };
        }
        default: {
            const test = STRING_TESTS[name];
            if (!test) {
                return c.fail(`the method '.${node.member}()'`, node, 'it has no SQL translation');
            }
            return bool(stringMethod(c, node, receiver, first ? c.value(first, scope) : undefined, second ? c.value(second, scope) : undefined, test));
        }
    }
}

/** `S.startsWith(T[, caseSensitive])` and the other string tests (§2.6); false when either string is null. */
function stringMethod(c: SqlCompiler, node: MemberAccess, receiver: SqlValue, argument: SqlValue | undefined, flag: SqlValue | undefined, spec: typeof STRING_TESTS[string]): string {
    if (!argument) {
        return 'false';
    }
    if (flag && !flag.constant) {
        return c.fail(`.${node.member}(…)`, node, 'only a literal case flag is translated');
    }
    const insensitive = flag?.constant?.value === false;
    return stringTest(c, receiver, argument, node, (s, arg) => {
        const t = typeof arg === 'string' ? arg : typeof arg === 'number' || typeof arg === 'boolean' ? String(arg) : null;
        if (t === null) {
            return 'false';
        }
        const subject = insensitive ? c.sql.lower(s) : s;
        const target = c.sql.string(insensitive ? t.toLowerCase() : t);
        const test = spec.test === 'equals' ? `${subject} = ${target}` : c.sql[spec.test](subject, target);
        return spec.negated ? `(NOT ${test})` : test;
    });
}
