/**
 * Regular expressions: Java syntax and semantics on the project's own engines (a linear-time Pike VM,
 * a budgeted backtracker), and the bound that keeps every evaluation finite (issues 13, 15, 16).
 * Expected results are what `java.util.regex.Pattern.compile(p).matcher(s).find()` answers.
 */
import { describe, expect, test } from 'vitest';
import { compileJavaRegex, type JavaRegex } from '../../src/engine/regex/segment-regex.js';
import { holds, run } from './engine-helpers.js';

function regex(pattern: string): JavaRegex {
    const compiled = compileJavaRegex(pattern);
    expect(compiled.problem).toBeUndefined();
    return compiled.regex!;
}

describe('patterns that hang a backtracking engine finish, with the right answer', () => {
    test.each([
        ['(a+)+$', 'a'.repeat(5000) + '!', false],
        ['(a|aa)*b', 'a'.repeat(5000), false],
        ['(x*)*y', 'a'.repeat(5000) + '!', false],
        ['^(a?){28}a{28}$', 'a'.repeat(28), true],
        ['^(a?){28}a{28}$', 'a'.repeat(27), false],
        ['a*a*a*a*a*a*a*a*b', 'a'.repeat(10_000), false],
        ['a*a*a*a*a*a*b', 'a'.repeat(10_000) + 'b', true],
        ['.*.*.*.*.*!!', 'x'.repeat(10_000), false],
        ['((ab)*c)*$', 'ab'.repeat(3000) + 'x', true],
        ['(\\w|x)+@', 'x'.repeat(10_000), false],
    ])('%s', (pattern, subject, expected) => {
        const compiled = regex(pattern);
        expect(compiled.backtracking).toBe(false);
        expect(compiled.find(subject)).toBe(expected);
    });

    test('backreference patterns run on the backtracker, within the step budget', () => {
        const java = regex('^(a*)\\1*b$');
        expect(java.backtracking).toBe(true);
        expect(java.find('aab')).toBe(true);
        expect(java.find('a'.repeat(5000))).toBe(false);
        const exponential = regex('^(a|a)*\\1b');
        expect(exponential.find('aab')).toBe(true);
        expect(exponential.find('a'.repeat(5000))).toBeNull();
    });

    test('a cut evaluation does not match, and the run says how many were cut', async () => {
        const profiles = [{ _id: 'long', s: 'a'.repeat(5000) }, { _id: 'short', s: 'aab' }, { _id: 'long2', s: 'a'.repeat(4000) }];
        const result = await run('s matches "^(a|a)*\\\\1b"', profiles);
        expect(result.ids).toEqual(['short']);
        expect(result.regexCuts).toBe(2);
        expect(result.warnings?.some(w => w.includes('2 regular-expression evaluations were cut'))).toBe(true);
    });
});

