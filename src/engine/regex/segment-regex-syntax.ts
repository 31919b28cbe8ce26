/**
 * A parser for Java regular expressions (`java.util.regex.Pattern` syntax) into a small tree that the
 * engines of segment-regex-program.ts run without JavaScript's backtracking `RegExp`. Flags
 * (`(?i)`, `(?-i)`, `(?i:…)`, mid-pattern too) apply from where they are written to the end of the
 * enclosing group, as in Java. What Java rejects is a `RegexSyntaxError`; what Java accepts but this
 * engine does not implement is a `RegexUnsupported`. Both carry the offset in the pattern.
 */
import { ANY, isLineTerminator, literalTest, UnsupportedProperty, type CharTest } from './segment-regex-chars.js';
import { parseClassEscape, parseClass, TRAILING_BACKSLASH, type ClassReader } from './segment-regex-class.js';

export type AssertKind = 'inputStart' | 'lineStart' | 'inputEnd' | 'finalEnd' | 'lineEnd' | 'word' | 'notWord';

export type RegexNode =
    | { type: 'char'; test: CharTest }
    | { type: 'sequence'; items: RegexNode[] }
    | { type: 'alternation'; items: RegexNode[] }
    | { type: 'group'; body: RegexNode; capture?: number }
    | { type: 'repeat'; body: RegexNode; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive' }
    | { type: 'assert'; kind: AssertKind; unixLines: boolean }
    | { type: 'backref'; group: number; fold?: { unicode: boolean } }
    | { type: 'look'; behind: boolean; negate: boolean; body: RegexNode }
    | { type: 'atomic'; body: RegexNode };

export class RegexSyntaxError extends Error {
    constructor(message: string, readonly offset: number) {
        super(message);
    }
}

export class RegexUnsupported extends Error {
    constructor(message: string, readonly offset: number) {
        super(message);
    }
}

/** The parsed pattern: its tree and the number of capturing groups. */
export interface ParsedRegex {
    root: RegexNode;
    groups: number;
}

interface Flags {
    i: boolean;
    m: boolean;
    s: boolean;
    x: boolean;
    u: boolean;
    d: boolean;
}

/** Nesting deeper than this is refused, so that no walk over the tree can overflow the stack. */
const MAX_DEPTH = 200;
/** Repetition counts above this are refused (the program would not fit the size bound anyway). */
const MAX_COUNT = 10_000;

export function parseJavaRegex(pattern: string): ParsedRegex {
    const parser = new Parser(pattern);
    let root: RegexNode;
    try {
        root = parser.alternation(0);
    } catch (error) {
        if (error instanceof UnsupportedProperty) {
            throw new RegexUnsupported(error.message, parser.pos);
        }
        throw error;
    }
    if (parser.pos < pattern.length) {
        throw new RegexSyntaxError("Unmatched closing ')'", parser.pos);
    }
    return { root, groups: parser.groups };
}

class Parser implements ClassReader {
    pos = 0;
    groups = 0;
    flags: Flags = { i: false, m: false, s: false, x: false, u: false, d: false };
    private readonly names = new Map<string, number>();

    constructor(readonly pattern: string) {}

    get fold(): { unicode: boolean } | undefined {
        return this.flags.i ? { unicode: this.flags.u } : undefined;
    }

    get comments(): boolean {
        return this.flags.x;
    }

    /** In comments mode (`x`), whitespace and `#…` to the end of the line are not part of the pattern. */
    skipSpace(): void {
        if (!this.flags.x) {
            return;
        }
        while (this.pos < this.pattern.length) {
            const ch = this.pattern[this.pos];
            if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v') {
                this.pos++;
            } else if (ch === '#') {
                while (this.pos < this.pattern.length && !isLineTerminator(this.pattern.charCodeAt(this.pos), this.flags.d)) {
                    this.pos++;
                }
            } else {
                return;
            }
        }
    }

    syntax(message: string, at = this.pos): never {
        throw new RegexSyntaxError(message, at);
    }

    unsupported(message: string, at = this.pos): never {
        throw new RegexUnsupported(message, at);
    }

    alternation(depth: number): RegexNode {
        if (depth > MAX_DEPTH) {
            this.unsupported(`groups nested more than ${MAX_DEPTH} deep`);
        }
        const saved = { ...this.flags };
        const items = [this.sequence(depth)];
        while (this.pattern[this.pos] === '|') {
            this.pos++;
            items.push(this.sequence(depth));
        }
        this.flags = saved;
        return items.length === 1 ? items[0] : { type: 'alternation', items };
    }

    private sequence(depth: number): RegexNode {
        const items: RegexNode[] = [];
        for (;;) {
            this.skipSpace();
            const ch = this.pattern[this.pos];
            if (ch === undefined || ch === '|' || ch === ')') {
                break;
            }
            const atom = this.atom(depth);
            if (atom) {
                items.push(this.quantified(atom));
            }
        }
        return items.length === 1 ? items[0] : { type: 'sequence', items };
    }

    /** One atom; undefined for a flag group `(?i)` or an empty `\Q\E`, which match nothing themselves. */
    private atom(depth: number): RegexNode | undefined {
        const ch = this.pattern[this.pos];
        switch (ch) {
            case '(': return this.group(depth);
            case '[': return { type: 'char', test: parseClass(this) };
            case '.': {
                this.pos++;
                const unix = this.flags.d;
                return { type: 'char', test: this.flags.s ? ANY : cp => !isLineTerminator(cp, unix) };
            }
            case '^':
                this.pos++;
                return { type: 'assert', kind: this.flags.m ? 'lineStart' : 'inputStart', unixLines: this.flags.d };
            case '$':
                this.pos++;
                return { type: 'assert', kind: this.flags.m ? 'lineEnd' : 'finalEnd', unixLines: this.flags.d };
            case '\\': return this.escape();
            case '*': case '+': case '?': return this.syntax(`Dangling meta character '${ch}'`);
            case '{': return this.syntax('Illegal repetition');
            default: {
                const cp = this.pattern.codePointAt(this.pos)!;
                this.pos += cp > 0xffff ? 2 : 1;
                return { type: 'char', test: literalTest(cp, this.fold) };
            }
        }
    }

    private quantified(atom: RegexNode): RegexNode {
        this.skipSpace();
        const at = this.pos;
        const ch = this.pattern[at];
        let min: number;
        let max: number;
        if (ch === '*' || ch === '+' || ch === '?') {
            this.pos++;
            [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
        } else if (ch === '{') {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(at, at + 40));
            if (!m) {
                return this.syntax('Illegal repetition', at);
            }
            this.pos += m[0].length;
            min = Number(m[1]);
            max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
            if (max < min) {
                this.syntax('Illegal repetition range', at);
            }
            if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) {
                this.unsupported(`repetition counts above ${MAX_COUNT}`, at);
            }
        } else {
            return atom;
        }
        const suffix = this.pattern[this.pos];
        const mode = suffix === '?' ? 'lazy' : suffix === '+' ? 'possessive' : 'greedy';
        if (mode !== 'greedy') {
            this.pos++;
        }
        const node: RegexNode = { type: 'repeat', body: atom, min, max, mode };
        // Java lets a quantifier follow a quantifier only through `?`/`+` suffixes: `a**` is an error.
        this.skipSpace();
        const next = this.pattern[this.pos];
        if (next === '*' || next === '+' || next === '?' || (next === '{' && /^\{\d/.test(this.pattern.slice(this.pos)))) {
            this.syntax(`Dangling meta character '${next}'`);
        }
        return node;
    }

    private group(depth: number): RegexNode | undefined {
        const start = this.pos;
        this.pos++;
        let node: RegexNode;
        if (this.pattern[this.pos] !== '?') {
            const capture = ++this.groups;
            node = { type: 'group', body: this.alternation(depth + 1), capture };
        } else {
            this.pos++;
            const kind = this.pattern[this.pos];
            if (kind === ':') {
                this.pos++;
                node = { type: 'group', body: this.alternation(depth + 1) };
            } else if (kind === '=' || kind === '!') {
                this.pos++;
                node = { type: 'look', behind: false, negate: kind === '!', body: this.alternation(depth + 1) };
            } else if (kind === '>') {
                this.pos++;
                node = { type: 'atomic', body: this.alternation(depth + 1) };
            } else if (kind === '<' && (this.pattern[this.pos + 1] === '=' || this.pattern[this.pos + 1] === '!')) {
                const negate = this.pattern[this.pos + 1] === '!';
                this.pos += 2;
                node = { type: 'look', behind: true, negate, body: this.alternation(depth + 1) };
            } else if (kind === '<') {
                const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(this.pos));
                if (!m) {
                    return this.syntax('named capturing group is missing trailing \'>\'', this.pos);
                }
                if (this.names.has(m[1])) {
                    this.syntax(`Named capturing group <${m[1]}> is already defined`, this.pos);
                }
                this.pos += m[0].length;
                const capture = ++this.groups;
                this.names.set(m[1], capture);
                node = { type: 'group', body: this.alternation(depth + 1), capture };
            } else {
                return this.flagGroup(depth, start);
            }
        }
        if (this.pattern[this.pos] !== ')') {
            this.syntax('Unclosed group', start);
        }
        this.pos++;
        return node;
    }

    /** `(?idmsux-idmsux)` (flags for the rest of the enclosing group) or `(?idmsux-idmsux:X)`. */
    private flagGroup(depth: number, start: number): RegexNode | undefined {
        const m = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(this.pattern.slice(this.pos));
        if (!m) {
            return this.syntax('Unknown inline modifier', this.pos);
        }
        const on = m[1];
        const off = m[2] ?? '';
        for (const flag of on + off) {
            if (flag === 'U') {
                this.unsupported('the UNICODE_CHARACTER_CLASS flag (?U)', this.pos);
            }
            if (!'idmsux'.includes(flag)) {
                this.syntax('Unknown inline modifier', this.pos);
            }
        }
        this.pos += m[0].length;
        const apply = (): void => {
            for (const flag of on) {
                this.flags[flag as keyof Flags] = true;
            }
            for (const flag of off) {
                this.flags[flag as keyof Flags] = false;
            }
        };
        if (m[3] === ')') {
            apply();
            return undefined;
        }
        const saved = { ...this.flags };
        apply();
        const body = this.alternation(depth + 1);
        this.flags = saved;
        if (this.pattern[this.pos] !== ')') {
            this.syntax('Unclosed group', start);
        }
        this.pos++;
        return { type: 'group', body };
    }

    private escape(): RegexNode | undefined {
        const start = this.pos;
        const ch = this.pattern[this.pos + 1];
        if (ch === undefined) {
            return this.syntax(TRAILING_BACKSLASH, start);
        }
        const assert = (kind: AssertKind): RegexNode => {
            this.pos += 2;
            return { type: 'assert', kind, unixLines: this.flags.d };
        };
        switch (ch) {
            case 'A': return assert('inputStart');
            case 'G': return assert('inputStart');
            case 'z': return assert('inputEnd');
            case 'Z': return assert('finalEnd');
            case 'B': return assert('notWord');
            case 'b':
                if (this.pattern[this.pos + 2] === '{') {
                    this.unsupported('\\b{g} grapheme boundaries');
                }
                return assert('word');
            case 'Q': return this.quoted();
            case 'k': {
                const m = /^\\k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(start));
                if (!m) {
                    return this.syntax('\\k is not followed by \'<\' for named capturing group');
                }
                const group = this.names.get(m[1]);
                if (group === undefined) {
                    return this.syntax(`named capturing group <${m[1]}> does not exist`);
                }
                this.pos += m[0].length;
                return { type: 'backref', group, fold: this.fold };
            }
            case 'R': {
                this.pos += 2;
                const crlf: RegexNode = { type: 'sequence', items: [{ type: 'char', test: c => c === 13 }, { type: 'char', test: c => c === 10 }] };
                const single: RegexNode = { type: 'char', test: c => (c >= 10 && c <= 13) || c === 0x85 || c === 0x2028 || c === 0x2029 };
                return { type: 'atomic', body: { type: 'alternation', items: [crlf, single] } };
            }
            case 'X': return this.unsupported('\\X grapheme clusters');
            case 'N': return this.unsupported('\\N{name} character names');
        }
        if (ch >= '1' && ch <= '9') {
            return this.backreference();
        }
        return { type: 'char', test: parseClassEscape(this) };
    }

    /** `\n`: Java takes further digits while the group they name exists; `\1`–`\9` always are references. */
    private backreference(): RegexNode {
        let group = this.pattern.charCodeAt(this.pos + 1) - 48;
        this.pos += 2;
        for (;;) {
            const d = this.pos < this.pattern.length ? this.pattern.charCodeAt(this.pos) - 48 : -1;
            if (d < 0 || d > 9 || group * 10 + d > this.groups) {
                break;
            }
            group = group * 10 + d;
            this.pos++;
        }
        return { type: 'backref', group, fold: this.fold };
    }

    /** `\Q…\E`: the text between is literal. */
    private quoted(): RegexNode | undefined {
        this.pos += 2;
        const end = this.pattern.indexOf('\\E', this.pos);
        const text = this.pattern.slice(this.pos, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.pattern.length : end + 2;
        const items: RegexNode[] = Array.from(text, c => ({ type: 'char', test: literalTest(c.codePointAt(0)!, this.fold) }));
        return items.length === 0 ? undefined : items.length === 1 ? items[0] : { type: 'sequence', items };
    }
}
