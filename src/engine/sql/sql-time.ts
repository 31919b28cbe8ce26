/**
 * `occurs` and chain `WHEN(…)` in SQL (docs/semantics.md "occurs"). Windows whose reference is known
 * when the query is built (`now`, calendar words, `date(…)`) are computed here with the js evaluator's
 * own calendar code in the run's time zone and printed as epoch-millisecond literals, so the pinned
 * now and the zone mean exactly what they mean in-process. A reference read from the data
 * (`Y.timestamp`) is supported for units of fixed length (and days/weeks in UTC); calendar units and
 * `=`/`!=` against such a reference are translation errors.
 */
import type { AstNode } from 'langium';
import type { OccursExpression, TimeRef, TimeSpec } from '../../language/generated/ast.js';
import { isBetweenTimeSpec, isCalendarRef, isDirectionalTimeSpec, isOnTimeSpec } from '../../language/generated/ast.js';
import { calendarSpan } from '../time/segment-occurs.js';
import { addUnits, normalizeUnit, startOf, type CalendarUnit } from '../time/segment-time.js';
import { PqlSpan, toEpoch } from '../runtime/segment-values.js';
import type { SqlCompiler } from './sql-compiler.js';
import type { SqlScope, SqlValue } from './sql-values.js';

/** `toEpoch` in SQL: epoch-ms numbers, ISO-8601 strings (`YYYY-` first, at least 10 characters), native timestamps; else NULL. */
export function epochOf(c: SqlCompiler, value: SqlValue): string {
    const sql = c.sql;
    if (value.constant) {
        const t = toEpoch(value.constant.value);
        return t === null ? 'NULL' : String(t);
    }
    const text = (s: string): string => sql.when(`${sql.stringLength(s)} >= 10 AND ${sql.textAt(s, '5')} = '-'`, sql.epochOfText(s), 'NULL');
    switch (value.type.kind) {
        case 'number': return value.sql;
        case 'string': return text(value.sql);
        case 'timestamp': return sql.epochOfTimestamp(value.sql);
        case 'json': {
            const type = sql.jsonType(value.sql);
            const raw = sql.jsonText(value.sql);
            return `CASE WHEN ${type} = 'VARCHAR' THEN ${text(raw)} WHEN ${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN ${sql.tryDouble(raw)} END`;
        }
        default: return 'NULL';
    }
}

/** A reference: a constant span, or the SQL of an instant read from the data. */
type Ref = { span: PqlSpan | null } | { instant: string };

/** A test of an epoch-ms SQL expression `t` (which may be NULL: comparisons with NULL are not true). */
export type TimeTest = (t: string) => string;

function compileRef(c: SqlCompiler, ref: TimeRef, scope: SqlScope): Ref {
    if (isCalendarRef(ref)) {
        return { span: calendarSpan(ref, c.env) };
    }
    const value = c.value(ref.expression, scope);
    if (value.constant) {
        const v = value.constant.value;
        const t = v instanceof PqlSpan ? v : toEpoch(v);
        return { span: t === null ? null : t instanceof PqlSpan ? t : new PqlSpan(t, t, true) };
    }
    return { instant: epochOf(c, value) };
}

const FIXED: Partial<Record<CalendarUnit, number>> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

/** An instant as the dialect prints it (epoch ms; Spark shows the timestamp). */
function instant(c: SqlCompiler, ms: number): string {
    return c.sql.instant(String(ms), new Date(ms).toISOString());
}

/** A constant span with its bounds printed. */
function at(c: SqlCompiler, span: PqlSpan): { start: string; end: string; instant: boolean } {
    return { start: instant(c, span.start), end: instant(c, span.end), instant: span.instant };
}

