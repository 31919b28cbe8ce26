/**
 * ISO-8601 instants without `Date.parse`: every event timestamp of a window or chain condition is
 * parsed once per evaluation, and `Date.parse` costs ~10× more than reading the digits. Only shapes
 * whose result `Date.parse` defines independently of the local time zone are handled here —
 * `YYYY-MM-DDTHH:MM:SS`, optional `.` and 1+ fraction digits, then `Z` or `±HH:MM` — with exactly
 * `Date.parse`'s result; anything else returns null so that the caller asks `Date.parse`.
 */

/** The digit at `at` as a number, or -1. */
function digit(s: string, at: number): number {
    const d = s.charCodeAt(at) - 48;
    return d >= 0 && d <= 9 ? d : -1;
}

/** The two digits at `at` as a number, or -1. */
function twoDigits(s: string, at: number): number {
    const a = digit(s, at);
    const b = digit(s, at + 1);
    return a >= 0 && b >= 0 ? a * 10 + b : -1;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)`, or null for any other string. Like `Date.parse`:
 * fraction digits past the third are read and dropped (not rounded); a day up to 31 that the month
 * lacks rolls over (2026-02-30 is 2 March); offsets up to ±23:59. Left to `Date.parse` (null here):
 * no zone designator (local time), hour 24, years below 100, lowercase `t`/`z`, other separators.
 */
export function parseIsoInstant(s: string): number | null {
    const n = s.length;
    if (n < 20 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */
        || s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58) {
        return null;
    }
    const century = twoDigits(s, 0);
    const yy = twoDigits(s, 2);
    const month = twoDigits(s, 5);
    const day = twoDigits(s, 8);
    const hour = twoDigits(s, 11);
    const minute = twoDigits(s, 14);
    const second = twoDigits(s, 17);
    if (century < 1 || yy < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return null;
    }
    let i = 19;
    let ms = 0;
    if (s.charCodeAt(i) === 46 /* . */) {
        i++;
        const first = i;
        for (let d = digit(s, i); d >= 0; d = digit(s, ++i)) {
            if (i - first < 3) {
                ms = ms * 10 + d;
            }
        }
        const read = i - first;
        if (read === 0) {
            return null;
        }
        ms *= read === 1 ? 100 : read === 2 ? 10 : 1;
    }
    let offset = 0;
    const zone = s.charCodeAt(i);
    if (zone === 90 /* Z */) {
        if (i + 1 !== n) {
            return null;
        }
    } else if (zone === 43 /* + */ || zone === 45 /* - */) {
        const oh = twoDigits(s, i + 1);
        const om = twoDigits(s, i + 4);
        if (i + 6 !== n || s.charCodeAt(i + 3) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59) {
            return null;
        }
        offset = (zone === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
    } else {
        return null;
    }
    return daysFromCivil(century * 100 + yy, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms - offset;
}

/** Days since 1970-01-01 of a proleptic Gregorian date; a day past the month's end rolls over like `Date.UTC`. */
function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
}
