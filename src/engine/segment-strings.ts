/**
 * String functions (§2.6). The trailing Boolean is a case-sensitivity switch (omitted/true = case-
 * sensitive). Every function, positive or negated, is false when either string is null (§2.6 null rules).
 * A list receiver (a path through an array) holds when some element does.
 */
import { constantOf, type Fn } from './segment-closures.js';
import { compileJavaRegex, escapeRegex, regexFind, type CompiledRegex } from './segment-regex.js';

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
function someString(value: unknown, test: (s: string) => boolean): boolean {
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

/** Compiles `S.<method>(T[, caseSensitive])`; a constant argument is prepared once (lower-cased or as an `i` regex). */
export function compileStringTest(method: string, receiver: Fn, argument: Fn | undefined, caseFlag: Fn | undefined): Fn {
    const { test, negated, anchors } = TESTS[method];
    if (!argument) {
        return () => false;
    }
    const constArg = constantOf(argument);
    const constFlag = caseFlag ? constantOf(caseFlag) : { value: true };
    if (constArg && constFlag) {
        const t = asString(constArg.value);
        if (t === null) {
            return () => false;
        }
        if (constFlag.value === false) {
            const regex = new RegExp(anchors[0] + escapeRegex(t) + anchors[1], 'iu');
            const check = (s: string): boolean => regex.test(s) !== negated;
            return c => someString(receiver(c), check);
        }
        // The check closure is built once here, not per profile.
        const check = (s: string): boolean => test(s, t) !== negated;
        return c => someString(receiver(c), check);
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

/** Regexes computed from data are translated once per distinct pattern (bounded cache). */
class RegexCache {
    private readonly cache = new Map<string, CompiledRegex>();

    get(pattern: string): CompiledRegex {
        let compiled = this.cache.get(pattern);
        if (!compiled) {
            if (this.cache.size > 256) {
                this.cache.clear();
            }
            compiled = compileJavaRegex(pattern);
            this.cache.set(pattern, compiled);
        }
        return compiled;
    }
}

/** `S matches RE` / `S.matches(RE)`: Java regex, find-anywhere (§2.6); refused patterns never match. */
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
        const check = (s: string): boolean => regexFind(regex, s) === true;
        return c => someString(receiver(c), check);
    }
    const cache = new RegexCache();
    return c => {
        const source = asString(pattern(c));
        const regex = source === null ? undefined : cache.get(source).regex;
        return regex ? someString(receiver(c), s => regexFind(regex, s) === true) : false;
    };
}

/** `S.regexGroup(RE, N)`: capture group N of the first match, or null (§2.6). */
export function compileRegexGroup(receiver: Fn, pattern: Fn, group: Fn | undefined, warn: (message: string) => void): Fn {
    const cache = new RegexCache();
    const constPattern = constantOf(pattern);
    if (constPattern && typeof constPattern.value === 'string') {
        const problem = cache.get(constPattern.value).problem;
        if (problem) {
            warn(problem);
        }
    }
    const extract = (s: unknown, regex: RegExp, n: number): string | null => {
        if (typeof s !== 'string' || regexFind(regex, s) === null) {
            return null;
        }
        const m = regex.exec(s);
        return m && typeof m[n] === 'string' ? m[n] : null;
    };
    return c => {
        const source = asString(pattern(c));
        const regex = source === null ? undefined : cache.get(source).regex;
        const n = group ? group(c) : 0;
        if (!regex || typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            return null;
        }
        const subject = receiver(c);
        if (Array.isArray(subject)) {
            const found = subject.map(s => extract(s, regex, n)).filter(s => s !== null);
            return found.length > 0 ? found : null;
        }
        return extract(subject, regex, n);
    };
}

/** `S like P` (§2.6) with a prepared regex when P is constant. */
export function compileLike(receiver: Fn, pattern: Fn, toRegex: (p: string) => RegExp): Fn {
    const constPattern = constantOf(pattern);
    if (constPattern) {
        if (typeof constPattern.value !== 'string') {
            return () => false;
        }
        const regex = toRegex(constPattern.value);
        const check = (s: string): boolean => regexFind(regex, s) === true;
        return c => someString(receiver(c), check);
    }
    const cache = new Map<string, RegExp>();
    return c => {
        const p = pattern(c);
        if (typeof p !== 'string') {
            return false;
        }
        let regex = cache.get(p);
        if (!regex) {
            regex = toRegex(p);
            cache.set(p, regex);
        }
        return someString(receiver(c), s => regexFind(regex!, s) === true);
    };
}
