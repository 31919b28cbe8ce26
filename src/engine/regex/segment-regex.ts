/**
 * PQL regular expressions are Java (`java.util.regex.Pattern`) patterns. JavaScript's `RegExp`
 * backtracks without a time limit and differs from Java in syntax, so they run on this project's own
 * engine: parsed as Java parses them (segment-regex-syntax.ts), then run by a linear-time Pike VM
 * when the pattern is regular, or by a backtracker when it needs backreferences, lookaround, atomic
 * groups or possessive quantifiers. Every evaluation has a step budget (`REGEX_STEP_BUDGET`); an
 * evaluation that exhausts it is "cut": it does not match, and the run counts it.
 * See docs/semantics.md "Regular expressions".
 */
import { backtrackFind } from './segment-regex-backtrack.js';
import { BudgetExhausted, pikeFind } from './segment-regex-pike.js';
import { compileProgram, type Program } from './segment-regex-program.js';
import { parseJavaRegex, RegexSyntaxError, RegexUnsupported } from './segment-regex-syntax.js';
import { BoundedCache } from '../../shared/segment-bounded-cache.js';

/** Instructions one evaluation may run (≈ 10–30 ms); a linear-time pattern reaches it only on megabytes of text. */
export const REGEX_STEP_BUDGET = 1_000_000;

/** A compiled Java pattern. */
export class JavaRegex {
    /** The text every match contains, when the pattern is plain text (see `requiredText`). */
    private readonly required: string | undefined;

    constructor(readonly pattern: string, private readonly program: Program) {
        this.required = requiredText(pattern);
    }

    /** The program's instructions: what the pattern costs to keep. */
    get size(): number {
        return this.program.insts.length;
    }

    /** True when the pattern needs the backtracker, whose time only the budget bounds. */
    get backtracking(): boolean {
        return this.program.backtracking;
    }

    /** Java `find()`: does the pattern match somewhere in `subject`? null when the budget ran out. */
    find(subject: string): boolean | null {
        if (this.required !== undefined && subject.length <= PREFILTER_MAX && !subject.includes(this.required)) {
            // No match can lack the pattern's text (and the machine could not have run out of steps on so short a subject).
            return false;
        }
        try {
            return this.captures(subject, false) !== null;
        } catch (error) {
            if (error instanceof BudgetExhausted) {
                return null;
            }
            throw error;
        }
    }

    /**
     * Group `n` of the first match (Java `find()` then `group(n)`): a string, `undefined` when there is
     * no match or the group did not take part, `null` when the budget ran out.
     */
    group(subject: string, n: number): string | undefined | null {
        if (n > this.program.groups) {
            return undefined;
        }
        try {
            const slots = this.captures(subject, true);
            const from = slots?.[2 * n] ?? -1;
            const to = slots?.[2 * n + 1] ?? -1;
            return from >= 0 && to >= from ? subject.slice(from, to) : undefined;
        } catch (error) {
            if (error instanceof BudgetExhausted) {
                return null;
            }
            throw error;
        }
    }

    private captures(subject: string, positions: boolean): Int32Array | null {
        const budget = { steps: REGEX_STEP_BUDGET };
        return this.program.backtracking ? backtrackFind(this.program, subject, budget) : pikeFind(this.program, subject, budget, positions);
    }
}

/** Subjects up to this length are prefiltered: the machine runs well under its budget on them for plain-text patterns. */
const PREFILTER_MAX = 1000;

/** ASCII punctuation that a backslash makes literal (Java: a backslash before a non-letter, non-digit). */
const ESCAPED_LITERAL = /[!-/:-@[-`{-~]/;
/** Characters that stand for themselves outside a class (not metacharacters, not white space, not `#` for the x flag's sake). */
const PLAIN = /[A-Za-z0-9!"%&',\-/:;<=>@_`~]/;

/**
 * The text of a pattern made of plain characters and backslash-escaped punctuation only, with at most a
 * leading `^` and a trailing `$` (`@outlook\.com$` → `@outlook.com`); undefined for any other pattern
 * (flags, classes, quantifiers, alternatives …). Without flags such a pattern matches exactly that text.
 */
function requiredText(pattern: string): string | undefined {
    const end = pattern.endsWith('$') && !pattern.endsWith('\\$') ? pattern.length - 1 : pattern.length;
    let text = '';
    for (let i = pattern.startsWith('^') ? 1 : 0; i < end; i++) {
        const ch = pattern[i];
        if (ch === '\\' && i + 1 < end && ESCAPED_LITERAL.test(pattern[i + 1])) {
            text += pattern[++i];
        } else if (PLAIN.test(ch) && ch !== '\\') {
            text += ch;
        } else {
            return undefined;
        }
    }
    return text.length > 0 ? text : undefined;
}

/** A compiled pattern, or why it cannot run: `invalid` (Java rejects it too) or `unsupported` (valid Java, not implemented). */
export interface CompiledRegex {
    regex?: JavaRegex;
    problem?: string;
    kind?: 'invalid' | 'unsupported';
    /** Offset of the problem in the pattern. */
    offset?: number;
}

/**
 * Compiled patterns, weighed by their text and their program's instructions (a repetition like
 * `a{1000}` is a short text and a long program, up to MAX_PROGRAM instructions): 512 ordinary
 * patterns, or a few long programs (about 15 MB at most).
 */
const CACHE = new BoundedCache<CompiledRegex>(512, 100_000, (pattern, compiled) => pattern.length + (compiled.regex?.size ?? 0));

/** Compiles a Java pattern (cached: the validator and every run ask for the same patterns). */
export function compileJavaRegex(pattern: string): CompiledRegex {
    return CACHE.getOrMake(pattern, compile);
}

function compile(pattern: string): CompiledRegex {
    try {
        return { regex: new JavaRegex(pattern, compileProgram(parseJavaRegex(pattern))) };
    } catch (error) {
        if (error instanceof RegexSyntaxError) {
            return { kind: 'invalid', offset: error.offset, problem: `Regular expression "${pattern}" is not valid Java: ${error.message} (at offset ${error.offset}).` };
        }
        if (error instanceof RegexUnsupported) {
            return { kind: 'unsupported', offset: error.offset, problem: `Regular expression "${pattern}" uses ${error.message}, which the evaluator does not support.` };
        }
        throw error;
    }
}
