import { addUnits, calendarPeriod, createZone, normalizeUnit, startOf, type Zone } from '../../engine/time/segment-time.js';
import * as ast from '../generated/ast.js';

/** A half-open window `[start, end)` of instants; an open side is undefined. */
export interface TimeWindow {
    start?: number;
    end?: number;
}

/**
 * The concrete window an `occurs` time specification denotes for a given "now" (reference §2.9
 * proposed semantics), for hover. Uses the evaluator's calendar arithmetic (src/engine/segment-time.ts),
 * so hover and evaluation agree. Undefined when the window depends on data (`after Y.timestamp`).
 */
export function timeWindow(spec: ast.TimeSpec, now: number, zoneName?: string): TimeWindow | undefined {
    const zone = createZone(zoneName);
    if (ast.isBetweenTimeSpec(spec)) {
        const start = anchor(spec.start, now, zone);
        const end = anchor(spec.end, now, zone);
        return start && end ? { start: start[0], end: end[1] } : undefined;
    }
    const interval = anchor(spec.anchor, now, zone);
    if (!interval) {
        return undefined;
    }
    const [s, e] = interval;
    if (ast.isOnTimeSpec(spec)) {
        return { start: s, end: e };
    }
    if (ast.isDirectionalTimeSpec(spec)) {
        return spec.direction === 'before' ? { end: s } : { start: e };
    }
    const unit = normalizeUnit(spec.unit);
    if (spec.direction === 'before') {
        const edge = addUnits(zone, s, unit, -spec.amount);
        switch (spec.comparator) {
            case '<': case '<=': return { start: edge, end: s };
            case '>': case '>=': return { end: edge };
            case '=': return { start: startOf(zone, edge, unit), end: addUnits(zone, startOf(zone, edge, unit), unit, 1) };
            default: return undefined;
        }
    }
    const edge = addUnits(zone, e, unit, spec.amount);
    switch (spec.comparator) {
        case '<': case '<=': return { start: e, end: edge };
        case '>': case '>=': return { start: edge };
        case '=': return { start: startOf(zone, edge, unit), end: addUnits(zone, startOf(zone, edge, unit), unit, 1) };
        default: return undefined;
    }
}

function anchor(ref: ast.TimeRef, now: number, zone: Zone): [number, number] | undefined {
    if (!ast.isCalendarRef(ref)) {
        return undefined;
    }
    if (ref.word) {
        if (ref.word === 'now') {
            return [now, now];
        }
        const today = startOf(zone, now, 'day');
        const shift = ref.word === 'yesterday' ? -1 : ref.word === 'tomorrow' ? 1 : 0;
        const start = addUnits(zone, today, 'day', shift);
        return [start, addUnits(zone, start, 'day', 1)];
    }
    return ref.period && ref.unit ? calendarPeriod(zone, now, ref.period, normalizeUnit(ref.unit)) : undefined;
}

/** `2026-11-23T12:00Z` (seconds shown only when not zero). */
export function formatInstant(ms: number): string {
    const iso = new Date(ms).toISOString();
    return iso.endsWith(':00.000Z') ? `${iso.slice(0, 16)}Z` : iso.replace('.000Z', 'Z');
}

export function formatWindow(window: TimeWindow): string {
    const start = window.start !== undefined ? formatInstant(window.start) : '−∞';
    const end = window.end !== undefined ? formatInstant(window.end) : '+∞';
    return `${start} … ${end}`;
}
