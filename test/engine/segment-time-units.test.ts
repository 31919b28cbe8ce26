/**
 * `addUnits` (segment-time.ts) in UTC moves days and weeks by fixed durations; it must give exactly what
 * the wall-clock arithmetic gives (the reference below: read the UTC fields, move the day, rebuild). An
 * `occurs` window anchored on a value read per profile is rebuilt whenever that value changes.
 */
import { describe, expect, test } from 'vitest';
import { parseInstant } from '../../src/engine/data/segment-run-inputs.js';
import { addUnits, createZone, daysInMonth } from '../../src/engine/time/segment-time.js';
import { holds } from './engine-helpers.js';

const utc = createZone('UTC');

/** The wall-clock move in UTC, as `addUnits` does it for other zones (`toWall`, then `fromWall`). */
function wallClockMove(ms: number, days: number): number {
    const w = new Date(ms);
    const d = new Date(0);
    d.setUTCFullYear(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + days);
    d.setUTCHours(w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
    return d.getTime();
}

describe('days and weeks in UTC', () => {
    test('agree with the wall-clock arithmetic, at the edges of the Date range too', () => {
        const instants = [0, 1, -1, Date.parse('2026-11-01T12:00:00.123Z'), Date.parse('2024-02-29T23:59:59.999Z'),
            Date.parse('1969-12-31T00:00:00Z'), -62_135_596_800_000, 8.64e15, -8.64e15, 8.64e15 - 86_400_000, 1.5, Number.NaN];
        for (const ms of instants) {
            for (const n of [0, 1, -1, 7, -30, 365, 100_000, 0.5, -2.5]) {
                expect(addUnits(utc, ms, 'day', n), `${ms} + ${n} days`).toBe(wallClockMove(ms, n));
                expect(addUnits(utc, ms, 'week', n), `${ms} + ${n} weeks`).toBe(wallClockMove(ms, 7 * n));
            }
        }
    });
});

describe('days in a month', () => {
    test('years 0–99 are not read as 1900–1999: year 0 is leap (divisible by 400), 1900 is not', () => {
        expect([daysInMonth(0, 2), daysInMonth(1900, 2), daysInMonth(4, 2), daysInMonth(99, 2), daysInMonth(2024, 2), daysInMonth(2026, 12)])
            .toEqual([29, 28, 29, 28, 29, 31]);
        expect(addUnits(utc, Date.parse('0000-01-31T00:00:00Z'), 'month', 1)).toBe(Date.parse('0000-02-29T00:00:00Z'));
        expect(parseInstant('0000-02-29T00:00:00Z', '--now').toISOString()).toBe('0000-02-29T00:00:00.000Z');
    });
});

describe('a time reference read from the profile', () => {
    const at = (day: number, hour = 10): string => `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
    const pairs = 'exists V from xEvent where V.eventType = "v", B from xEvent where B.eventType = "b" and B.timestamp occurs <= 1 days after V.timestamp';

    test('each anchor gives its own window, also when the test was just built for another one', async () => {
        const event = (eventType: string, timestamp: unknown) => ({ eventType, timestamp });
        // V1's window (1–2 Oct) misses B; V2's (4–5 Oct) holds it.
        expect(await holds(pairs, { xEvent: [event('v', at(1)), event('v', at(4)), event('b', at(5))] })).toBe(true);
        expect(await holds(pairs, { xEvent: [event('v', at(4)), event('v', at(1)), event('b', at(5))] })).toBe(true);
        expect(await holds(pairs, { xEvent: [event('v', at(1)), event('v', at(2, 9)), event('b', at(5))] })).toBe(false);
        // An anchor that is not a time, then one that is; the same instant written twice.
        expect(await holds(pairs, { xEvent: [event('v', 'soon'), event('v', at(4)), event('b', at(5))] })).toBe(true);
        expect(await holds(pairs, { xEvent: [event('v', at(4)), event('v', 'soon'), event('b', at(6))] })).toBe(false);
        expect(await holds(pairs, { xEvent: [event('v', Date.parse(at(4))), event('v', at(4)), event('b', at(5))] })).toBe(true);
        expect(await holds(pairs, { xEvent: [event('v', Number.NaN), event('b', at(5))] })).toBe(false);
    });
});
