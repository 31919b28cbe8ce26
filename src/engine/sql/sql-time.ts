/**
 * `occurs` and chain `WHEN(…)` in SQL (docs/semantics.md "occurs"). Windows whose reference is known
 * when the query is built (`now`, calendar words, `date(…)`) are computed here with the js evaluator's
 * own calendar code in the run's time zone and printed as literals, so the pinned now and the zone
 * mean exactly what they mean in-process. A reference read from the data (`Y.timestamp`) is supported
 * for units of fixed length (and days/weeks in UTC); calendar units and `=`/`!=` against such a
 * reference are translation errors.
 */
import type { AstNode } from 'langium';
import type { DirectionalTimeSpec, OccursExpression, OnTimeSpec, RelativeTimeSpec, TimeRef, TimeSpec } from '../../language/generated/ast.js';
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

type Comparator = '<' | '<=' | '>' | '>=' | '=';

/**
 * The subject of a time test: its epoch milliseconds (compared with references read from the data),
 * and its comparison with an instant known when the query is built. A native TIMESTAMP column is
 * compared as itself with a timestamp literal (bench/README.md "Data scale": DuckDB then pushes the
 * window into the Parquet scan as a range filter instead of computing `epoch_ms` of every event).
 * The instants are whole milliseconds, so `epoch ms > n` is `t >= n + 1 ms` and `epoch ms <= n` is
 * `t < n + 1 ms`: the same answers for timestamps with sub-millisecond digits.
 */
export interface TimeSubject {
    epoch: string;
    at(op: Comparator, ms: number): string;
}

/** Instants printed as timestamp literals: whole years 1–9999 (the literal's range in both dialects). */
const LITERAL_RANGE: readonly [number, number] = [new Date('0001-01-01T00:00:00.000Z').getTime(), new Date('9999-12-31T23:59:59.998Z').getTime()];

/** The subject of a time test over `value`, or undefined when it is never a time (NULL). */
export function timeSubject(c: SqlCompiler, value: SqlValue): TimeSubject | undefined {
    const epoch = epochOf(c, value);
    if (epoch === 'NULL') {
        return undefined;
    }
    const type = value.type;
    const byEpoch = (op: Comparator, ms: number): string => `${epoch} ${op} ${instant(c, ms)}`;
    if (type.kind !== 'timestamp' || value.constant) {
        return { epoch, at: byEpoch };
    }
    const t = value.sql;
    const lit = (ms: number): string => c.sql.timestamp(new Date(ms).toISOString(), type.zoned ? 'zoned' : 'naive');
    return {
        epoch,
        at: (op, ms) => {
            if (ms < LITERAL_RANGE[0] || ms > LITERAL_RANGE[1]) {
                return byEpoch(op, ms);
            }
            switch (op) {
                case '>=': return `${t} >= ${lit(ms)}`;
                case '<': return `${t} < ${lit(ms)}`;
                case '>': return `${t} >= ${lit(ms + 1)}`;
                case '<=': return `${t} < ${lit(ms + 1)}`;
                default: return `(${t} >= ${lit(ms)} AND ${t} < ${lit(ms + 1)})`;
            }
        },
    };
}

/** A reference: a constant span, or the SQL of an instant read from the data (epoch ms). */
type Ref = { span: PqlSpan | null } | { instant: string };

/** A test of a time subject (which may be NULL: comparisons with NULL are not true). */
export type TimeTest = (t: TimeSubject) => string;

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

/** `start <= t < end`, or `t = start` for an instant span. */
function within(span: PqlSpan): TimeTest {
    return span.instant ? t => `(${t.at('=', span.start)})` : t => `(${t.at('>=', span.start)} AND ${t.at('<', span.end)})`;
}

/** Compiles a time specification into a test of a time subject. */
export function compileTimeSpec(c: SqlCompiler, spec: TimeSpec, scope: SqlScope): TimeTest {
    const zone = c.env.zone;
    if (isBetweenTimeSpec(spec)) {
        const start = compileRef(c, spec.start, scope);
        const end = compileRef(c, spec.end, scope);
        if ('span' in start && !start.span || 'span' in end && !end.span) {
            return () => 'false';
        }
        const from = (t: TimeSubject): string => ('span' in start ? t.at('>=', start.span!.start) : `${t.epoch} >= ${start.instant}`);
        const upper = (t: TimeSubject): string => ('span' in end ? (end.span!.instant ? t.at('<=', end.span!.start) : t.at('<', end.span!.end)) : `${t.epoch} <= ${end.instant}`);
        return t => `(${from(t)} AND ${upper(t)})`;
    }
    const ref = compileRef(c, spec.anchor, scope);
    if ('span' in ref && !ref.span) {
        return () => 'false';
    }
    if ('span' in ref) {
        const r = ref.span!;
        if (isOnTimeSpec(spec)) {
            return within(r);
        }
        if (isDirectionalTimeSpec(spec)) {
            switch (spec.direction) {
                case 'before': return t => `(${t.at('<', r.start)})`;
                case 'after': return r.instant ? t => `(${t.at('>', r.start)})` : t => `(${t.at('>=', r.end)})`;
                default: return t => `(${t.at('>=', r.start)})`;
            }
        }
        return relative(r, spec.comparator, spec.amount, normalizeUnit(spec.unit), spec.direction, zone);
    }
    return fromData(c, spec, ref.instant);
}

