/**
 * `addUnits` (segment-time.ts) in UTC moves days and weeks by fixed durations; it must give exactly what
 * the wall-clock arithmetic gives (the reference below: read the UTC fields, move the day, rebuild).
 */
import { describe, expect, test } from 'vitest';
import { addUnits, createZone } from '../../src/engine/time/segment-time.js';

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
