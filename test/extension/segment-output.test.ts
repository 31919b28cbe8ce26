import { describe, expect, test } from 'vitest';
import { formatRunSummary } from '../../src/extension/segment-output.js';

describe('formatRunSummary', () => {
    test('one line with counts, percentage, now and duration', () => {
        expect(formatRunSummary({ segment: 'sneaker_abandoners', matched: 37, total: 520, now: '2026-11-01T12:00:00.000Z', elapsedMs: 41, skipped: 0 }))
            .toBe('sneaker_abandoners: 37 / 520 profiles (7.1 %) matched at now=2026-11-01T12:00:00Z in 41 ms');
    });

    test('keeps milliseconds that are not zero, reports skipped lines and an empty dataset as 0 %', () => {
        expect(formatRunSummary({ segment: 'a', matched: 0, total: 0, now: '2026-11-01T12:00:00.250Z', elapsedMs: 1, skipped: 2 }))
            .toBe('a: 0 / 0 profiles (0.0 %) matched at now=2026-11-01T12:00:00.250Z in 1 ms (2 invalid line(s) skipped)');
    });
});
