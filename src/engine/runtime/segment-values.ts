/**
 * Runtime values of the evaluator and the coercions of the reference (§2.0): null travels up,
 * Boolean positions coerce, comparisons need non-null operands. Profiles are plain JSON, so a
 * value is a JSON value, a `PqlSpan` (a `date(...)` day or a time word), a `Map` (groupBy) or a `MapEntry`.
 */
import { parseIsoInstant } from '../time/segment-timestamps.js';

/** A time interval `[start, end)` in epoch ms; an instant has `end === start` and `instant === true`. */
export class PqlSpan {
    constructor(readonly start: number, readonly end: number, readonly instant = false) {}
}

/** The result of `mapEntry(K, V)`; `.map(...)` returning entries builds a map. */
export class MapEntry {
    constructor(readonly key: unknown, readonly value: unknown) {}
}

/** A profile as read from a dataset: JSON with `_id` and `xEvent`. */
export type Profile = Record<string, unknown>;

/** null/undefined → false, arrays → non-empty, `false` → false, any other defined value → true (§2.0). */
export function truthy(value: unknown): boolean {
    if (value === null || value === undefined || value === false) {
        return false;
    }
    if (Array.isArray(value)) {
        return value.length > 0;
    }
    return true;
}

export function isNil(value: unknown): value is null | undefined {
    return value === null || value === undefined;
}

/** A finite number, or null: a string where a number is expected is not coerced. */
export function toNumber(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Epoch ms of a timestamp value: epoch-ms numbers, ISO-8601 strings (`2026-01-02`, `…T10:15:30+01:00`),
 * spans (their start). Other strings are not dates: `Date.parse("5")` would accept them, so demand `YYYY-`.
 * The XDM shapes are read digit by digit (segment-timestamps.ts), the rest by `Date.parse`.
 */
export function toEpoch(value: unknown): number | null {
    if (typeof value === 'number') {
        return Number.isFinite(value) ? value : null;
    }
    if (typeof value === 'string') {
        if (value.length < 10 || value.charCodeAt(4) !== 45 /* - */) {
            return null;
        }
        const fast = parseIsoInstant(value);
        const ms = fast !== null ? fast : Date.parse(value);
        if (Number.isNaN(ms)) {
            return null;
        }
        if (impossibleDay(value)) {
            // `Date.parse` rolls 2026-02-30 over to 2 March; a day the month lacks is not a date
            // (the run's data checks count such values: data/segment-data-checks.ts).
            return null;
        }
        return ms;
    }
    if (value instanceof PqlSpan) {
        return value.start;
    }
    return null;
}

/** `YYYY-MM-DD…` whose day the month does not have (29–31); read only when the day is above 28, so the common case costs two reads. */
function impossibleDay(s: string): boolean {
    const tens = s.charCodeAt(8) - 48;
    if (tens < 2 || tens > 3 || s.charCodeAt(7) !== 45) {
        return false;
    }
    const day = tens * 10 + s.charCodeAt(9) - 48;
    if (day <= 28) {
        return false;
    }
    const month = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
    const year = Number(s.slice(0, 4));
    const length = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    return day > length;
}

/** Equality of two non-null values; the right side is coerced to the left side's type when sensible (§2.2). */
export function pqlEquals(left: unknown, right: unknown): boolean {
    if (left === right) {
        return true;
    }
    switch (typeof left) {
        case 'number':
            if (typeof right === 'string' && right.trim() !== '') {
                return Number(right) === left;
            }
            return right instanceof PqlSpan ? left >= right.start && left < Math.max(right.end, right.start + 1) : false;
        case 'boolean':
            return typeof right === 'string' && (right === 'true' || right === 'false') && (right === 'true') === left;
        case 'string':
            if (typeof right === 'number' || typeof right === 'boolean') {
                return left === String(right);
            }
            if (right instanceof PqlSpan) {
                const t = toEpoch(left);
                return t !== null && t >= right.start && t < Math.max(right.end, right.start + 1);
            }
            return false;
        default:
            return deepEquals(left, right);
    }
}

function deepEquals(left: unknown, right: unknown): boolean {
    if (Array.isArray(left)) {
        // Lists compare element by element, in order (§2.2 leaves order open; [I]).
        return Array.isArray(right) && left.length === right.length && left.every((x, i) => !isNil(x) && !isNil(right[i]) && pqlEquals(x, right[i]));
    }
    if (left instanceof PqlSpan) {
        return right instanceof PqlSpan ? left.start === right.start && left.end === right.end : pqlEquals(right, left);
    }
    if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null && !Array.isArray(right)) {
        const a = left as Record<string, unknown>;
        const b = right as Record<string, unknown>;
        const keys = Object.keys(a);
        return keys.length === Object.keys(b).length && keys.every(k => Object.prototype.hasOwnProperty.call(b, k) && (a[k] === b[k] || (!isNil(a[k]) && !isNil(b[k]) && pqlEquals(a[k], b[k]))));
    }
    return false;
}

/** A sort key for topN/bottomN: numbers as they are, ISO timestamps as epoch ms. */
export function sortKey(value: unknown): number | null {
    return typeof value === 'number' ? toNumber(value) : toEpoch(value);
}

/** A JSON-safe rendering of a value for explanations: maps become objects, spans ISO ranges, long lists are cut. */
export function toJsonValue(value: unknown, depth = 0): unknown {
    if (value === undefined || value === null) {
        return null;
    }
    if (value instanceof PqlSpan) {
        return value.instant ? new Date(value.start).toISOString() : { from: new Date(value.start).toISOString(), to: new Date(value.end).toISOString() };
    }
    if (depth > 4) {
        return '…';
    }
    if (Array.isArray(value)) {
        const items = value.slice(0, 10).map(v => toJsonValue(v, depth + 1));
        return value.length > 10 ? [...items, `… ${value.length - 10} more`] : items;
    }
    if (value instanceof Map) {
        return toJsonValue(Object.fromEntries(value), depth);
    }
    if (value instanceof MapEntry) {
        return { key: toJsonValue(value.key, depth + 1), value: toJsonValue(value.value, depth + 1) };
    }
    if (typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = toJsonValue(v, depth + 1);
        }
        return out;
    }
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
