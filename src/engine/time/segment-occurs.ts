/**
 * `T occurs …` and chain `WHEN(…)` (§2.9, proposed formal semantics, docs/semantics.md "occurs").
 * Each reference denotes `[s, e)`: `now` and timestamps are instants, `today`/`last month`/`date(…)` are
 * intervals. Anchors known when the run starts (`now`, calendar words, constant `date(…)`) are turned
 * into plain numeric bounds here, so a compiled test is one or two comparisons.
 */
import type { CalendarRef, TimeRef, TimeSpec } from '../../language/generated/ast.js';
import { isBetweenTimeSpec, isCalendarRef, isDirectionalTimeSpec, isOnTimeSpec } from '../../language/generated/ast.js';
import { constantOf, type Ctx, type Fn } from '../compile/segment-closures.js';
import { addUnits, calendarPeriod, normalizeUnit, startOf, type CalendarUnit, type Zone } from './segment-time.js';
import { PqlSpan, toEpoch } from '../runtime/segment-values.js';

/** A test of an epoch-ms timestamp. */
export type TimeTest = (t: number, c: Ctx) => boolean;

/** What the occurs compiler needs from the run. */
export interface TimeEnvironment {
    now: number;
    zone: Zone;
    /** Compiles an expression used as a reference (`date(…)`, `Y.timestamp`) in the current scope. */
    expression: (ref: TimeRef) => Fn;
}

type SpanOf = (c: Ctx) => PqlSpan | null;

/** A time reference: its span when known at compile time (null: not a time), else the value it reads. */
interface CompiledRef {
    constant?: PqlSpan | null;
    span: SpanOf;
    /** The reference's value (a timestamp, a span …) for a reference read per profile. */
    value?: Fn;
}

/** The span a calendar word denotes at `now`. */
export function calendarSpan(ref: CalendarRef, env: Pick<TimeEnvironment, 'now' | 'zone'>): PqlSpan {
    const { now, zone } = env;
    if (ref.period) {
        const [s, e] = calendarPeriod(zone, now, ref.period, normalizeUnit(ref.unit ?? 'day'));
        return new PqlSpan(s, e);
    }
    if (ref.word === 'now') {
        return new PqlSpan(now, now, true);
    }
    const shift = ref.word === 'yesterday' ? -1 : ref.word === 'tomorrow' ? 1 : 0;
    const start = addUnits(zone, startOf(zone, now, 'day'), 'day', shift);
    return new PqlSpan(start, addUnits(zone, start, 'day', 1));
}

/** A value used as a time reference: spans stay, timestamps become instants, anything else null. */
export function toSpan(value: unknown): PqlSpan | null {
    if (value instanceof PqlSpan) {
        return value;
    }
    const t = toEpoch(value);
    return t === null ? null : new PqlSpan(t, t, true);
}

function compileRef(ref: TimeRef, env: TimeEnvironment): CompiledRef {
    if (isCalendarRef(ref)) {
        const span = calendarSpan(ref, env);
        return { constant: span, span: () => span };
    }
    const fn = env.expression(ref);
    const known = constantOf(fn);
    if (known) {
        const span = toSpan(known.value);
        return { constant: span, span: () => span };
    }
    return { span: c => toSpan(fn(c)), value: fn };
}

/** Compiles a time specification into a test of a timestamp. */
export function compileTimeSpec(spec: TimeSpec, env: TimeEnvironment): TimeTest {
    if (isOnTimeSpec(spec)) {
        return withSpan(compileRef(spec.anchor, env), r => t => (r.instant ? t === r.start : t >= r.start && t < r.end));
    }
    if (isDirectionalTimeSpec(spec)) {
        return withSpan(compileRef(spec.anchor, env), r => {
            switch (spec.direction) {
                case 'before': return t => t < r.start;
                case 'after': return r.instant ? t => t > r.start : t => t >= r.end;
                // `from REF`: from the start of REF onwards, inclusive ([I], docs/semantics.md).
                default: return t => t >= r.start;
            }
        });
    }
    if (isBetweenTimeSpec(spec)) {
        // Inclusive of both ends ([L]): from the start of the first to the end of the second.
        const start = compileRef(spec.start, env);
        const end = compileRef(spec.end, env);
        if (start.constant !== undefined && end.constant !== undefined) {
            const s = start.constant;
            const e = end.constant;
            return s && e ? betweenTest(s, e) : () => false;
        }
        return (t, c) => {
            const s = start.span(c);
            const e = end.span(c);
            return s !== null && e !== null && betweenTest(s, e)(t, c);
        };
    }
    const unit = normalizeUnit(spec.unit);
    const amount = spec.amount;
    const comparator = spec.comparator;
    const direction = spec.direction;
    return withSpan(compileRef(spec.anchor, env), r => relativeTest(r, comparator, amount, unit, direction, env.zone));
}

