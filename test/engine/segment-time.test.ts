/**
 * `occurs` boundaries for every form (§2.9, docs/semantics.md "occurs"), calendar words, date
 * functions, time zones, chain (§2.14). NOW is Sunday 2026-11-01T12:00:00Z.
 */
import { describe, expect, test } from 'vitest';
import { createZone, offsetAt, toWall } from '../../src/engine/time/segment-time.js';
import { holds } from './engine-helpers.js';

const at = (t: string | number) => ({ _id: 't', t });

/** [time spec, timestamp, expected]: each spec is tested just inside and just outside its edges. */
const OCCURS: Array<[string, string, boolean]> = [
    ['<= 3 days before now', '2026-10-29T12:00:00.000Z', true], ['<= 3 days before now', '2026-10-29T11:59:59.999Z', false],
    ['<= 3 days before now', '2026-11-01T11:59:59.999Z', true], ['<= 3 days before now', '2026-11-01T12:00:00.000Z', false],
    ['< 3 days before now', '2026-10-29T12:00:00.000Z', false], ['< 3 days before now', '2026-10-29T12:00:00.001Z', true],
    ['>= 3 days before now', '2026-10-29T12:00:00.000Z', true], ['>= 3 days before now', '2026-10-29T12:00:00.001Z', false],
    ['> 3 days before now', '2026-10-29T12:00:00.000Z', false], ['> 3 days before now', '2026-10-29T11:59:59.999Z', true],
    ['= 3 days before today', '2026-10-29T00:00:00.000Z', true], ['= 3 days before today', '2026-10-29T23:59:59.999Z', true],
    ['= 3 days before today', '2026-10-30T00:00:00.000Z', false], ['= 3 days before today', '2026-10-28T23:59:59.999Z', false],
    ['!= 3 days before today', '2026-10-30T00:00:00.000Z', true], ['!= 3 days before today', '2026-10-29T05:00:00.000Z', false],
    ['= 3 hours before now', '2026-11-01T09:00:00.000Z', true], ['= 3 hours before now', '2026-11-01T09:59:59.999Z', true],
    ['= 3 hours before now', '2026-11-01T10:00:00.000Z', false], ['= 3 hours before now', '2026-11-01T08:59:59.999Z', false],
    ['<= 1 month before today', '2026-10-01T00:00:00.000Z', true], ['<= 1 month before today', '2026-09-30T23:59:59.999Z', false],
    ['<= 1 month before today', '2026-10-31T23:59:59.999Z', true], ['<= 1 month before today', '2026-11-01T00:00:00.000Z', false],
    ['<= 24 hours before now', '2026-10-31T12:00:00.000Z', true], ['<= 24 hours before now', '2026-10-31T11:59:59.999Z', false],
    ['<= 2 days after now', '2026-11-01T12:00:00.000Z', false], ['<= 2 days after now', '2026-11-01T12:00:00.001Z', true],
    ['<= 2 days after now', '2026-11-03T12:00:00.000Z', true], ['<= 2 days after now', '2026-11-03T12:00:00.001Z', false],
    ['< 2 days after now', '2026-11-03T12:00:00.000Z', false], ['< 2 days after now', '2026-11-03T11:59:59.999Z', true],
    ['>= 2 days after now', '2026-11-03T12:00:00.000Z', true], ['>= 2 days after now', '2026-11-03T11:59:59.999Z', false],
    ['> 2 days after now', '2026-11-03T12:00:00.000Z', false], ['> 2 days after now', '2026-11-03T12:00:00.001Z', true],
    ['<= 1 day after today', '2026-11-02T00:00:00.000Z', true], ['<= 1 day after today', '2026-11-01T23:59:59.999Z', false],
    ['<= 1 day after today', '2026-11-03T00:00:00.000Z', true], ['<= 1 day after today', '2026-11-03T00:00:00.001Z', false],
    ['= 1 day after today', '2026-11-02T00:00:00.000Z', true], ['= 1 day after today', '2026-11-02T23:59:59.999Z', true],
    ['= 1 day after today', '2026-11-03T00:00:00.000Z', false], ['= 1 day after today', '2026-11-01T23:59:59.999Z', false],
    ['!= 1 day after today', '2026-11-03T00:00:00.000Z', true], ['= 0 days after today', '2026-11-01T06:00:00.000Z', true],
    ['<= 1 day from now', '2026-10-31T12:00:00.000Z', true], ['<= 1 day from now', '2026-10-31T11:59:59.999Z', false],
    ['<= 1 day from now', '2026-11-01T12:00:00.000Z', true], ['<= 1 day from now', '2026-11-02T12:00:00.000Z', true],
    ['<= 1 day from now', '2026-11-02T12:00:00.001Z', false], ['> 1 day from now', '2026-10-31T11:59:59.999Z', true],
    ['> 1 day from now', '2026-11-01T12:00:00.000Z', false], ['> 1 day from now', '2026-11-02T12:00:00.001Z', true],
    ['= 1 day from today', '2026-10-31T06:00:00.000Z', true], ['= 1 day from today', '2026-11-02T06:00:00.000Z', true],
    ['= 1 day from today', '2026-11-01T06:00:00.000Z', false], ['!= 1 day from today', '2026-11-01T06:00:00.000Z', true],
    ['before today', '2026-10-31T23:59:59.999Z', true], ['before today', '2026-11-01T00:00:00.000Z', false],
    ['after today', '2026-11-02T00:00:00.000Z', true], ['after today', '2026-11-01T23:59:59.999Z', false],
    ['before now', '2026-11-01T11:59:59.999Z', true], ['before now', '2026-11-01T12:00:00.000Z', false],
    ['after now', '2026-11-01T12:00:00.000Z', false], ['after now', '2026-11-01T12:00:00.001Z', true],
    ['from today', '2026-11-01T00:00:00.000Z', true], ['from today', '2026-10-31T23:59:59.999Z', false],
    ['after date(2026, 10, 15)', '2026-10-16T00:00:00.000Z', true], ['after date(2026, 10, 15)', '2026-10-15T23:59:59.999Z', false],
    ['today', '2026-11-01T00:00:00.000Z', true], ['today', '2026-11-01T23:59:59.999Z', true], ['today', '2026-11-02T00:00:00.000Z', false],
    ['on today', '2026-10-31T23:59:59.999Z', false], ['yesterday', '2026-10-31T00:00:00.000Z', true], ['yesterday', '2026-11-01T00:00:00.000Z', false],
    ['tomorrow', '2026-11-02T00:00:00.000Z', true], ['now', '2026-11-01T12:00:00.000Z', true], ['now', '2026-11-01T12:00:00.001Z', false],
    ['on date(2026, 10, 15)', '2026-10-15T00:00:00.000Z', true], ['date(2026, 10, 15)', '2026-10-16T00:00:00.000Z', false],
    ['this month', '2026-11-01T00:00:00.000Z', true], ['this month', '2026-10-31T23:59:59.999Z', false],
    ['last month', '2026-10-01T00:00:00.000Z', true], ['last month', '2026-10-31T23:59:59.999Z', true], ['last month', '2026-09-30T23:59:59.999Z', false],
    ['next month', '2026-12-01T00:00:00.000Z', true], ['next month', '2027-01-01T00:00:00.000Z', false],
    ['this week', '2026-10-26T00:00:00.000Z', true], ['this week', '2026-10-25T23:59:59.999Z', false], ['this week', '2026-11-01T23:59:59.999Z', true],
    ['this week', '2026-11-02T00:00:00.000Z', false], ['last week', '2026-10-19T00:00:00.000Z', true], ['last week', '2026-10-26T00:00:00.000Z', false],
    ['this year', '2026-01-01T00:00:00.000Z', true], ['this year', '2025-12-31T23:59:59.999Z', false], ['last year', '2025-06-01T00:00:00.000Z', true],
    ['this hour', '2026-11-01T12:59:59.999Z', true], ['this hour', '2026-11-01T11:59:59.999Z', false], ['this decade', '2020-01-01T00:00:00.000Z', true],
    ['between date(2026, 10, 1) and date(2026, 10, 31)', '2026-10-01T00:00:00.000Z', true],
    ['between date(2026, 10, 1) and date(2026, 10, 31)', '2026-10-31T23:59:59.999Z', true],
    ['between date(2026, 10, 1) and date(2026, 10, 31)', '2026-11-01T00:00:00.000Z', false],
    ['between date(2026, 10, 1) and date(2026, 10, 31)', '2026-09-30T23:59:59.999Z', false],
    ['between yesterday and now', '2026-11-01T12:00:00.000Z', true], ['between yesterday and now', '2026-11-01T12:00:00.001Z', false],
    ['between last month and last week', '2026-10-25T23:59:59.999Z', true], ['between last month and last week', '2026-10-26T00:00:00.000Z', false],
    ['between date(currentYear() - 1, 10, 1) and date(currentYear() - 1, 12, 31)', '2025-12-31T10:00:00.000Z', true],
];