/** Compiles a time specification into a test of an epoch-ms expression. */
export function compileTimeSpec(c: SqlCompiler, spec: TimeSpec, scope: SqlScope): TimeTest {
    const zone = c.env.zone;
    if (isBetweenTimeSpec(spec)) {
        const start = compileRef(c, spec.start, scope);
        const end = compileRef(c, spec.end, scope);
        if ('span' in start && !start.span || 'span' in end && !end.span) {
            return () => 'false';
        }
        const from = 'span' in start ? instant(c, start.span!.start) : start.instant;
        const upper = 'span' in end ? (end.span!.instant ? `<= ${instant(c, end.span!.start)}` : `< ${instant(c, end.span!.end)}`) : `<= ${end.instant}`;
        return t => `(${t} >= ${from} AND ${t} ${upper})`;
    }
    const ref = compileRef(c, spec.anchor, scope);
    if ('span' in ref && !ref.span) {
        return () => 'false';
    }
    if ('span' in ref) {
        const r = at(c, ref.span!);
        if (isOnTimeSpec(spec)) {
            return r.instant ? t => `(${t} = ${r.start})` : t => `(${t} >= ${r.start} AND ${t} < ${r.end})`;
        }
        if (isDirectionalTimeSpec(spec)) {
            switch (spec.direction) {
                case 'before': return t => `(${t} < ${r.start})`;
                case 'after': return r.instant ? t => `(${t} > ${r.start})` : t => `(${t} >= ${r.end})`;
                default: return t => `(${t} >= ${r.start})`;
            }
        }
        return relative(c, ref.span!, spec.comparator, spec.amount, normalizeUnit(spec.unit), spec.direction, zone);
    }
    const a = ref.instant;
    if (isOnTimeSpec(spec)) {
        return t => `(${t} = ${a})`;
    }
    if (isDirectionalTimeSpec(spec)) {
        const op = spec.direction === 'before' ? '<' : spec.direction === 'after' ? '>' : '>=';
        return t => `(${t} ${op} ${a})`;
    }
    const unit = normalizeUnit(spec.unit);
    const step = FIXED[unit] ?? (zone.utc && unit === 'day' ? 86_400_000 : zone.utc && unit === 'week' ? 604_800_000 : undefined);
    if (step === undefined || spec.comparator === '=' || spec.comparator === '!=') {
        return c.fail(`'occurs ${spec.comparator} ${spec.amount} ${spec.unit} ${spec.direction} …'`, spec as AstNode,
            'a reference read from the data allows only <, <=, >, >= with fixed-length units (and days or weeks in UTC)');
    }
    const n = spec.amount * step;
    const before: TimeTest = t => {
        switch (spec.comparator) {
            case '<=': return `(${t} >= ${a} - ${n} AND ${t} < ${a})`;
            case '<': return `(${t} > ${a} - ${n} AND ${t} < ${a})`;
            case '>=': return `(${t} <= ${a} - ${n})`;
            default: return `(${t} < ${a} - ${n})`;
        }
    };
    const after: TimeTest = t => {
        switch (spec.comparator) {
            case '<=': return `(${t} > ${a} AND ${t} <= ${a} + ${n})`;
            case '<': return `(${t} > ${a} AND ${t} < ${a} + ${n})`;
            case '>=': return `(${t} >= ${a} + ${n})`;
            default: return `(${t} > ${a} + ${n})`;
        }
    };
    if (spec.direction === 'from') {
        const inside = spec.comparator === '<' || spec.comparator === '<=';
        return t => `(${before(t)} OR ${after(t)}${inside ? ` OR ${t} = ${a}` : ''})`;
    }
    return spec.direction === 'before' ? before : after;
}

/** `CMP N UNIT before|after|from REF` for a constant reference: the js evaluator's `relativeTest`, with literal bounds. */
function relative(c: SqlCompiler, span: PqlSpan, comparator: string, amount: number, unit: CalendarUnit, direction: string, zone: Parameters<typeof addUnits>[0]): TimeTest {
    const r = at(c, span);
    const lit = (ms: number): string => instant(c, ms);
    if (direction === 'from') {
        const before = relative(c, span, comparator, amount, unit, 'before', zone);
        const after = relative(c, span, comparator, amount, unit, 'after', zone);
        if (comparator === '!=') {
            const beforeEq = relative(c, span, '=', amount, unit, 'before', zone);
            const afterEq = relative(c, span, '=', amount, unit, 'after', zone);
            return t => `(${t} IS NOT NULL AND NOT ${beforeEq(t)} AND NOT ${afterEq(t)})`;
        }
        const inside = comparator === '<' || comparator === '<=' || (comparator === '=' && amount === 0);
        const on: TimeTest = r.instant ? t => `${t} = ${r.start}` : t => `(${t} >= ${r.start} AND ${t} < ${r.end})`;
        return inside ? t => `(${before(t)} OR ${on(t)} OR ${after(t)})` : t => `(${before(t)} OR ${after(t)})`;
    }
    if (comparator === '=' || comparator === '!=') {
        const target = addUnits(zone, span.start, unit, direction === 'before' ? -amount : amount);
        const lo0 = startOf(zone, target, unit);
        const [lo, hi] = [lit(lo0), lit(addUnits(zone, lo0, unit, 1))];
        return comparator === '=' ? t => `(${t} >= ${lo} AND ${t} < ${hi})` : t => `(${t} < ${lo} OR ${t} >= ${hi})`;
    }
    if (direction === 'before') {
        const a = r.start;
        const b = lit(addUnits(zone, span.start, unit, -amount));
        switch (comparator) {
            case '<=': return t => `(${t} >= ${b} AND ${t} < ${a})`;
            case '<': return t => `(${t} > ${b} AND ${t} < ${a})`;
            case '>=': return t => `(${t} <= ${b})`;
            default: return t => `(${t} < ${b})`;
        }
    }
    const a = r.instant ? r.start : r.end;
    const b = lit(addUnits(zone, span.instant ? span.start : span.end, unit, amount));
    const afterAnchor = r.instant ? `> ${a}` : `>= ${a}`;
    switch (comparator) {
        case '<=': return t => `(${t} ${afterAnchor} AND ${t} <= ${b})`;
        case '<': return t => `(${t} ${afterAnchor} AND ${t} < ${b})`;
        case '>=': return t => `(${t} >= ${b})`;
        default: return t => `(${t} > ${b})`;
    }
}

/** `T occurs …`: a missing or non-date subject never occurs; a list occurs when some element does. */
export function compileOccurs(c: SqlCompiler, node: OccursExpression, scope: SqlScope): string {
    const subject = c.value(node.subject, scope);
    const test = compileTimeSpec(c, node.time, scope);
    if (subject.type.kind === 'list') {
        const v = c.fresh();
        return c.sql.exists(subject.sql, v, `coalesce(${test(epochOf(c, { sql: v, type: subject.type.of }))}, false)`);
    }
    const t = epochOf(c, subject);
    return t === 'NULL' ? 'false' : `coalesce(${test(t)}, false)`;
}
