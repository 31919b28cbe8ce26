/**
 * String functions (§2.6). The trailing Boolean is a case-sensitivity switch (omitted/true = case-
 * sensitive). Every function, positive or negated, is false when either string is null (§2.6 null rules).
 * A list receiver (a path through an array) holds when some element does.
 */
import { constantOf, type Fn } from '../compile/segment-closures.js';
import { compileLike as likeMatcher } from './segment-like.js';
import { compileJavaRegex, type JavaRegex } from '../regex/segment-regex.js';
import { EVALUATION_COUNTERS } from '../segment-run-counters.js';

type StringTest = (subject: string, argument: string) => boolean;

const TESTS: Record<string, { test: StringTest; negated: boolean; anchors: [string, string] }> = {
    startswith: { test: (s, t) => s.startsWith(t), negated: false, anchors: ['^', ''] },
    doesnotstartwith: { test: (s, t) => s.startsWith(t), negated: true, anchors: ['^', ''] },
    endswith: { test: (s, t) => s.endsWith(t), negated: false, anchors: ['', '$'] },
    doesnotendwith: { test: (s, t) => s.endsWith(t), negated: true, anchors: ['', '$'] },
    contains: { test: (s, t) => s.includes(t), negated: false, anchors: ['', ''] },
    doesnotcontain: { test: (s, t) => s.includes(t), negated: true, anchors: ['', ''] },
    equals: { test: (s, t) => s === t, negated: false, anchors: ['^', '$'] },
    notequalto: { test: (s, t) => s === t, negated: true, anchors: ['^', '$'] },
};

/** The lower-case names of the string methods this module compiles. */
export const STRING_METHODS = new Set([...Object.keys(TESTS), 'matches', 'regexgroup']);

/** Applies `test` to a string or to the elements of a list (some element); null when nothing applies. */
export function someString(value: unknown, test: (s: string) => boolean): boolean {
    if (typeof value === 'string') {
        return test(value);
    }
    if (Array.isArray(value)) {
        for (const element of value) {
            if (typeof element === 'string' && test(element)) {
                return true;
            }
        }
    }
    return false;
}