describe('occurs boundaries (§2.9)', () => {
    test.each(OCCURS)('t occurs %s at %s → %s', async (spec, t, expected) => {
        expect(await holds(`t occurs ${spec}`, at(t))).toBe(expected);
    });

    test('epoch-millisecond timestamps work like ISO strings', async () => {
        expect(await holds('t occurs <= 3 days before now', at(Date.parse('2026-10-30T00:00:00Z')))).toBe(true);
        expect(await holds('t occurs last month', at(Date.parse('2026-09-30T00:00:00Z')))).toBe(false);
    });

    test('a missing or non-date timestamp never occurs, so its negation holds', async () => {
        expect(await holds('t occurs before now', {})).toBe(false);
        expect(await holds('t occurs before now', at('not a date'))).toBe(false);
        expect(await holds('not (t occurs before now)', {})).toBe(true);
    });

    test('month arithmetic clamps to the end of shorter months (calendar-aware)', async () => {
        const now = new Date('2026-03-31T12:00:00Z');
        expect(await holds('t occurs <= 1 month before today', at('2026-02-28T00:00:00Z'), { now })).toBe(true);
        expect(await holds('t occurs <= 1 month before today', at('2026-02-27T23:59:59.999Z'), { now })).toBe(false);
        expect(await holds('t occurs <= 1 year before now', at('2025-03-31T12:00:00Z'), { now })).toBe(true);
    });

    test('anchors can be other timestamps (between events)', async () => {
        const p = { a: '2026-10-01T00:00:00Z', b: '2026-10-10T00:00:00Z', c: '2026-10-20T00:00:00Z' };
        expect(await holds('b occurs < 2 weeks after a', p)).toBe(true);
        expect(await holds('c occurs < 2 weeks after a', p)).toBe(false);
        expect(await holds('b occurs between a and c', p)).toBe(true);
        expect(await holds('a occurs on a', p)).toBe(true);
        expect(await holds('a occurs before b and c occurs after b', p)).toBe(true);
    });
});

