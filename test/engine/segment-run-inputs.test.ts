import { describe, expect, test } from 'vitest';
import { parseInstant, resolveNow, resolveSample, resolveTimeZone, RunInputError } from '../../src/engine/data/segment-run-inputs.js';

const CLOCK = new Date('2030-01-01T00:00:00Z');
const DECLARED = new Date('2026-11-01T12:00:00Z');

describe('run inputs precedence', () => {
    test('sample: setting, then segment.config.json, then the bundled dataset', () => {
        expect(resolveSample({ samplePath: '/a.jsonl' }, { sample: '/b.jsonl' }, '/bundled.jsonl')).toEqual({ path: '/a.jsonl', source: 'setting' });
        expect(resolveSample({}, { sample: '/b.jsonl' }, '/bundled.jsonl')).toEqual({ path: '/b.jsonl', source: 'config' });
        expect(resolveSample({}, undefined, '/bundled.jsonl')).toEqual({ path: '/bundled.jsonl', source: 'bundled' });
    });

    test('now: setting, then config, then the dataset\'s declared now, then the clock', () => {
        const declared = '2026-11-01T12:00:00Z';
        expect(resolveNow({ now: '2026-01-02T03:04:05Z' }, { now: '2025-01-01T00:00:00Z' }, declared, () => CLOCK))
            .toEqual({ now: new Date('2026-01-02T03:04:05Z'), source: 'setting' });
        expect(resolveNow({}, { now: '2025-01-01T00:00:00Z' }, declared, () => CLOCK)).toEqual({ now: new Date('2025-01-01T00:00:00Z'), source: 'config' });
        expect(resolveNow({}, {}, declared, () => CLOCK)).toEqual({ now: DECLARED, source: 'dataset' });
        expect(resolveNow({}, undefined, undefined, () => CLOCK)).toEqual({ now: CLOCK, source: 'clock' });
    });

    test('a value that loses is not even parsed; an invalid winner is refused naming its origin', () => {
        expect(resolveNow({ now: '2026-01-02T03:04:05Z' }, { now: 'garbage' }, 'garbage', () => CLOCK).source).toBe('setting');
        expect(() => resolveNow({}, { now: 'soon' }, undefined, () => CLOCK)).toThrow(/'soon' in `now` in segment.config.json/u);
        expect(() => resolveNow({}, undefined, 'yesterday', () => CLOCK)).toThrow(/'yesterday' in the dataset's `\$meta.now`/u);
    });

    test('time zone: setting, then config, then UTC; unknown zones are refused with their origin', () => {
        expect(resolveTimeZone({ timeZone: 'Europe/Paris' }, { timeZone: 'Asia/Tokyo' })).toBe('Europe/Paris');
        expect(resolveTimeZone({}, { timeZone: 'Asia/Tokyo' })).toBe('Asia/Tokyo');
        expect(resolveTimeZone({}, {}, 'America/New_York')).toBe('America/New_York');
        expect(resolveTimeZone({}, undefined)).toBe('UTC');
        expect(() => resolveTimeZone({ timeZone: 'Mars/Olympus' }, undefined)).toThrow(/Unknown time zone 'Mars\/Olympus' in the segment.timeZone setting/u);
    });
});

describe('parseInstant', () => {
    test('reads instants with and without offset (UTC) and plain dates', () => {
        expect(parseInstant('2026-11-01T12:00:00Z', 'x').toISOString()).toBe('2026-11-01T12:00:00.000Z');
        expect(parseInstant('2026-11-01T14:00:00+02:00', 'x').toISOString()).toBe('2026-11-01T12:00:00.000Z');
        expect(parseInstant('2026-11-01T12:00', 'x').toISOString()).toBe('2026-11-01T12:00:00.000Z');
        expect(parseInstant('2026-11-01', 'x').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    });

    test('refuses anything else, naming where it came from', () => {
        expect(() => parseInstant('next tuesday', 'the segment.now setting')).toThrow(RunInputError);
        expect(() => parseInstant('next tuesday', 'the segment.now setting')).toThrow(/'next tuesday' in the segment.now setting is not an ISO-8601 instant/u);
        expect(() => parseInstant('2026-13-45T00:00:00Z', 'x')).toThrow(RunInputError);
        // Date would roll these over into the next month.
        expect(() => parseInstant('2026-02-30T00:00:00Z', 'x')).toThrow(RunInputError);
        expect(() => parseInstant('2026-04-31', 'x')).toThrow(RunInputError);
        expect(parseInstant('2028-02-29', 'x').toISOString()).toBe('2028-02-29T00:00:00.000Z');
    });
});
