/**
 * PQL regular expressions are Java (`java.util.regex`) patterns; JavaScript runs them with a
 * backtracking engine that has no time budget, so a pattern such as `(a+)+$` could hang a run.
 * Bound: (1) patterns with a repeated group that itself repeats (star height ≥ 2) or a repeated
 * alternation whose branches can start alike are refused before the run (they never match, and the
 * run reports a warning); (2) inputs longer than `MAX_REGEX_INPUT` characters are not matched (null).
 * See docs/semantics.md "Regular expressions".
 */

/** Longer subjects are not matched: the regex result is null (false in a Boolean position). */
export const MAX_REGEX_INPUT = 10_000;

/** A translated pattern, or the reason it was refused. */
export interface CompiledRegex {
    regex?: RegExp;
    problem?: string;
}

const POSIX_CLASSES: Record<string, string> = {
    Lower: 'a-z', Upper: 'A-Z', ASCII: '\\x00-\\x7F', Alpha: 'a-zA-Z', Digit: '0-9', Alnum: 'a-zA-Z0-9',
    Punct: '!-\\/:-@\\[-`{-~', Space: ' \\t\\n\\x0B\\f\\r', XDigit: '0-9a-fA-F', Blank: ' \\t',
};

/** Translates a Java pattern (leading `(?i)`-style flags, `\A \z \Z \Q…\E`, possessive quantifiers, POSIX classes) and checks it is safe. */
export function compileJavaRegex(pattern: string): CompiledRegex {
    const problem = regexHazard(pattern);
    if (problem) {
        return { problem: `Regular expression "${pattern}" is refused: ${problem}.` };
    }
    let source = pattern;
    let flags = '';
    const inline = /^\(\?([imsxu]+)\)/.exec(source);
    if (inline) {
        flags = [...new Set(inline[1].replace(/[xu]/g, ''))].join('');
        source = source.slice(inline[0].length);
    }
    source = source
        .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_, text: string) => escapeRegex(text))
        .replace(/\\A/g, '^(?<![\\s\\S])').replace(/\\z/g, '$(?![\\s\\S])').replace(/\\Z/g, '(?=\\n?$(?![\\s\\S]))')
        .replace(/\(\?>/g, '(?:')
        // Possessive quantifiers (`a++`, `x{2}+`) become greedy; escapes such as `\++` are kept whole.
        .replace(/(\\.)|([*+?]|\{\d+(?:,\d*)?\})\+/g, (_, escape: string | undefined, quantifier: string) => escape ?? quantifier)
        .replace(/\\p\{(?:Is)?(Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Space|XDigit|Blank)\}/g, (_, name: string) => `[${POSIX_CLASSES[name]}]`);
    for (const candidate of [flags + 'u', flags]) {
        try {
            return { regex: new RegExp(source, candidate) };
        } catch {
            // Java accepts escapes that Unicode-mode JS refuses (`\-`); try without the u flag.
        }
    }
    return { problem: `Regular expression "${pattern}" is not supported by the evaluator.` };
}

/** Find-anywhere test (Java `find()`, §2.6); null for an over-long subject. */
export function regexFind(regex: RegExp, subject: string): boolean | null {
    return subject.length > MAX_REGEX_INPUT ? null : regex.test(subject);
}

/** SQL LIKE (`%` any run, `_` one character), whole-string and case-sensitive (§2.6). */
export function likeToRegex(pattern: string): RegExp {
    let source = '';
    for (const ch of pattern) {
        source += ch === '%' ? '[\\s\\S]*' : ch === '_' ? '[\\s\\S]' : escapeRegex(ch);
    }
    // Consecutive % collapse so that `%%%` cannot cause needless backtracking.
    return new RegExp(`^${source.replace(/(\[\\s\\S\]\*)+/g, '[\\s\\S]*')}$`, 'u');
}

