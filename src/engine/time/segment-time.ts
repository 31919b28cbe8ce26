/**
 * Calendar arithmetic in UTC or an IANA time zone. Calendar words (`today`, `last month`), `date(…)`
 * and `getMonth()` use the run's zone; the default is UTC as in the reference (§2.9). Days and longer
 * units move the wall clock (a day is 23 h across a DST change); hours and shorter are fixed durations.
 */

export type CalendarUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year' | 'decade' | 'century' | 'millennium';

const UNIT_NAMES: Record<string, CalendarUnit> = {
    millisecond: 'millisecond', milliseconds: 'millisecond', second: 'second', seconds: 'second',
    minute: 'minute', minutes: 'minute', hour: 'hour', hours: 'hour', day: 'day', days: 'day',
    week: 'week', weeks: 'week', month: 'month', months: 'month', year: 'year', years: 'year',
    decade: 'decade', decades: 'decade', century: 'century', centuries: 'century',
    millennium: 'millennium', millenium: 'millennium', millennia: 'millennium',
};

const MONTHS_PER_UNIT: Record<CalendarUnit, number> = {
    millisecond: 0, second: 0, minute: 0, hour: 0, day: 0, week: 0, month: 1, year: 12, decade: 120, century: 1200, millennium: 12000,
};

const DAY_MS = 86_400_000;
/** The largest |epoch ms| a Date holds. */
const MAX_DATE_MS = 8.64e15;

const FIXED_MS: Partial<Record<CalendarUnit, number>> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

/** The singular unit for any spelling the grammar accepts (`days`, `millenium`, `centuries`). */
export function normalizeUnit(unit: string): CalendarUnit {
    return UNIT_NAMES[unit.toLowerCase()] ?? 'day';
}

/** A time zone; `utc` short-cuts every conversion. */
export interface Zone {
    readonly name: string;
    readonly utc: boolean;
    readonly format?: Intl.DateTimeFormat;
}

/** A wall-clock reading in a zone; month is 1–12, weekday 1 (Monday) – 7 (Sunday). */
export interface WallTime {
    year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number; weekday: number;
}

/** Creates a zone; throws a RangeError naming the zone when Intl does not know it. */
export function createZone(name?: string): Zone {
    if (!name || name === 'UTC' || name === 'Etc/UTC' || name === 'Z') {
        return { name: 'UTC', utc: true };
    }
    try {
        const format = new Intl.DateTimeFormat('en-US', {
            timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
            hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
        });
        return { name: format.resolvedOptions().timeZone, utc: false, format };
    } catch {
        throw new RangeError(`Unknown time zone '${name}'.`);
    }
}

/** Local time minus UTC, in ms, at instant `ms`. */
export function offsetAt(zone: Zone, ms: number): number {
    if (zone.utc || !zone.format) {
        return 0;
    }
    const fields: Record<string, number> = {};
    let beforeChrist = false;
    for (const part of zone.format.formatToParts(ms)) {
        if (part.type === 'era') {
            beforeChrist = part.value === 'BC';
        } else if (part.type !== 'literal') {
            fields[part.type] = Number(part.value);
        }
    }
    // Intl counts years before 1 as 1 BC, 2 BC…
    const wall = utcInstant(beforeChrist ? 1 - fields.year : fields.year, fields.month, fields.day, fields.hour % 24, fields.minute, fields.second);
    return wall - (ms - mod(ms, 1000));
}

export function toWall(zone: Zone, ms: number): WallTime {
    const d = new Date(ms + offsetAt(zone, ms));
    return {
        year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
        minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(), weekday: ((d.getUTCDay() + 6) % 7) + 1,
    };
}

/** The instant of a wall-clock time; out-of-range fields roll over like `Date.UTC` (day 32 → next month). */
export function fromWall(zone: Zone, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
    const guess = utcInstant(year, month, day, hour, minute, second, millisecond);
    if (zone.utc) {
        return guess;
    }
    // Two passes settle the offset except inside a DST gap, where the later offset wins.
    const first = guess - offsetAt(zone, guess);
    return guess - offsetAt(zone, first);
}