describe('date functions (§2.9)', () => {
    test.each([
        ['currentMonth() = 11', true], ['currentYear() = 2026', true], ['currentDayOfMonth() = 1', true], ['currentMonth() in [3, 4, 5]', false],
        ['t.getMonth() = 10', true], ['t.getYear() = 2026', true], ['t.getDayOfMonth() = 31', true], ['t.getDayOfMonth() <= 3', false],
        ['missing.getMonth().isNull()', true], ['date(2026, 10, 31).getDayOfMonth() = 31', true],
    ])('%s → %s', async (condition, expected) => {
        expect(await holds(condition as string, at('2026-10-31T23:30:00Z'))).toBe(expected);
    });
});

describe('time zones: calendar words follow the run zone', () => {
    // 2026-11-01 is the day New York leaves daylight time: its local day lasts 25 hours,
    // from 04:00Z (midnight EDT) to 05:00Z next day (midnight EST). NOW is 07:00 local.
    const timeZone = 'America/New_York';
    test.each([
        ['t occurs today', '2026-11-01T03:59:59.999Z', false, true], ['t occurs today', '2026-11-01T04:00:00.000Z', true, true],
        ['t occurs today', '2026-11-02T04:59:59.999Z', true, false], ['t occurs today', '2026-11-02T05:00:00.000Z', false, false],
        ['t occurs yesterday', '2026-11-01T03:00:00.000Z', true, false], ['t occurs this month', '2026-11-01T03:00:00.000Z', false, true],
        ['t occurs on date(2026, 11, 1)', '2026-11-02T04:30:00.000Z', true, false], ['t.getDayOfMonth() = 31', '2026-11-01T03:00:00.000Z', true, false],
        ['currentDayOfMonth() = 1', '2026-11-01T03:00:00.000Z', true, true],
    ])('%s at %s: New York %s, UTC %s', async (condition, t, inZone, inUtc) => {
        expect(await holds(condition as string, at(t as string), { timeZone })).toBe(inZone);
        expect(await holds(condition as string, at(t as string))).toBe(inUtc);
    });

    test('a half-hour zone (Asia/Kolkata, UTC+05:30)', async () => {
        expect(await holds('t occurs today', at('2026-10-31T18:30:00Z'), { timeZone: 'Asia/Kolkata' })).toBe(true);
        expect(await holds('t occurs today', at('2026-10-31T18:29:59.999Z'), { timeZone: 'Asia/Kolkata' })).toBe(false);
    });

    test('years 0–99 and before year 1 keep their year (Date.UTC reads 0–99 as 1900–1999)', async () => {
        const newYork = createZone(timeZone);
        for (const year of [50, 0, -5, 1883, 2026]) {
            const noon = new Date(0);
            noon.setUTCFullYear(year, 5, 1);
            noon.setUTCHours(12);
            // Local mean time (−4:56:02) before 18 November 1883, then EST/EDT.
            const expected = year <= 1883 ? -17_762_000 : -4 * 3_600_000;
            expect(offsetAt(newYork, noon.getTime()), `offset in year ${year}`).toBe(expected);
            expect(toWall(newYork, noon.getTime()).year, `wall year of year ${year}`).toBe(year);
        }
        expect(await holds('t.getYear() = 50', at('0050-06-01T12:00:00Z'), { timeZone })).toBe(true);
    });

    test('an unknown zone is refused before the run', async () => {
        await expect(holds('t occurs today', at('2026-11-01T00:00:00Z'), { timeZone: 'Mars/Olympus' })).rejects.toThrow(/Mars\/Olympus/);
    });
});