/** A time specification whose reference `a` (epoch ms) is read from the data. */
function fromData(c: SqlCompiler, spec: DirectionalTimeSpec | OnTimeSpec | RelativeTimeSpec, a: string): TimeTest {
    const zone = c.env.zone;
    if (isOnTimeSpec(spec)) {
        return t => `(${t.epoch} = ${a})`;
    }
    if (isDirectionalTimeSpec(spec)) {
        const op = spec.direction === 'before' ? '<' : spec.direction === 'after' ? '>' : '>=';
        return t => `(${t.epoch} ${op} ${a})`;
    }
    const unit = normalizeUnit(spec.unit);
    const step = FIXED[unit] ?? (zone.utc && unit === 'day' ? 86_400_000 : zone.utc && unit === 'week' ? 604_800_000 : undefined);
    if (step === undefined || spec.comparator === '=' || spec.comparator === '!=') {
        return c.fail(`'occurs ${spec.comparator} ${spec.amount} ${spec.unit} ${spec.direction} …'`, spec as AstNode,
            'a reference read from the data allows only <, <=, >, >= with fixed-length units (and days or weeks in UTC)');
    }
    const n = spec.amount * step;
    const before = (e: string): string => {
        switch (spec.comparator) {
            case '<=': return `(${e} >= ${a} - ${n} AND ${e} < ${a})`;
            case '<': return `(${e} > ${a} - ${n} AND ${e} < ${a})`;
            case '>=': return `(${e} <= ${a} - ${n})`;
            default: return `(${e} < ${a} - ${n})`;
        }
    };
    const after = (e: string): string => {
        switch (spec.comparator) {
            case '<=': return `(${e} > ${a} AND ${e} <= ${a} + ${n})`;
            case '<': return `(${e} > ${a} AND ${e} < ${a} + ${n})`;
            case '>=': return `(${e} >= ${a} + ${n})`;
            default: return `(${e} > ${a} + ${n})`;
        }
    };
    if (spec.direction === 'from') {
        const inside = spec.comparator === '<' || spec.comparator === '<=';
        return t => `(${before(t.epoch)} OR ${after(t.epoch)}${inside ? ` OR ${t.epoch} = ${a}` : ''})`;
    }
    return spec.direction === 'before' ? t => before(t.epoch) : t => after(t.epoch);
}

/** `CMP N UNIT before|after|from REF` for a constant reference: the js evaluator's `relativeTest`, with literal bounds. */
function relative(span: PqlSpan, comparator: string, amount: number, unit: CalendarUnit, direction: string, zone: Parameters<typeof addUnits>[0]): TimeTest {
    if (direction === 'from') {
        const before = relative(span, comparator, amount, unit, 'before', zone);
        const after = relative(span, comparator, amount, unit, 'after', zone);
        if (comparator === '!=') {
            const beforeEq = relative(span, '=', amount, unit, 'before', zone);
            const afterEq = relative(span, '=', amount, unit, 'after', zone);
            return t => `(${t.epoch} IS NOT NULL AND NOT ${beforeEq(t)} AND NOT ${afterEq(t)})`;
        }
        const inside = comparator === '<' || comparator === '<=' || (comparator === '=' && amount === 0);
        const on = within(span);
        return inside ? t => `(${before(t)} OR ${on(t)} OR ${after(t)})` : t => `(${before(t)} OR ${after(t)})`;
    }
    if (comparator === '=' || comparator === '!=') {
        const target = addUnits(zone, span.start, unit, direction === 'before' ? -amount : amount);
        const lo = startOf(zone, target, unit);
        const hi = addUnits(zone, lo, unit, 1);
        return comparator === '=' ? t => `(${t.at('>=', lo)} AND ${t.at('<', hi)})` : t => `(${t.at('<', lo)} OR ${t.at('>=', hi)})`;
    }
    if (direction === 'before') {
        const a = span.start;
        const b = addUnits(zone, span.start, unit, -amount);
        switch (comparator) {
            case '<=': return t => `(${t.at('>=', b)} AND ${t.at('<', a)})`;
            case '<': return t => `(${t.at('>', b)} AND ${t.at('<', a)})`;
            case '>=': return t => `(${t.at('<=', b)})`;
            default: return t => `(${t.at('<', b)})`;
        }
    }
    const b = addUnits(zone, span.instant ? span.start : span.end, unit, amount);
    const afterAnchor = (t: TimeSubject): string => (span.instant ? t.at('>', span.start) : t.at('>=', span.end));
    switch (comparator) {
        case '<=': return t => `(${afterAnchor(t)} AND ${t.at('<=', b)})`;
        case '<': return t => `(${afterAnchor(t)} AND ${t.at('<', b)})`;
        case '>=': return t => `(${t.at('>=', b)})`;
        default: return t => `(${t.at('>', b)})`;
    }
}

/** `T occurs …`: a missing or non-date subject never occurs; a list occurs when some element does. */
export function compileOccurs(c: SqlCompiler, node: OccursExpression, scope: SqlScope): string {
    const subject = c.value(node.subject, scope);
    const test = compileTimeSpec(c, node.time, scope);
    if (subject.type.kind === 'list') {
        const v = c.fresh();
        const t = timeSubject(c, { sql: v, type: subject.type.of });
        return t ? c.sql.exists(subject.sql, v, `coalesce(${test(t)}, false)`) : 'false';
    }
    const t = timeSubject(c, subject);
    return t ? `coalesce(${test(t)}, false)` : 'false';
}