export function escapeRegex(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface GroupInfo {
    repeats: boolean;
    alternatives: string[];
}

/**
 * Why a pattern could backtrack exponentially, or undefined. Refused: a repeated group containing a
 * repeat (`(a+)+`, `(a*b?)*`, `(\d{2,})+`), and a repeated alternation whose branches may start
 * with the same character (`(a|ab)*`, `(\w|x)+`). Safe alternations such as `(foo|bar)+` pass.
 */
export function regexHazard(pattern: string): string | undefined {
    const stack: GroupInfo[] = [{ repeats: false, alternatives: [''] }];
    let i = 0;
    while (i < pattern.length) {
        const ch = pattern[i];
        const top = stack[stack.length - 1];
        if (ch === '\\') {
            top.alternatives[top.alternatives.length - 1] += pattern.slice(i, i + 2);
            i += 2;
        } else if (ch === '[') {
            const end = classEnd(pattern, i);
            if (pattern.slice(i, end).includes('&&')) {
                return 'character-class intersection (&&) is not supported';
            }
            top.alternatives[top.alternatives.length - 1] += pattern.slice(i, end);
            i = end;
        } else if (ch === '(') {
            stack.push({ repeats: false, alternatives: [''] });
            i += pattern[i + 1] === '?' ? skipGroupPrefix(pattern, i) : 1;
        } else if (ch === '|') {
            top.alternatives.push('');
            i++;
        } else if (ch === ')' && stack.length > 1) {
            const group = stack.pop()!;
            const quantifier = readQuantifier(pattern, i + 1);
            const parent = stack[stack.length - 1];
            if (quantifier.repeats) {
                if (group.repeats) {
                    return 'a repeated group contains another repetition (nested quantifiers can backtrack exponentially)';
                }
                if (group.alternatives.length > 1 && !distinctLiteralStarts(group.alternatives)) {
                    return 'a repeated alternation has branches that can match the same text';
                }
            }
            parent.repeats ||= group.repeats || quantifier.repeats;
            parent.alternatives[parent.alternatives.length - 1] += 'G';
            i += 1 + quantifier.length;
        } else {
            const quantifier = readQuantifier(pattern, i);
            if (quantifier.length > 0) {
                top.repeats ||= quantifier.repeats;
                i += quantifier.length;
            } else {
                top.alternatives[top.alternatives.length - 1] += ch;
                i++;
            }
        }
    }
    return undefined;
}

function readQuantifier(pattern: string, at: number): { length: number; repeats: boolean } {
    const ch = pattern[at];
    let length = 0;
    let repeats = false;
    if (ch === '*' || ch === '+') {
        length = 1;
        repeats = true;
    } else if (ch === '?') {
        length = 1;
    } else if (ch === '{') {
        const m = /^\{(\d*)(,(\d*))?\}/.exec(pattern.slice(at));
        if (m) {
            length = m[0].length;
            repeats = m[2] !== undefined ? m[3] === '' || Number(m[3]) > 1 : Number(m[1]) > 1;
        }
    }
    if (length > 0 && (pattern[at + length] === '?' || pattern[at + length] === '+')) {
        length++;
    }
    return { length, repeats };
}

function distinctLiteralStarts(alternatives: string[]): boolean {
    const starts = new Set<string>();
    for (const alternative of alternatives) {
        const first = alternative[0];
        if (first === undefined || '\\[.G^$'.includes(first) || starts.has(first.toLowerCase())) {
            return false;
        }
        starts.add(first.toLowerCase());
    }
    return true;
}

function classEnd(pattern: string, start: number): number {
    let i = start + 1;
    let depth = 1;
    if (pattern[i] === '^') {
        i++;
    }
    if (pattern[i] === ']') {
        i++;
    }
    while (i < pattern.length && depth > 0) {
        if (pattern[i] === '\\') {
            i += 2;
            continue;
        }
        depth += pattern[i] === '[' ? 1 : pattern[i] === ']' ? -1 : 0;
        i++;
    }
    return i;
}

/** Length of `(?:`, `(?=`, `(?<name>`, `(?i)` … so the group body starts after it. */
function skipGroupPrefix(pattern: string, at: number): number {
    const m = /^\(\?(<[a-zA-Z][a-zA-Z0-9]*>|<=|<!|[:=!>]|[a-zA-Z-]*:?)/.exec(pattern.slice(at));
    return m ? m[0].length : 1;
}