/** The start of the calendar `unit` containing `ms` (weeks start on Monday, ISO 8601). */
export function startOf(zone: Zone, ms: number, unit: CalendarUnit): number {
    const fixed = FIXED_MS[unit];
    if (fixed !== undefined && (zone.utc || unit !== 'hour')) {
        return ms - mod(ms + (fixed === 1 ? 0 : offsetAt(zone, ms)), fixed);
    }
    const w = toWall(zone, ms);
    switch (unit) {
        case 'hour': return fromWall(zone, w.year, w.month, w.day, w.hour);
        case 'day': return fromWall(zone, w.year, w.month, w.day);
        case 'week': return fromWall(zone, w.year, w.month, w.day - (w.weekday - 1));
        case 'month': return fromWall(zone, w.year, w.month, 1);
        case 'year': return fromWall(zone, w.year, 1, 1);
        case 'decade': return fromWall(zone, w.year - mod(w.year, 10), 1, 1);
        case 'century': return fromWall(zone, w.year - mod(w.year, 100), 1, 1);
        default: return fromWall(zone, w.year - mod(w.year, 1000), 1, 1);
    }
}

/** `ms` moved by `n` units; months and years clamp the day (Mar 31 − 1 month = Feb 28/29). */
export function addUnits(zone: Zone, ms: number, unit: CalendarUnit, n: number): number {
    const fixed = FIXED_MS[unit];
    if (fixed !== undefined) {
        return ms + n * fixed;
    }
    if (zone.utc && (unit === 'day' || unit === 'week')) {
        // In UTC a day is always 24 h: the wall-clock move below gives the same instant, within Date's range.
        const moved = ms + n * (unit === 'day' ? DAY_MS : 7 * DAY_MS);
        if (Number.isInteger(ms) && Number.isInteger(n) && Math.abs(ms) <= MAX_DATE_MS && Math.abs(moved) <= MAX_DATE_MS) {
            return moved;
        }
    }
    const w = toWall(zone, ms);
    const at = (year: number, month: number, day: number): number =>
        fromWall(zone, year, month, day, w.hour, w.minute, w.second, w.millisecond);
    switch (unit) {
        case 'day': return at(w.year, w.month, w.day + n);
        case 'week': return at(w.year, w.month, w.day + 7 * n);
        default: {
            const months = n * MONTHS_PER_UNIT[unit];
            const total = w.year * 12 + (w.month - 1) + months;
            const year = Math.floor(total / 12);
            const month = total - year * 12 + 1;
            return at(year, month, Math.min(w.day, daysInMonth(year, month)));
        }
    }
}

/** `[start, end)` of the calendar period `this|last|next unit` around `now`. */
export function calendarPeriod(zone: Zone, now: number, period: 'this' | 'last' | 'next', unit: CalendarUnit): [number, number] {
    const shift = period === 'this' ? 0 : period === 'last' ? -1 : 1;
    const start = addUnits(zone, startOf(zone, now, unit), unit, shift);
    return [start, addUnits(zone, start, unit, 1)];
}

/** `[start, end)` of a calendar day in the zone (`date(y, m, d)`; out-of-range parts roll over). */
export function dayRange(zone: Zone, year: number, month: number, day: number): [number, number] {
    return [fromWall(zone, year, month, day), fromWall(zone, year, month, day + 1)];
}

/** The days in `month` (1–12) of `year` (year 0 is leap, 1900 is not). */
export function daysInMonth(year: number, month: number): number {
    return new Date(utcInstant(year, month + 1, 0)).getUTCDate();
}

/**
 * The instant of a UTC wall-clock time (month 1–12); out-of-range fields roll over. Not `Date.UTC`,
 * which reads years 0–99 as 1900–1999.
 */
function utcInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, millisecond);
    return d.getTime();
}

function mod(a: number, b: number): number {
    return ((a % b) + b) % b;
}