describe('Java syntax and semantics', () => {
    test.each([
        // Inline flags in the middle and scoped flag groups (issue 16).
        ['^J(?i)OHN$', 'JoHn', true], ['^J(?i)OHN$', 'john', false], ['^(?i:j)ohn$', 'John', true], ['^(?i:j)ohn$', 'JOHN', false],
        ['(?i)^john', 'JOHNNY', true], ['a(?i)b(?-i)c', 'aBc', true], ['a(?i)b(?-i)c', 'aBC', false], ['(a(?i)b)c', 'aBc', true],
        ['(a(?i)b)c', 'aBC', false], ['(?i)é', 'É', false], ['(?iu)é', 'É', true], ['(?i)[a-c]+$', 'xAbC', true], ['(?i)[^a]', 'A', false],
        // Anchors and line terminators.
        ['a$', 'a\n', true], ['a\\z', 'a\n', false], ['a\\Z', 'a\r\n', true], ['\\Aab\\z', 'ab', true], ['^b', 'a\nb', false],
        ['(?m)^b', 'a\nb', true], ['(?m)a$', 'a\nb', true], ['a.b', 'a\rb', false], ['(?s)a.b', 'a\nb', true], ['(?d)a.b', 'a\rb', true],
        ['\\bcat\\b', 'a cat!', true], ['\\bcat\\b', 'concat', false], ['\\Bcat', 'concat', true],
        // Quantifiers: greedy, lazy, possessive, atomic.
        ['^a++a', 'aaa', false], ['^a++b', 'aab', true], ['^1\\++$', '1++', true], ['(?>a|ab)c', 'abc', false], ['(?:a|ab)c', 'abc', true],
        ['^a{2,3}$', 'aaa', true], ['^a{2,3}$', 'aaaa', false], ['^a{2}$', 'aa', true], ['^a{2,}?b', 'aaab', true], ['x{0}y', 'y', true],
        // Classes.
        ['[a-z&&[^b]]', 'b', false], ['[a-z&&[^b]]', 'c', true], ['[a-z&&def]', 'e', true], ['^[]a]+$', ']a]', true], ['[a[0-9]]', '5', true],
        ['^\\p{Upper}\\p{Lower}+$', 'John', true], ['\\p{L}', 'é', true], ['\\p{IsLatin}', 'ß', true], ['\\P{L}', 'abc', false],
        ['\\p{javaLowerCase}', 'ü', true], ['^\\w+$', 'naïve', false], ['\\d', '٣', false], ['\\x41\\u0042\\0103', 'ABC', true],
        ['\\Q1+1\\E', '1+1=2', true], ['[\\Q]\\E]', ']', true], ['\\t', 'a\tb', true], ['\\cA', '\u0001', true],
        // Groups, lookaround, backreferences.
        ['foo(?=bar)', 'foobar', true], ['foo(?!bar)', 'foobar', false], ['(?<=@)gmail', 'a@gmail', true], ['(?<!@)gmail', 'a@gmail', false],
        ['(\\w)\\1', 'hello', true], ['(\\w)\\1', 'helo', false], ['(?<x>ab)\\k<x>', 'abab', true], ['(?i)(a)\\1', 'aA', true],
        ['(a)|\\1b', 'b', false], ['\\R', 'a\r\nb', true], ['(?x) a b # comment', 'ab', true], ['(?x)[ a]', ' ', false],
        ['😀.', '😀😀', true], ['^.$', '😀', true], ['', 'anything', true],
    ])('%s on %j → %s', (pattern, subject, expected) => {
        expect(regex(pattern).find(subject)).toBe(expected);
    });

    test.each([
        ['@(\\w+)', 'john@gmail.com', 1, 'gmail'], ['(a|ab)(c|bcd)(d*)', 'abcd', 2, 'bcd'], ['(a|ab)(c|bcd)(d*)', 'abcd', 3, ''],
        ['(a*)(a*)', 'aaa', 1, 'aaa'], ['(a*?)(a*)', 'aaa', 2, 'aaa'], ['(a)|b', 'b', 1, undefined], ['(?<=@)\\w+', 'x@mail', 0, 'mail'],
        ['(\\d+)-(\\d+)', 'tel 12-345', 2, '345'], ['(a)', 'a', 2, undefined], ['x(a+)+?', 'xaaa', 1, 'aaa'], ['x(a+?)+', 'xaaa', 1, 'a'],
    ])('group of %s on %j, %i → %j', (pattern, subject, n, expected) => {
        expect(regex(pattern).group(subject, n)).toBe(expected);
    });

    test.each([
        ['a{'], ['*a'], ['(a'], ['a)'], ['[a'], ['\\k<x>'], ['\\y'], ['a**'], ['[b-a]'], ['(?<=a+)b'], ['\\p{Nope}'], ['(?<x>a)(?<x>b)'],
        ['\\'], ['\\0'], ['\\x{110000}'], ['(?z)'],
    ])('%s is not valid Java', pattern => {
        expect(compileJavaRegex(pattern).kind).toBe('invalid');
    });

    // Before: "Unexpected internal error" (Java's wording), which reads as a fault of this tool.
    test.each([['@(\\'], ['[a\\']])('%s: a trailing backslash is named as such', pattern => {
        expect(compileJavaRegex(pattern)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('cannot end with an unescaped \\') });
        expect(JSON.stringify(compileJavaRegex(pattern))).not.toMatch(/internal error/iu);
    });

    test.each([['\\X'], ['\\p{InGreek}'], ['(?U)\\w'], ['\\b{g}'], ['(a{1000}){1000}']])('%s is valid Java the evaluator refuses', pattern => {
        expect(compileJavaRegex(pattern).kind).toBe('unsupported');
    });

    test('matches and regexGroup in a condition', async () => {
        expect(await holds('s matches "^J(?i)OHN$"', { s: 'JOHN' })).toBe(true);
        expect(await holds('s.matches("^(?i:j)ohn$")', { s: 'john' })).toBe(true);
        expect(await holds('s.regexGroup("(?<=@)(\\\\w+)", 1) = "gmail"', { s: 'a@gmail.com' })).toBe(true);
        expect(await holds('s matches "a"', { s: 'b'.repeat(200_000) + 'a' })).toBe(true);
    });
});

describe('plain-text patterns: subjects without the text are answered without the machine', () => {
    test.each([
        ['@outlook\\.com$', 'ann@outlook.com', true], ['@outlook\\.com$', 'ann@outlook.com\n', true],
        ['@outlook\\.com$', 'ann@outlook.com.au', false], ['@outlook\\.com$', 'ann@gmail.com', false], ['@outlook\\.com$', 'ann@outlookXcom', false],
        ['^ab', 'xab', false], ['^ab', 'abx', true], ['a\\$', 'a$b', true], ['a\\$', 'ab', false], ['a\\\\$', 'x a\\', true], ['a\\\\$', 'a', false],
        ['a.c', 'abc', true], ['(?i)ABC', 'xabc', true], ['A-B_C', 'xA-B_Cx', true], ['A-B_C', 'a-b_c', false], ['x\\.y', 'xzy', false],
        ['\u00e9t\u00e9', '\u00e9t\u00e9', true], ['', 'abc', true], ['^$', '', true], ['$', 'a', true],
    ])('%j on %j finds %s', (pattern, subject, expected) => {
        expect(regex(pattern).find(subject)).toBe(expected);
        // Past the prefilter's length the machine decides, with the same answer.
        expect(regex(pattern).find(' '.repeat(2000) + subject)).toBe(expected && !pattern.startsWith('^'));
    });
});

describe('like without backtracking', () => {
    test.each([
        ['%a%a%a%a%a%b', 'a'.repeat(10_000), false], ['%a%a%a%a%a%b', 'a'.repeat(10_000) + 'b', true],
        ['%'.repeat(20) + 'b', 'a'.repeat(101), false], ['J_hn', 'John', true], ['J_hn', 'Jhn', false], ['_', '😀', true], ['a_c', 'a😀c', true],
        ['%oh%', 'John', true], ['oh%', 'John', false], ['%', '', true], ['', '', true], ['a%a', 'a', false], ['a%a', 'aa', true],
        ['%ab%ab%', 'xabyab', true], ['%ab%ab%', 'xaby', false], ['a_%_c', 'abc', false], ['a_%_c', 'abbc', true], ['%.%', 'a.b', true],
    ])('%j like %j → %s', async (pattern, subject, expected) => {
        expect(await holds(`s like ${JSON.stringify(pattern)}`, { s: subject })).toBe(expected);
    });
});
