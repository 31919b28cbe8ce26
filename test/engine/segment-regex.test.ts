/** Regular expressions: Java translation and the bound against catastrophic backtracking. */
import { describe, expect, test } from 'vitest';
import { compileJavaRegex, MAX_REGEX_INPUT, regexHazard } from '../../src/engine/segment-regex.js';
import { holds } from './engine-helpers.js';

describe('regex safety', () => {
    test('the catastrophic (a+)+$ on a long string returns quickly and does not match', async () => {
        const started = performance.now();
        expect(await holds('s matches "(a+)+$"', { s: 'a'.repeat(5000) + '!' })).toBe(false);
        expect(await holds('s.matches("(a|aa)*b")', { s: 'a'.repeat(5000) })).toBe(false);
        expect(await holds('s.matches(pattern)', { s: 'a'.repeat(5000) + '!', pattern: '(x*)*y' })).toBe(false);
        expect(performance.now() - started).toBeLessThan(2000);
    });

    test.each([['(a+)+$'], ['(a*)*'], ['(\\d{2,})+'], ['(a|ab)*c'], ['(\\w|x)+'], ['((ab)*c)*']])('%s is refused', pattern => {
        expect(regexHazard(pattern)).toBeDefined();
        expect(compileJavaRegex(pattern).regex).toBeUndefined();
    });

    test.each([['^J.*n$'], ['(foo|bar)+'], ['@(\\w+)'], ['^[a-z]+\\.[a-z]+@'], ['(ab)+'], ['[(a+)+]'], ['\\(a+\\)+']])('%s is accepted', pattern => {
        expect(regexHazard(pattern)).toBeUndefined();
        expect(compileJavaRegex(pattern).regex).toBeInstanceOf(RegExp);
    });

    test('subjects longer than the input bound do not match', async () => {
        expect(await holds('s matches "a"', { s: 'a'.repeat(MAX_REGEX_INPUT + 1) })).toBe(false);
        expect(await holds('s matches "a"', { s: 'a'.repeat(MAX_REGEX_INPUT) })).toBe(true);
    });

    test('Java syntax: inline flags, \\A \\z, \\Q…\\E, possessive quantifiers, POSIX classes', async () => {
        expect(compileJavaRegex('(?i)^john').regex!.test('JOHNNY')).toBe(true);
        expect(compileJavaRegex('\\Aab\\z').regex!.test('ab')).toBe(true);
        expect(compileJavaRegex('\\Aab\\z').regex!.test('ab\n')).toBe(false);
        expect(compileJavaRegex('\\Q1+1\\E').regex!.test('1+1=2')).toBe(true);
        expect(compileJavaRegex('^a++b').regex!.test('aab')).toBe(true);
        expect(compileJavaRegex('^1\\++$').regex!.test('1++')).toBe(true);
        expect(compileJavaRegex('^\\p{Upper}\\p{Lower}+$').regex!.test('John')).toBe(true);
        expect(compileJavaRegex('[a-z&&[^b]]').regex).toBeUndefined();
    });
});
