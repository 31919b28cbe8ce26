import type { Random } from './random.js';

/**
 * Regular expressions and `like` patterns whose naive matching time explodes: nested and adjacent
 * quantifiers over overlapping atoms, counted optionals (`(a?){n}a{n}`), alternations that overlap,
 * backreferences, and `like` globs with many `%`. The evaluator and the editor's regex checks must
 * stay bounded on all of them (issues 13 and 15).
 */
export function explosiveRegex(random: Random): string {
    const n = random.int(2, 40);
    switch (random.int(0, 7)) {
        case 0: return `^(a?){${n}}a{${n}}$`;
        case 1: return `${'a*'.repeat(random.int(3, 12))}b`;
        case 2: return `${'.*'.repeat(random.int(3, 10))}!!`;
        case 3: return `^(a*)\\1*b$`;
        case 4: return `^(${random.pick(['a|a', 'a|aa', 'a+|b', '\\w|a', '.|a'])})*${random.pick(['$', 'c', '!'])}`;
        case 5: return `(${nested(random, random.int(1, 4))})${random.pick(['$', 'b', '\\1'])}`;
        case 6: return `^(([a-z])+.)+[A-Z]([a-z])+$`;
        default: return nested(random, random.int(1, 5));
    }
}

/** Atoms nested in groups, each with a random quantifier: `((a*)+b?){3,}` and the like. */
function nested(random: Random, depth: number): string {
    if (depth === 0) {
        return random.pick(['a', '.', '[ab]', '\\w', 'a|b', '\\d', '(?:a)', 'aa']);
    }
    const parts = Array.from({ length: random.int(1, 3) }, () => `(${nested(random, depth - 1)})${quantifier(random)}`);
    return parts.join('');
}

function quantifier(random: Random): string {
    return random.pick(['*', '+', '?', '*?', '++', `{${random.int(0, 30)}}`, `{${random.int(0, 5)},}`, `{0,${random.int(1, 50)}}`, '']);
}

/** `like` globs: many `%` between letters, `_` runs, escapes. */
export function explosiveLike(random: Random): string {
    const percents = random.int(3, 30);
    switch (random.int(0, 3)) {
        case 0: return `${'%a'.repeat(percents)}%b`;
        case 1: return `${'%_'.repeat(percents)}%`;
        case 2: return `%${'a%'.repeat(percents)}\\%b`;
        default: return Array.from({ length: percents }, () => random.pick(['%', '_', 'a', 'ab', '\\_', '\\\\'])).join('');
    }
}

/** A PQL string literal holding `value` (backslashes and quotes escaped). */
export function pqlString(value: string): string {
    return `"${value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`;
}

/** A segment that applies generated patterns to string fields of the bundled schema. */
export function patternSegment(random: Random): string {
    const fields = ['person.name.firstName', 'personalEmail.address', 'homeAddress.city', 'X.web.webPageDetails.name'];
    const clauses = Array.from({ length: random.int(1, 4) }, () => {
        const field = random.pick(fields.slice(0, 3));
        return random.pick([
            () => `${field} matches ${pqlString(explosiveRegex(random))}`,
            () => `${field}.matches(${pqlString(explosiveRegex(random))})`,
            () => `${field}.regexGroup(${pqlString(explosiveRegex(random))}, 1) = "a"`,
            () => `${field} like ${pqlString(explosiveLike(random))}`,
            () => `select X from xEvent where ${fields[3]} like ${pqlString(explosiveLike(random))}`,
        ])();
    });
    return `segment patterns_${random.int(0, 999)} {\n    name: "Patterns"\n    where: ${clauses.join('\n        or ')}\n}\n`;
}
