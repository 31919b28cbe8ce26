import { patternSegment } from './patterns.js';
import type { Random } from './random.js';

/** A generated document and the offsets worth sending requests at (the end of a chain, a pattern). */
export interface GeneratedDocument {
    text: string;
    hotspots: number[];
}

/**
 * Whole documents built to hit one limit each: member chains thousands of steps deep (type
 * computation, completion), nesting past the parser's depth, long `and` chains, very long lines,
 * explosive regex and `like` patterns.
 */
export function hostileDocument(random: Random): GeneratedDocument {
    return random.pick([memberChain, deepNesting, longChain, longLine, patterns])(random);
}

function segment(where: string, name = 'hostile'): string {
    return `segment ${name} {\n    name: "Hostile"\n    where: ${where}\n}\n`;
}

/** `person.a.a.…` a few hundred to a few thousand steps deep, complete or cut off where completion is asked. */
function memberChain(random: Random): GeneratedDocument {
    const depth = random.pick([200, 1000, 2000, 5000]);
    const step = random.pick(['a', 'person', 'name', 'x1']);
    const chain = `${random.pick(['person', 'X', 'xEvent', '$1'])}${`.${step}`.repeat(depth)}`;
    const text = random.chance(0.5)
        ? segment(`${chain}.isNotNull()`)
        : `${segment('true', 'before')}${random.pick(['', '#', '@', '"'])}segment chain {\n    where: ${chain}.`;
    const end = text.lastIndexOf(chain) + chain.length;
    return { text, hotspots: [end, end + 1, text.indexOf(chain) + 8] };
}

/** Parentheses, `not`s, arrays or selects nested beyond the parser's bound. */
function deepNesting(random: Random): GeneratedDocument {
    const depth = random.pick([100, 500, 1200, 3000]);
    const [open, close] = random.pick<[string, string]>([['(', ')'], ['not (', ')'], ['[', ']'], ['count(', ') > 0'], ['select X from xEvent where (', ')']]);
    const balanced = random.chance(0.7);
    const text = segment(`${open.repeat(depth)}person.birthYear > 1${balanced ? close.repeat(depth) : ''}`);
    return { text, hotspots: [text.indexOf('person'), text.length - 3] };
}

/** An `and`/`or` chain of thousands of comparisons. */
function longChain(random: Random): GeneratedDocument {
    const operands = random.pick([500, 1000, 3000]);
    const operator = random.pick([' and ', ' or ', '\n    and ', ' + ']);
    const terms = Array.from({ length: operands }, (_, i) => `person.birthYear ${operator === ' + ' ? '' : `!= ${i}`}`.trim());
    const text = segment(operator === ' + ' ? `${terms.join(operator)} > 0` : terms.join(operator));
    return { text, hotspots: [text.indexOf('person'), Math.floor(text.length / 2), text.length - 4] };
}

/** One line of 20,000 to 200,000 characters: an identifier, a string, a list or comment text. */
function longLine(random: Random): GeneratedDocument {
    const length = random.pick([20_000, 100_000, 200_000]);
    const filler = random.pick([
        () => `person.name.firstName = "${'x'.repeat(length)}"`,
        () => `person.${'a'.repeat(length)} = 1`,
        () => `person.birthYear in [${Array.from({ length: length / 6 }, (_, i) => i).join(', ')}]`,
        () => `true // ${'comment '.repeat(length / 8)}`,
        () => `person.name.firstName = "${'\u{1F600}'.repeat(length / 2)}"`,
    ])();
    const text = segment(filler);
    return { text, hotspots: [text.indexOf('where') + 7, text.length - 5] };
}

function patterns(random: Random): GeneratedDocument {
    const text = patternSegment(random);
    return { text, hotspots: [text.indexOf('matches'), text.indexOf('like'), text.length - 3].filter(o => o >= 0) };
}
