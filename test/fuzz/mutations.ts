import type { GeneratedDocument } from './hostile-documents.js';
import { explosiveLike, explosiveRegex, pqlString } from './patterns.js';
import type { Random } from './random.js';

/** PQL's tokens and fragments a user types or pastes halfway, inserted anywhere. */
const TOKENS = [
    'and', 'or', 'not', 'select', 'from', 'where', 'exists', 'occurs', 'before', 'after', 'between', 'now', 'today',
    'days', 'months', 'in', 'true', 'false', 'null', 'segment', 'test', 'name:', 'where:', 'description:', 'expect:',
    '{', '}', '(', ')', '[', ']', '"', "'", '.', ',', '=', '!=', '<=', '>', '=>', ':', '+', '-', '*', '/', '%', '$1',
    '//', '/*', '*/', 'inSegment("', 'inSegment("sneaker_abandoners")', 'person.', 'person.name.', 'xEvent', 'xEvent[',
    'X.', 'X.timestamp occurs', 'select X from xEvent where', 'matches', 'like', '.count()', '.isNotNull()', '.contains(',
    'chain(xEvent, timestamp, [', 'CHAIN', 'if(', 'count(', 'sum(', '1e308', '-0', '9007199254740993', '0x10', '"%"',
    '"2026-02-30T10:00:00Z"', '\\', '\\u', '"\\', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '_id',
];

/** Unusual characters: NUL and other controls, lone and split surrogates, line and paragraph separators, a BOM. */
const ODD_CHARACTERS = ['\0', '\u0001', '\u001b', '\r', '\r\n', '\t', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u{1F600}', '\u0301', '\u200B', '\u00A0', '\uFFFF'];

type Mutation = (text: string, at: number, random: Random) => string;

const MUTATIONS: Mutation[] = [
    // Deletions: a few characters, a run up to a line, a whole line.
    (text, at, random) => text.slice(0, at) + text.slice(at + random.int(1, 5)),
    (text, at, random) => text.slice(0, at) + text.slice(at + random.int(5, 80)),
    (text, at) => text.slice(0, lineStart(text, at)) + text.slice(lineEnd(text, at) + 1),
    // Insertions of PQL tokens, with or without surrounding spaces.
    (text, at, random) => insert(text, at, random.pick(TOKENS)),
    (text, at, random) => insert(text, at, ` ${random.pick(TOKENS)} `),
    // Truncation: the document as it was while being typed.
    (text, at) => text.slice(0, at),
    // Unbalanced quotes, brackets and comments.
    (text, at, random) => insert(text, at, random.pick(['"', '(', ')', '[', ']', '{', '}', '/*', '"\n', '`'])),
    // Nesting: a fragment wrapped in a few to a thousand parentheses or `not`s.
    (text, at, random) => {
        const depth = random.pick([3, 30, 300, 1100]);
        const [open, close] = random.pick<[string, string]>([['(', ')'], ['not (', ')'], ['[', ']']]);
        return insert(text, at, `${open.repeat(depth)}person.birthYear = 1${random.chance(0.8) ? close.repeat(depth) : ''}`);
    },
    // Long lines.
    (text, at, random) => insert(text, at, random.pick(['a', 'x.', ' ', '"', '%'] as const).repeat(random.pick([1_000, 10_000, 60_000]))),
    // Odd characters.
    (text, at, random) => insert(text, at, random.pick(ODD_CHARACTERS)),
    (text, at, random) => insert(text, at, Array.from({ length: random.int(2, 20) }, () => random.pick(ODD_CHARACTERS)).join('')),
    // Copy-paste: a slice of the document elsewhere, a line duplicated many times.
    (text, at, random) => insert(text, random.int(0, text.length), text.slice(at, at + random.int(1, 200))),
    (text, at, random) => insert(text, lineStart(text, at), text.slice(lineStart(text, at), lineEnd(text, at) + 1).repeat(random.int(2, 200))),
    // A deep member chain after the cursor.
    (text, at, random) => insert(text, at, `person${'.a'.repeat(random.pick([50, 500, 3000]))}${random.pick(['', '.', ' = 1'])}`),
    // Explosive patterns.
    (text, at, random) => insert(text, at, ` matches ${pqlString(explosiveRegex(random))}`),
    (text, at, random) => insert(text, at, ` like ${pqlString(explosiveLike(random))}`),
];

/** The longest text a mutation leaves for the next (documents are cut to a quarter of it later). */
const MAX_MUTATED = 1024 * 1024;

/** `seed` with one to six random mutations; the hotspots are where they happened. */
export function mutate(seed: string, random: Random): GeneratedDocument {
    let text = seed;
    const hotspots: number[] = [];
    const count = random.int(1, 6);
    for (let i = 0; i < count; i++) {
        const at = random.int(0, text.length);
        // Capped at each step: a long line repeated, then repeated again, outgrew V8's longest string.
        text = random.pick(MUTATIONS)(text, at, random).slice(0, MAX_MUTATED);
        hotspots.push(Math.min(at, text.length));
    }
    return { text, hotspots };
}

function insert(text: string, at: number, fragment: string): string {
    return text.slice(0, at) + fragment + text.slice(at);
}

function lineStart(text: string, at: number): number {
    return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
}
