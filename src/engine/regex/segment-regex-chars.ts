/**
 * Character tests of the Java regex engine (segment-regex-syntax.ts): the predefined classes
 * (`\d \w \s \h \v`), `\p{…}` properties, line terminators and case folding, as
 * `java.util.regex.Pattern` defines them. Every test takes one code point.
 */

/** Does a code point belong to a class? */
export type CharTest = (cp: number) => boolean;

/** A named property Java knows but this engine cannot test (a Unicode block): valid Java, refused here. */
export class UnsupportedProperty extends Error {}

export const ANY: CharTest = () => true;

export function range(from: number, to: number): CharTest {
    return cp => cp >= from && cp <= to;
}

export function union(tests: CharTest[]): CharTest {
    return tests.length === 1 ? tests[0] : cp => tests.some(t => t(cp));
}

export function not(test: CharTest): CharTest {
    return cp => !test(cp);
}

/** Java line terminators: \n, \r, \u0085, \u2028, \u2029 (only \n in UNIX_LINES mode, flag `d`). */
export function isLineTerminator(cp: number, unixLines: boolean): boolean {
    return cp === 10 || (!unixLines && (cp === 13 || cp === 0x85 || cp === 0x2028 || cp === 0x2029));
}

export const DIGIT = range(48, 57);
/** `\w` (and the `\b` boundary, as in Java 19+): ASCII letters, digits and `_`. */
export const WORD: CharTest = cp => (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95;
const SPACE: CharTest = cp => cp === 32 || (cp >= 9 && cp <= 13);
const HORIZONTAL: CharTest = cp => cp === 32 || cp === 9 || cp === 0xa0 || cp === 0x1680 || cp === 0x180e
    || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000;
const VERTICAL: CharTest = cp => (cp >= 10 && cp <= 13) || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

/** The predefined class of `\d \D \s \S \w \W \h \H \v \V`, or undefined for another letter. */
export function predefinedClass(letter: string): CharTest | undefined {
    const base: Record<string, CharTest> = { d: DIGIT, s: SPACE, w: WORD, h: HORIZONTAL, v: VERTICAL };
    const lower = letter.toLowerCase();
    const test = Object.prototype.hasOwnProperty.call(base, lower) ? base[lower] : undefined;
    return test && (letter === lower ? test : not(test));
}

/** POSIX classes (US-ASCII only, as in Java without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, CharTest> = {
    Lower: range(97, 122), Upper: range(65, 90), ASCII: range(0, 127),
    Alpha: cp => (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90), Digit: DIGIT,
    Alnum: cp => (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57),
    Punct: cp => (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126),
    Graph: range(33, 126), Print: range(32, 126), Blank: cp => cp === 32 || cp === 9,
    Cntrl: cp => cp < 32 || cp === 127, XDigit: cp => (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 70) || (cp >= 97 && cp <= 102),
    Space: SPACE,
};

/** `java.lang.Character` methods as the JavaScript Unicode property that tests the same set. */
const JAVA_METHODS: Record<string, string> = {
    javaLowerCase: 'Lowercase', javaUpperCase: 'Uppercase', javaTitleCase: 'Lt', javaDigit: 'Nd', javaDefined: 'Assigned',
    javaLetter: 'L', javaLetterOrDigit: '[\\p{L}\\p{Nd}]', javaAlphabetic: 'Alphabetic', javaIdeographic: 'Ideographic',
    javaSpaceChar: 'Z', javaMirrored: 'Bidi_Mirrored', javaISOControl: '[\\x00-\\x1F\\x7F-\\x9F]',
    javaWhitespace: '[\\t-\\r\\x1C-\\x1F\\p{Z}--[\\xA0\\u2007\\u202F]]',
};

/** `\p{Is…}` binary properties, Java name (lower case, no `_`/space) → JavaScript name. */
const BINARY: Record<string, string> = {
    alphabetic: 'Alphabetic', letter: 'L', digit: 'Nd', whitespace: 'White_Space', uppercase: 'Uppercase',
    lowercase: 'Lowercase', titlecase: 'Lt', punctuation: 'P', control: 'Cc', hexdigit: 'Hex_Digit',
    ideographic: 'Ideographic', joincontrol: 'Join_Control', noncharactercodepoint: 'Noncharacter_Code_Point',
    assigned: 'Assigned', emoji: 'Emoji',
};

const CATEGORIES = new Set(['L', 'LC', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc',
    'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Cs', 'Co', 'Cn']);

/** A test backed by a JavaScript `v`-mode class, answers cached per code point. */
function jsClass(source: string): CharTest | undefined {
    let regex: RegExp;
    try {
        regex = new RegExp(`^${source.startsWith('[') ? source : `\\p{${source}}`}$`, 'v');
    } catch {
        return undefined;
    }
    const cache = new Map<number, boolean>();
    return cp => {
        let known = cache.get(cp);
        if (known === undefined) {
            known = regex.test(String.fromCodePoint(cp));
            if (cache.size < 4096) {
                cache.set(cp, known);
            }
        }
        return known;
    };
}

/**
 * The test of `\p{name}` (Java's spellings: POSIX names, `javaLowerCase`…, categories `L`/`IsL`/`gc=L`,
 * scripts `IsLatin`/`sc=Latin`, binary properties `IsAlphabetic`); undefined for a name Java does not know.
 * Unicode blocks (`InGreek`, `blk=`) are Java but not testable here: `UnsupportedProperty`.
 */
export function propertyClass(name: string): CharTest | undefined {
    const eq = name.indexOf('=');
    if (eq >= 0) {
        const key = name.slice(0, eq).toLowerCase();
        const value = name.slice(eq + 1);
        if (key === 'gc' || key === 'general_category') {
            return CATEGORIES.has(value) ? jsClass(value) : undefined;
        }
        if (key === 'sc' || key === 'script') {
            return jsClass(`Script=${value}`);
        }
        if (key === 'blk' || key === 'block') {
            throw new UnsupportedProperty(`Unicode blocks (\\p{${name}})`);
        }
        return undefined;
    }
    if (name.startsWith('In')) {
        throw new UnsupportedProperty(`Unicode blocks (\\p{${name}})`);
    }
    const own = (table: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);
    if (own(POSIX, name)) {
        return POSIX[name];
    }
    if (own(JAVA_METHODS, name)) {
        return jsClass(JAVA_METHODS[name]);
    }
    const bare = name.startsWith('Is') ? name.slice(2) : name;
    if (CATEGORIES.has(bare)) {
        return jsClass(bare);
    }
    if (bare !== name) {
        const key = bare.toLowerCase().replace(/[_\s-]/g, '');
        if (own(BINARY, key)) {
            return jsClass(BINARY[key]);
        }
        if (own(POSIX, bare)) {
            return POSIX[bare];
        }
        return /^[A-Za-z_]+$/.test(bare) ? jsClass(`Script=${bare}`) : undefined;
    }
    return undefined;
}

/** Upper/lower case of one code point when it is one code point, else the code point itself. */
function mapCase(cp: number, upper: boolean): number {
    const text = String.fromCodePoint(cp);
    const mapped = upper ? text.toUpperCase() : text.toLowerCase();
    const out = mapped.codePointAt(0)!;
    return mapped.length === String.fromCodePoint(out).length ? out : cp;
}

/**
 * Case folding of CASE_INSENSITIVE (`(?i)`): US-ASCII letters only, unless UNICODE_CASE (`(?u)`) is on too,
 * then Unicode simple case mapping (upper, and lower of upper, as Java compares).
 */
export function foldTest(test: CharTest, unicode: boolean): CharTest {
    if (!unicode) {
        return cp => test(cp) || (cp >= 65 && cp <= 90 ? test(cp + 32) : cp >= 97 && cp <= 122 && test(cp - 32));
    }
    return cp => {
        if (test(cp)) {
            return true;
        }
        const upper = mapCase(cp, true);
        const lower = mapCase(cp, false);
        return (upper !== cp && test(upper)) || (lower !== cp && test(lower)) || test(mapCase(upper, false));
    };
}

/** The test of one literal code point, folded when `(?i)` is on. */
export function literalTest(cp: number, fold: { unicode: boolean } | undefined): CharTest {
    if (!fold) {
        return c => c === cp;
    }
    if (!fold.unicode) {
        const isUpper = cp >= 65 && cp <= 90;
        const isLower = cp >= 97 && cp <= 122;
        const other = isUpper ? cp + 32 : isLower ? cp - 32 : cp;
        return c => c === cp || c === other;
    }
    const key = mapCase(mapCase(cp, true), false);
    return c => c === cp || mapCase(mapCase(c, true), false) === key;
}

/** Do two code points compare equal under the given folding (backreferences)? */
export function sameChar(a: number, b: number, fold: { unicode: boolean } | undefined): boolean {
    return a === b || (fold !== undefined && literalTest(a, fold)(b));
}
