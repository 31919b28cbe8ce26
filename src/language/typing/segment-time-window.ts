import { addUnits, calendarPeriod, createZone, normalizeUnit, startOf, toWall, type Zone } from '../../engine/time/segment-time.js';
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

/** `2026-11-23 12:00` as read on a wall clock in `zone` (seconds shown only when not zero). */
export function formatWallTime(ms: number, zone: Zone): string {
    const wall = toWall(zone, ms);
    const two = (n: number): string => String(n).padStart(2, '0');
    const seconds = wall.second !== 0 || wall.millisecond !== 0 ? `:${two(wall.second)}${wall.millisecond ? `.${String(wall.millisecond).padStart(3, '0')}` : ''}` : '';
    return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)}${seconds}`;
}

/** `2026-10-05 00:00 → 2026-11-04 00:00 (UTC)`: wall times in the run's zone, an open side as `…`. */
export function formatWindow(window: TimeWindow, zoneName?: string): string {
    const zone = createZone(zoneName);
    const start = window.start !== undefined ? formatWallTime(window.start, zone) : '…';
    const end = window.end !== undefined ? formatWallTime(window.end, zone) : '…';
    return `${start} → ${end} (${zone.name})`;
}