function asString(value: unknown): string | null {
    return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** The method names `stringCheck` and `compileStringTest` take (lower case). */
export function isStringTest(method: string): boolean {
    return Object.hasOwn(TESTS, method);
}

/**
 * The test of one string for `S.<method>(T[, caseSensitive])` with a constant T and flag, prepared once
 * (lower-cased or as an `iu` regex); null when T is not a string or number (then the method never holds).
 */
export function stringCheck(method: string, argument: unknown, caseSensitive: unknown): ((s: string) => boolean) | null {
    const { test, negated, anchors } = TESTS[method];
    const t = asString(argument);
    if (t === null) {
        return null;
    }
    if (caseSensitive === false) {
        const regex = new RegExp(anchors[0] + escapeRegex(t) + anchors[1], 'iu');
        const check = asciiInsensitive(t, test, regex) ?? ((s: string): boolean => regex.test(s));
        return negated ? s => !check(s) : check;
    }
    return s => test(s, t) !== negated;
}

/** Compiles `S.<method>(T[, caseSensitive])`; a constant argument is prepared once (`stringCheck`). */
export function compileStringTest(method: string, receiver: Fn, argument: Fn | undefined, caseFlag: Fn | undefined): Fn {
    const { test, negated } = TESTS[method];
    if (!argument) {
        return () => false;
    }
    const constArg = constantOf(argument);
    const constFlag = caseFlag ? constantOf(caseFlag) : { value: true };
    if (constArg && constFlag) {
        const check = stringCheck(method, constArg.value, constFlag.value);
        return check ? c => someString(receiver(c), check) : () => false;
    }
    return c => {
        const t = asString(argument(c));
        if (t === null) {
            return false;
        }
        const insensitive = caseFlag !== undefined && caseFlag(c) === false;
        const lowered = insensitive ? t.toLowerCase() : t;
        return someString(receiver(c), s => test(insensitive ? s.toLowerCase() : s, lowered) !== negated);
    };
}

/** Every code unit below 128. */
function isAscii(s: string): boolean {
    for (let i = 0; i < s.length; i++) {
        if (s.charCodeAt(i) > 127) {
            return false;
        }
    }
    return true;
}

/**
 * The case-insensitive test of an ASCII constant `t` without the regex for ASCII subjects: under the
 * `iu` regex an ASCII character matches exactly its ASCII upper/lower case, so lower-casing both sides
 * decides; a subject with other characters (`ſ` and the Kelvin sign fold to `s` and `k`) takes the regex.
 * Undefined when `t` is not ASCII.
 */
function asciiInsensitive(t: string, test: StringTest, regex: RegExp): ((s: string) => boolean) | undefined {
    if (!isAscii(t)) {
        return undefined;
    }
    const lowered = t.toLowerCase();
    if (test === TESTS.equals.test) {
        return s => equalsFolded(s, lowered, regex);
    }
    return s => {
        if (!isAscii(s)) {
            return regex.test(s);
        }
        // Every test (equals, contains, startsWith, endsWith) needs the subject at least as long as `t`.
        return s.length >= t.length && test(s.toLowerCase(), lowered);
    };
}

/**
 * `s` equals the lower-case ASCII `lowered` ignoring case, as the `^…$` `iu` regex decides. Only BMP
 * characters fold to ASCII ones, so a subject of another length never matches; the first non-ASCII
 * character met (before any mismatch) hands the subject to the regex.
 */
function equalsFolded(s: string, lowered: string, regex: RegExp): boolean {
    if (s.length !== lowered.length) {
        return false;
    }
    for (let i = 0; i < s.length; i++) {
        let ch = s.charCodeAt(i);
        if (ch > 127) {
            return regex.test(s);
        }
        if (ch >= 65 && ch <= 90) {
            ch += 32;
        }
        if (ch !== lowered.charCodeAt(i)) {
            return false;
        }
    }
    return true;
}

function escapeRegex(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Java `find()`, false when the evaluation was cut by the step budget (counted for the run's report). */
function found(regex: JavaRegex, subject: string): boolean {
    const result = regex.find(subject);
    if (result === null) {
        EVALUATION_COUNTERS.regexCuts++;
        return false;
    }
    return result;
}

/** `S matches RE` / `S.matches(RE)`: Java regex, find-anywhere (§2.6); a pattern that cannot run never matches. */
export function compileMatches(receiver: Fn, pattern: Fn, warn: (message: string) => void): Fn {
    const constPattern = constantOf(pattern);
    if (constPattern) {
        const source = asString(constPattern.value);
        const compiled = source === null ? { problem: 'the pattern is not a string' } : compileJavaRegex(source);
        if (!compiled.regex) {
            warn(compiled.problem!);
            return () => false;
        }
        const regex = compiled.regex;
        const check = (s: string): boolean => found(regex, s);
        return c => someString(receiver(c), check);
    }
    return c => {
        const source = asString(pattern(c));
        const regex = source === null ? undefined : compileJavaRegex(source).regex;
        return regex ? someString(receiver(c), s => found(regex, s)) : false;
    };
}

/** `S.regexGroup(RE, N)`: capture group N of the first match, or null (§2.6). */
export function compileRegexGroup(receiver: Fn, pattern: Fn, group: Fn | undefined, warn: (message: string) => void): Fn {
    const constPattern = constantOf(pattern);
    if (constPattern && typeof constPattern.value === 'string') {
        const problem = compileJavaRegex(constPattern.value).problem;
        if (problem) {
            warn(problem);
        }
    }
    const extract = (s: unknown, regex: JavaRegex, n: number): string | null => {
        if (typeof s !== 'string') {
            return null;
        }
        const text = regex.group(s, n);
        if (text === null) {
            EVALUATION_COUNTERS.regexCuts++;
        }
        return text ?? null;
    };
    return c => {
        const source = asString(pattern(c));
        const regex = source === null ? undefined : compileJavaRegex(source).regex;
        const n = group ? group(c) : 0;
        if (!regex || typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            return null;
        }
        const subject = receiver(c);
        if (Array.isArray(subject)) {
            const all = subject.map(s => extract(s, regex, n)).filter(s => s !== null);
            return all.length > 0 ? all : null;
        }
        return extract(subject, regex, n);
    };
}

/** `S like P` (§2.6), matched in linear time (segment-like.ts); a constant P is prepared once. */
export function compileLike(receiver: Fn, pattern: Fn): Fn {
    const constPattern = constantOf(pattern);
    if (constPattern) {
        if (typeof constPattern.value !== 'string') {
            return () => false;
        }
        const check = likeMatcher(constPattern.value);
        return c => someString(receiver(c), check);
    }
    const cache = new Map<string, (s: string) => boolean>();
    return c => {
        const p = pattern(c);
        if (typeof p !== 'string') {
            return false;
        }
        let check = cache.get(p);
        if (!check) {
            if (cache.size >= 256) {
                cache.clear();
            }
            check = likeMatcher(p);
            cache.set(p, check);
        }
        return someString(receiver(c), check);
    };
}