function betweenTest(s: PqlSpan, e: PqlSpan): TimeTest {
    const from = s.start;
    return e.instant ? t => t >= from && t <= e.start : t => t >= from && t < e.end;
}

/**
 * Builds the test once for a constant reference; for a profile-dependent one, again whenever the value
 * it reads changes (`B.timestamp occurs <= 7 days after V.timestamp` tests every B against one V in a
 * row). A value that makes a span is a string, a number or a span, none of which can change in place.
 */
function withSpan(ref: CompiledRef, build: (r: PqlSpan) => TimeTest): TimeTest {
    if (ref.constant !== undefined) {
        return ref.constant ? build(ref.constant) : () => false;
    }
    const value = ref.value;
    if (!value) {
        return (t, c) => {
            const r = ref.span(c);
            return r !== null && build(r)(t, c);
        };
    }
    let last: unknown = NOT_READ;
    let test: TimeTest | null = null;
    return (t, c) => {
        const v = value(c);
        if (v !== last) {
            const r = toSpan(v);
            test = r === null ? null : build(r);
            last = v;
        }
        return test !== null && test(t, c);
    };
}

/** A value no reference reads, so that the first read builds the test. */
const NOT_READ = Symbol('not read');

/**
 * `CMP N UNIT before|after|from REF`. Before: anchor a = s, T < a, and `a − T` compared with N units
 * (`<=` ⇒ T ≥ a − N·U). After mirrors it from a = e (an instant's t). `=` means the calendar UNIT
 * bucket that contains s ∓ N·U (`= 1 day after today` is tomorrow); `!=` its complement. `from` is either direction ([I]).
 */
function relativeTest(r: PqlSpan, comparator: string, amount: number, unit: CalendarUnit, direction: string, zone: Zone): TimeTest {
    if (direction === 'from') {
        const before = relativeTest(r, comparator, amount, unit, 'before', zone);
        const after = relativeTest(r, comparator, amount, unit, 'after', zone);
        if (comparator === '!=') {
            const beforeEq = relativeTest(r, '=', amount, unit, 'before', zone);
            const afterEq = relativeTest(r, '=', amount, unit, 'after', zone);
            return (t, c) => !beforeEq(t, c) && !afterEq(t, c);
        }
        const inside = comparator === '<' || comparator === '<=' || (comparator === '=' && amount === 0);
        const on: TimeTest = r.instant ? t => t === r.start : t => t >= r.start && t < r.end;
        return inside ? (t, c) => before(t, c) || on(t, c) || after(t, c) : (t, c) => before(t, c) || after(t, c);
    }
    if (comparator === '=' || comparator === '!=') {
        // Buckets count calendar units from the reference's start either way: `= 1 day after today` is tomorrow.
        const target = addUnits(zone, r.start, unit, direction === 'before' ? -amount : amount);
        const lo = startOf(zone, target, unit);
        const hi = addUnits(zone, lo, unit, 1);
        return comparator === '=' ? t => t >= lo && t < hi : t => t < lo || t >= hi;
    }
    if (direction === 'before') {
        const a = r.start;
        const b = addUnits(zone, a, unit, -amount);
        switch (comparator) {
            case '<=': return t => t >= b && t < a;
            case '<': return t => t > b && t < a;
            case '>=': return t => t <= b;
            default: return t => t < b;
        }
    }
    const a = r.instant ? r.start : r.end;
    const b = addUnits(zone, a, unit, amount);
    const afterAnchor: (t: number) => boolean = r.instant ? t => t > a : t => t >= a;
    switch (comparator) {
        case '<=': return t => afterAnchor(t) && t <= b;
        case '<': return t => afterAnchor(t) && t < b;
        case '>=': return t => t >= b;
        default: return t => t > b;
    }
}
