/**
 * Character classes and character escapes of Java regular expressions: `[a-z&&[^aeiou]]` (unions,
 * ranges, nested classes, intersections, negation of the whole class as in Java 9+), and the escapes
 * `\t \n \x41 \x{1F600} \u0041 \0101 \cA \d \p{Lu}` … (segment-regex-syntax.ts reads the rest).
 */
import { foldTest, literalTest, not, predefinedClass, propertyClass, range, union, type CharTest } from './segment-regex-chars.js';

/** Java's own message for a trailing backslash is "Unexpected internal error": said here as what it is. */
export const TRAILING_BACKSLASH = 'a pattern cannot end with an unescaped \\ (write \\\\ for a backslash)';

/** What the class parser needs from the pattern parser. */
export interface ClassReader {
    readonly pattern: string;
    pos: number;
    readonly fold: { unicode: boolean } | undefined;
    /** Skips whitespace and comments in comments mode (`(?x)`), inside classes too, as Java does. */
    skipSpace(): void;
    syntax(message: string, at?: number): never;
}

const MAX_CLASS_DEPTH = 50;

/** One escape at `r.pos` (a backslash) as a class: one code point or a predefined or property class. */
export function parseClassEscape(r: ClassReader): CharTest {
    const escaped = escapeAt(r);
    return typeof escaped === 'number' ? literalTest(escaped, r.fold) : escaped;
}

/** The escape at `r.pos`: a code point, or the test of a class escape (`\d`, `\p{…}`). Advances past it. */
function escapeAt(r: ClassReader): number | CharTest {
    const start = r.pos;
    const p = r.pattern;
    const ch = p[start + 1];
    r.pos += 2;
    const simple: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27 };
    if (ch === undefined) {
        return r.syntax(TRAILING_BACKSLASH, start);
    }
    if (Object.prototype.hasOwnProperty.call(simple, ch)) {
        return simple[ch];
    }
    const predefined = predefinedClass(ch);
    if (predefined) {
        return predefined;
    }
    switch (ch) {
        case 'p': case 'P': {
            let name: string;
            if (p[r.pos] === '{') {
                const end = p.indexOf('}', r.pos);
                if (end < 0) {
                    return r.syntax('Unclosed character family', start);
                }
                name = p.slice(r.pos + 1, end);
                r.pos = end + 1;
            } else {
                name = p[r.pos] ?? '';
                r.pos++;
            }
            const test = propertyClass(name);
            if (!test) {
                return r.syntax(`Unknown character property name {${name}}`, start);
            }
            return ch === 'p' ? test : not(test);
        }
        case 'x': {
            const m = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(p.slice(r.pos));
            const cp = m ? parseInt(m[1] ?? m[2], 16) : NaN;
            if (!m || cp > 0x10ffff) {
                return r.syntax('Illegal hexadecimal escape sequence', start);
            }
            r.pos += m[0].length;
            return cp;
        }
        case 'u': {
            const m = /^[0-9a-fA-F]{4}/.exec(p.slice(r.pos));
            if (!m) {
                return r.syntax('Illegal Unicode escape sequence', start);
            }
            r.pos += 4;
            return parseInt(m[0], 16);
        }
        case '0': {
            const m = /^([0-3][0-7]{2}|[0-7]{1,2})/.exec(p.slice(r.pos));
            if (!m) {
                return r.syntax('Illegal octal escape sequence', start);
            }
            r.pos += m[0].length;
            return parseInt(m[0], 8);
        }
        case 'c': {
            const control = p.codePointAt(r.pos);
            if (control === undefined) {
                return r.syntax('Illegal control escape sequence', start);
            }
            r.pos++;
            return control ^ 64;
        }
    }
    if (/[a-zA-Z0-9]/.test(ch)) {
        return r.syntax('Illegal/unsupported escape sequence', start);
    }
    const cp = p.codePointAt(start + 1)!;
    r.pos = start + 1 + (cp > 0xffff ? 2 : 1);
    return cp;
}

/** A class `[…]` at `r.pos`; folded for `(?i)` before its negation, so `(?i)[^a]` refuses `A` as Java does. */
export function parseClass(r: ClassReader, depth = 0): CharTest {
    const start = r.pos;
    if (depth > MAX_CLASS_DEPTH) {
        return r.syntax('character classes nested too deep', start);
    }
    const p = r.pattern;
    r.pos++;
    const negate = p[r.pos] === '^';
    if (negate) {
        r.pos++;
    }
    let result = operand(r, depth, true);
    while (p.startsWith('&&', r.pos)) {
        r.pos += 2;
        const right = operand(r, depth, false);
        const left = result;
        result = cp => left(cp) && right(cp);
    }
    if (p[r.pos] !== ']') {
        return r.syntax('Unclosed character class', start);
    }
    r.pos++;
    const folded = r.fold ? foldTest(result, r.fold.unicode) : result;
    return negate ? not(folded) : folded;
}

/** The union of items up to `&&` or the closing `]`. */
function operand(r: ClassReader, depth: number, first: boolean): CharTest {
    const p = r.pattern;
    const items: CharTest[] = [];
    for (;;) {
        r.skipSpace();
        const ch = p[r.pos];
        if (ch === undefined) {
            return r.syntax('Unclosed character class', r.pos);
        }
        if ((ch === ']' && !(first && items.length === 0)) || p.startsWith('&&', r.pos)) {
            break;
        }
        first = false;
        if (ch === '[') {
            items.push(parseClass(r, depth + 1));
            continue;
        }
        if (p.startsWith('\\Q', r.pos)) {
            // `\Q…\E` inside a class: each quoted character is a member.
            const end = p.indexOf('\\E', r.pos + 2);
            const text = p.slice(r.pos + 2, end < 0 ? undefined : end);
            r.pos = end < 0 ? p.length : end + 2;
            const members = new Set(Array.from(text, c => c.codePointAt(0)!));
            items.push(c => members.has(c));
            continue;
        }
        const from = ch === '\\' ? escapeAt(r) : literalAt(r);
        if (typeof from !== 'number') {
            items.push(from);
            continue;
        }
        r.skipSpace();
        if (p[r.pos] === '-' && p[r.pos + 1] !== ']' && p[r.pos + 1] !== '[' && p[r.pos + 1] !== undefined && !p.startsWith('&&', r.pos + 1)) {
            const dash = r.pos;
            r.pos++;
            r.skipSpace();
            const to = p[r.pos] === '\\' ? escapeAt(r) : literalAt(r);
            if (typeof to !== 'number' || to < from) {
                return r.syntax('Illegal character range', dash);
            }
            items.push(range(from, to));
        } else {
            items.push(c => c === from);
        }
    }
    return items.length === 0 ? () => false : union(items);
}

function literalAt(r: ClassReader): number {
    const cp = r.pattern.codePointAt(r.pos)!;
    r.pos += cp > 0xffff ? 2 : 1;
    return cp;
}