describe('chain (§2.14)', () => {
    const ev = (eventType: string, timestamp: string | number, extra: Record<string, unknown> = {}) => ({ eventType, timestamp, ...extra });
    const profile = (...xEvent: unknown[]) => ({ _id: 'c', homeAddress: { countryCode: 'US' }, xEvent });
    const twoSteps = 'chain(xEvent, timestamp, [A: WHAT(eventType = "view"), B: WHAT(eventType = "buy")])';

    test('steps must match in strictly increasing time order', async () => {
        expect(await holds(twoSteps, profile(ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-02T00:00:00Z')))).toBe(true);
        expect(await holds(twoSteps, profile(ev('buy', '2026-10-01T00:00:00Z'), ev('view', '2026-10-02T00:00:00Z')))).toBe(false);
        expect(await holds(twoSteps, profile(ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-01T00:00:00Z')))).toBe(false);
    });

    test('events out of order in the data are ordered by the timestamp field', async () => {
        expect(await holds(twoSteps, profile(ev('buy', '2026-10-05T00:00:00Z'), ev('view', Date.parse('2026-10-01T00:00:00Z'))))).toBe(true);
        expect(await holds(twoSteps, profile(ev('buy', '2026-10-05T00:00:00Z'), ev('view', '2026-10-01T00:00:00Z')))).toBe(true);
        expect(await holds(twoSteps, profile(ev('buy', '2026-10-05T00:00:00+02:00'), ev('view', '2026-10-05T00:00:00Z')))).toBe(false);
    });

    test('COUNT(n) needs at least n matching events, all before the next step', async () => {
        const counted = 'chain(xEvent, timestamp, [A: WHAT(eventType = "view") COUNT(2), B: WHAT(eventType = "buy")])';
        expect(await holds(counted, profile(ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-02T00:00:00Z')))).toBe(false);
        expect(await holds(counted, profile(ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-02T00:00:00Z'), ev('view', '2026-10-03T00:00:00Z')))).toBe(false);
        expect(await holds(counted, profile(ev('view', '2026-10-01T00:00:00Z'), ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-02T00:00:00Z')))).toBe(true);
    });

    test('COUNT(n) over events out of order: the step ends at its latest counted event, not the last one read', async () => {
        // In time order: view (Oct 1), buy (Oct 2), view (Oct 3): the second view comes after the buy, so no match.
        // Read in data order, the views come first; the bench data (bench/lib/duckdb-data.ts) found this disagreement with DuckDB.
        const counted = 'chain(xEvent, timestamp, [A: WHAT(eventType = "view") COUNT(2), B: WHAT(eventType = "buy")])';
        expect(await holds(counted, profile(ev('view', '2026-10-03T00:00:00Z'), ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-02T00:00:00Z')))).toBe(false);
        expect(await holds(counted, profile(ev('view', '2026-10-03T00:00:00Z'), ev('view', '2026-10-01T00:00:00Z'), ev('buy', '2026-10-04T00:00:00Z')))).toBe(true);
    });

    test('WHEN applies the occurs test to the ordering timestamp; WHERE and WHAT see the event', async () => {
        const today = 'CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("VIEW", false)) WHERE(device.type = "mobile") WHEN(today)])';
        expect(await holds(today, profile(ev('view', '2026-11-01T01:00:00Z', { device: { type: 'mobile' } })))).toBe(true);
        expect(await holds(today, profile(ev('view', '2026-10-31T23:00:00Z', { device: { type: 'mobile' } })))).toBe(false);
        expect(await holds(today, profile(ev('view', '2026-11-01T01:00:00Z', { device: { type: 'desktop' } })))).toBe(false);
        expect(await holds('chain(xEvent, timestamp, [A: WHAT(eventType = "view" and ^.homeAddress.countryCode = "US")])', profile(ev('view', '2026-10-01T00:00:00Z')))).toBe(true);
    });

    test('no events, or events without timestamps, never match; negation holds', async () => {
        expect(await holds(twoSteps, profile())).toBe(false);
        expect(await holds(twoSteps, profile(ev('view', 'x'), ev('buy', 'y')))).toBe(false);
        expect(await holds(`not(${twoSteps})`, { _id: 'n' })).toBe(true);
    });
});
