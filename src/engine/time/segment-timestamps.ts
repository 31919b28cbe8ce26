/**
 * ISO-8601 instants without `Date.parse`: every event timestamp of a window or chain condition is
 * parsed once per evaluation, and `Date.parse` costs ~10× more than reading the digits. Only shapes
 * whose result `Date.parse` defines independently of the local time zone are handled here —
 * `YYYY-MM-DDTHH:MM:SS`, optional `.` and 1+ fraction digits, then `Z` or `±HH:MM` — with exactly
 * `Date.parse`'s result; anything else returns null so that the caller asks `Date.parse`.
 */

/** Days before each month (1–12) in a year counted from 1 March, so that February's length never matters. */
const MONTH_START = [0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275];

/** `c` minus the code of '0'; a digit when the result is 0–9. */
function code(s: string, at: number): number {
    return s.charCodeAt(at) - 48;
}

/** Negative when some of the codes (from `code`) is not a digit: `x | (9 - x)` has the sign bit set exactly then. */
function notDigits(a: number, b: number, c: number, d: number): number {
    return a | (9 - a) | b | (9 - b) | c | (9 - c) | d | (9 - d);
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)`, or null for any other string. Like `Date.parse`:
 * fraction digits past the third are read and dropped (not rounded); a day up to 31 that the month
 * lacks rolls over (2026-02-30 is 2 March); offsets up to ±23:59. Left to `Date.parse` (null here):
 * no zone designator (local time), hour 24, years below 100, lowercase `t`/`z`, other separators.
 * Straight-line code: each `charCodeAt` costs more than the arithmetic, so every character is read once.
 */
export function parseIsoInstant(s: string): number | null {
    const n = s.length;
    if (n < 20 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */
        || s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58) {
        return null;
    }
    const y0 = code(s, 0), y1 = code(s, 1), y2 = code(s, 2), y3 = code(s, 3);
    const mo0 = code(s, 5), mo1 = code(s, 6), d0 = code(s, 8), d1 = code(s, 9);
    const h0 = code(s, 11), h1 = code(s, 12), mi0 = code(s, 14), mi1 = code(s, 15), s0 = code(s, 17), s1 = code(s, 18);
    if ((notDigits(y0, y1, y2, y3) | notDigits(mo0, mo1, d0, d1) | notDigits(h0, h1, mi0, mi1) | notDigits(s0, s1, 0, 0)) < 0) {
        return null;
    }
    const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    const month = mo0 * 10 + mo1;
    const day = d0 * 10 + d1;
    const hour = h0 * 10 + h1;
    const minute = mi0 * 10 + mi1;
    const second = s0 * 10 + s1;
    if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
        return null;
    }
    let i = 19;
    let ms = 0;
    if (s.charCodeAt(i) === 46 /* . */) {
        const first = ++i;
        for (let d = code(s, i); d >= 0 && d <= 9; d = code(s, ++i)) {
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
        const oh0 = code(s, i + 1), oh1 = code(s, i + 2), om0 = code(s, i + 4), om1 = code(s, i + 5);
        if (i + 6 !== n || s.charCodeAt(i + 3) !== 58 || notDigits(oh0, oh1, om0, om1) < 0 || oh0 * 10 + oh1 > 23 || om0 > 5) {
            return null;
        }
        offset = (zone === 43 ? 60_000 : -60_000) * ((oh0 * 10 + oh1) * 60 + om0 * 10 + om1);
    } else {
        return null;
    }
    // Days since 1970-01-01 (proleptic Gregorian; years from 1 March, all positive here, so `| 0` floors).
    const y = month <= 2 ? year - 1 : year;
    const days = y * 365 + (y >> 2) - ((y / 100) | 0) + ((y / 400) | 0) + MONTH_START[month] + day - 719_469;
    return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms - offset;
}
