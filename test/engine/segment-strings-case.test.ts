/**
 * Case-insensitive string methods with a constant argument (`equals(…, false)` …): ASCII subjects are
 * compared without the `iu` regex (segment-strings.ts), which must give the regex's answers exactly,
 * including for subjects whose non-ASCII letters fold to ASCII ones (`ſ` to `s`, the Kelvin sign to `k`).
 */
import { describe, expect, test } from 'vitest';
import { holds } from './engine-helpers.js';

const ROWS: Array<[string, string, boolean]> = [
    ['s.equals("Commerce.Checkouts", false)', 'commerce.checkouts', true],
    ['s.equals("commerce.checkouts", false)', 'COMMERCE.CHECKOUTS', true],
    ['s.equals("commerce.checkouts", false)', 'commerce.purchases', false],
    ['s.equals("commerce.checkouts", false)', 'commerce.checkout', false],
    ['s.equals("commerce.checkouts", false)', 'commerce.checkouts ', false],
    ['s.notEqualTo("ABC", false)', 'abc', false],
    ['s.notEqualTo("ABC", false)', 'ab', true],
    ['s.equals("S", false)', '\u017f', true],
    ['s.notEqualTo("s", false)', '\u017f', false],
    ['s.contains("kelvin", false)', 'degrees \u212aelvin', true],
    ['s.contains("JACKET", false)', 'Rain Jacket', true],
    ['s.contains("jacket", false)', 'Rain Jack', false],
    ['s.doesNotContain("jacket", false)', 'Rain Jack', true],
    ['s.startsWith("RAIN", false)', 'rain jacket', true],
    ['s.startsWith("rain", false)', 'ra', false],
    ['s.endsWith("@GMAIL.com", false)', 'maria@gmail.COM', true],
    ['s.doesNotEndWith("@gmail.com", false)', 'maria@gmail.co', true],
    ['s.equals("stra\u00dfe", false)', 'STRASSE', false],
    ['s.equals("\u00c9t\u00e9", false)', '\u00e9T\u00c9', true],
    ['s.contains("", false)', '', true],
    ['s.equals("a-b_c[1]", false)', 'A-B_C[1]', true],
];

describe('case-insensitive string methods', () => {
    test.each(ROWS)('%s on %j is %s', async (condition, value, expected) => {
        expect(await holds(condition, { s: value })).toBe(expected);
        // The same through a list (some element) and in the regex's own words.
        expect(await holds(condition, { s: ['zzz', value] })).toBe(expected || condition.includes('doesNot') || condition.includes('notEqualTo'));
    });
});

describe('case-insensitive equals, character by character', () => {
    test('a subject of another length never matches; one with non-ASCII letters asks the regex', async () => {
        // Astral letters (Deseret) fold among themselves, never to ASCII.
        expect(await holds('s.equals("\u{10400}", false)', { s: '\u{10428}' })).toBe(true);
        expect(await holds('s.equals("ab", false)', { s: '\u{10400}' })).toBe(false);
        expect(await holds('s.equals("sk", false)', { s: '\u017f\u212a' })).toBe(true);
        expect(await holds('s.equals("xk", false)', { s: 's\u212a' })).toBe(false);
        expect(await holds('s.equals("ab", false)', { s: 'a' })).toBe(false);
        expect(await holds('s.equals("@[`{", false)', { s: '@[`{' })).toBe(true);
        expect(await holds('s.equals("@", false)', { s: '`' })).toBe(false);
    });
});
