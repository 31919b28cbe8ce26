/**
 * The digit-by-digit timestamp reader of the fast path (segment-timestamps.ts) must give exactly
 * what `Date.parse` gives, or decline (null) so that `toEpoch` asks `Date.parse`.
 */
import { describe, expect, test } from 'vitest';
import { parseIsoInstant } from '../../src/engine/time/segment-timestamps.js';
import { toEpoch } from '../../src/engine/runtime/segment-values.js';

/** `toEpoch` by `Date.parse`, minus the days a month lacks (which `Date.parse` rolls over, and which are not dates). */
function reference(s: string): number | null {
    if (s.length < 10 || s.charCodeAt(4) !== 45) {
        return null;
    }
    const ms = Date.parse(s);
    const [year, month, day] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
    const last = new Date(0);
    last.setUTCFullYear(year, month, 0);
    const real = s.charCodeAt(7) !== 45 || !(day > 28) || day <= last.getUTCDate();
    return Number.isNaN(ms) || !real ? null : ms;
}

const HANDLED = [
    '2026-11-01T12:00:00Z', '2026-11-01T12:00:00.000Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z',
    // Leap days, and days the month lacks: Date.parse rolls them over (2026-02-30 is 2 March); toEpoch refuses them.
    '2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-02-31T10:00:00Z', '2026-04-31T00:00:00Z',
    '2000-02-29T12:00:00Z', '1900-02-29T12:00:00Z', '2100-02-28T23:59:59Z', '0100-03-01T00:00:00Z', '9999-12-31T23:59:59Z',
    // Fractions of any length: the first three digits count, the rest are dropped (not rounded).
    '2026-01-02T10:00:00.1Z', '2026-01-02T10:00:00.12Z', '2026-01-02T10:00:00.1239Z', '2026-01-02T10:00:00.123456789Z',
    '2026-01-02T10:00:00.99999999999999999999Z',
    // Offsets.
    '2026-01-02T10:00:00+01:00', '2026-01-02T10:00:00-01:30', '2026-01-02T00:30:00+23:59', '2026-01-02T10:00:00.5-00:00',
    '2026-01-01T00:00:00.123+05:45', '2026-12-31T23:00:00-05:00',
];

const DECLINED = [
    // Local time (depends on the zone), hour 24, years below 100, other separators and shapes.
    '2026-01-02T10:00:00', '2026-01-02T10:00:00.123', '2026-01-02T24:00:00Z', '0099-01-02T10:00:00Z', '0000-01-02T10:00:00Z',
    '2026-01-02t10:00:00z', '2026-01-02 10:00:00Z', '2026-01-02T10:00Z', '2026-01-02T10:00:00+0100', '2026-01-02T10:00:00+01',
    // Invalid: Date.parse says NaN, and so must toEpoch.
    '2026-02-32T00:00:00Z', '2026-00-10T00:00:00Z', '2026-01-00T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-02T23:59:60Z',
    '2026-01-02T23:60:00Z', '2026-01-02T10:00:00.Z', '2026-01-02T10:00:00.12a4Z', '2026-01-02T10:00:00,123Z',
    '2026-01-02T10:00:00+24:00', '2026-01-02T10:00:00+00:60', '2026-01-02T10:00:00+01:00Z', '2026-01-02T10:00:00ZZ',
    '2026-1-02T10:00:00Z', '20x6-01-02T10:00:00Z', '+002026-01-02T10:00:00Z', '2026-01-02T10:00:00.000 Z',
];

describe('fast ISO-8601 timestamps', () => {
    test.each(HANDLED)('%s: read without Date.parse, same value', s => {
        expect(parseIsoInstant(s)).toBe(Date.parse(s));
        expect(toEpoch(s)).toBe(reference(s));
    });

    test.each(DECLINED)('%s: declined, toEpoch unchanged', s => {
        expect(parseIsoInstant(s)).toBeNull();
        expect(toEpoch(s)).toBe(reference(s));
    });

    test('agrees with Date.parse on random timestamps, valid and invalid fields', () => {
        let seed = 7;
        const next = (n: number): number => {
            seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
            return seed % n;
        };
        const pad = (v: number, width: number): string => String(v).padStart(width, '0');
        for (let k = 0; k < 20_000; k++) {
            const fraction = ['', '.', `.${pad(next(1000), 3)}`, `.${next(10)}`, `.${pad(next(1_000_000), 6)}`][next(5)];
            const zone = ['Z', '', `+${pad(next(26), 2)}:${pad(next(62), 2)}`, `-${pad(next(24), 2)}:${pad(next(60), 2)}`][next(4)];
            const s = `${pad(next(10_000), 4)}-${pad(next(14), 2)}-${pad(next(33), 2)}T${pad(next(26), 2)}:${pad(next(61), 2)}:${pad(next(61), 2)}${fraction}${zone}`;
            const fast = parseIsoInstant(s);
            if (fast !== null) {
                expect(fast, s).toBe(Date.parse(s));
            }
            expect(toEpoch(s), s).toBe(reference(s));
        }
    });
});
