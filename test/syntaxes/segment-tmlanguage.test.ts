import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compile, LiteTokenizer, type Grammar, type Rule, type Token } from './textmate-lite.js';

const root = new URL('../../', import.meta.url);
const grammarText = readFileSync(new URL('syntaxes/segment.tmLanguage.json', root), 'utf8');
const grammar = JSON.parse(grammarText) as Grammar & { name: string };
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    contributes: { grammars: Array<{ language: string; scopeName: string; path: string }> };
};
const tokenizer = new LiteTokenizer(grammar);

/** The scopes of the first token whose text is `text` on the tokenized `line`. */
function scopesOf(line: string, text: string, occurrence = 0): string[] {
    const tokens: Token[] = tokenizer.tokenize(line).flat();
    const matching = tokens.filter(token => token.text === text);
    expect(matching.length, `a token '${text}' in ${JSON.stringify(tokens.map(t => t.text))}`).toBeGreaterThan(occurrence);
    return matching[occurrence].scopes;
}

function lastScope(line: string, text: string, occurrence = 0): string {
    return scopesOf(line, text, occurrence).at(-1)!;
}

function allRegexes(rules: Rule[]): string[] {
    return rules.flatMap(rule => [rule.match, rule.begin, rule.end].filter((r): r is string => !!r).concat(allRegexes(rule.patterns ?? [])));
}

describe('segment.tmLanguage.json', () => {
    test('is the grammar package.json contributes, with scope source.segment', () => {
        expect(grammar.scopeName).toBe('source.segment');
        expect(packageJson.contributes.grammars).toContainEqual({ language: 'segment', scopeName: 'source.segment', path: './syntaxes/segment.tmLanguage.json' });
    });

    test('every regex compiles and every include resolves', () => {
        const regexes = [...allRegexes(grammar.patterns), ...Object.values(grammar.repository).flatMap(rule => allRegexes([rule]))];
        expect(regexes.length).toBeGreaterThan(30);
        for (const regex of regexes) {
            expect(() => compile(regex), regex).not.toThrow();
        }
        const includes = JSON.stringify(grammar).match(/"include":"#[\w-]+"/gu) ?? [];
        for (const include of includes) {
            expect(Object.keys(grammar.repository)).toContain(include.slice('"include":"#'.length, -1));
        }
    });

    test('segment declarations and property keys', () => {
        const line = 'segment vip_customers {';
        expect(lastScope(line, 'segment')).toBe('storage.type.segment.segment');
        expect(lastScope(line, 'vip_customers')).toBe('entity.name.type.segment.segment');
        expect(lastScope('    name: "VIP"', 'name')).toBe('support.type.property-name.segment');
        expect(lastScope('    where: a', 'where')).toBe('support.type.property-name.segment');
        expect(lastScope('    aepId: "x"', 'aepId')).toBe('support.type.property-name.segment');
        expect(lastScope('    evaluation: streaming', 'streaming')).toBe('constant.language.evaluation.segment');
    });

    test('keywords in any case, but not as member names', () => {
        expect(lastScope('a AND b', 'AND')).toBe('keyword.operator.logical.segment');
        expect(lastScope('a or b', 'or')).toBe('keyword.operator.logical.segment');
        expect(lastScope('x notIn [1]', 'notIn')).toBe('keyword.operator.word.segment');
        expect(lastScope('select X from xEvent where X.a', 'select')).toBe('keyword.control.iteration.segment');
        expect(lastScope('select X from xEvent where X.a', 'xEvent')).toBe('variable.language.xevent.segment');
        expect(lastScope('CHAIN(xEvent, timestamp, [C0: WHAT(x)])', 'CHAIN')).toBe('keyword.control.chain.segment');
        expect(lastScope('CHAIN(xEvent, timestamp, [C0: WHAT(x)])', 'C0')).toBe('entity.name.label.segment');
        expect(lastScope('X.type = "a"', 'type')).toBe('variable.other.property.segment');
        expect(lastScope('X.and = 1', 'and')).toBe('variable.other.property.segment');
        expect(lastScope('a = true', 'true')).toBe('constant.language.boolean.segment');
    });

    test('functions and method calls', () => {
        expect(lastScope('person.name.startsWith("J")', 'startsWith')).toBe('entity.name.function.member.segment');
        expect(lastScope('orders.count() > 1', 'count')).toBe('entity.name.function.member.segment');
        expect(lastScope('inSegment("vip")', 'inSegment')).toBe('support.function.builtin.segment');
        expect(lastScope('x = currentYear()', 'currentYear')).toBe('support.function.builtin.segment');
        expect(lastScope('x = myFunction(1)', 'myFunction')).toBe('entity.name.function.segment');
    });

    test('strings with escapes, single-quoted and unterminated strings', () => {
        expect(scopesOf('a = "x\\"y"', '\\"')).toContain('string.quoted.double.segment');
        expect(lastScope('a = "x\\"y"', '\\"')).toBe('constant.character.escape.segment');
        expect(lastScope("a = 'US'", 'US')).toBe('string.quoted.single.segment');
        const [first, second] = tokenizer.tokenize('a = "open\nb and c');
        expect(first.at(-1)!.scopes).toContain('string.quoted.double.segment');
        expect(second.find(t => t.text === 'and')!.scopes.at(-1)).toBe('keyword.operator.logical.segment');
    });

    test('numbers, parameters, operators', () => {
        for (const number of ['1985', '-51.24'.slice(1), '.45', '2.02E-12']) {
            expect(lastScope(`x = ${number}`, number)).toBe('constant.numeric.segment');
        }
        expect(lastScope('var1 > 0', 'var1')).toBe('variable.other.readwrite.segment');
        expect(lastScope('$1.person', '$1')).toBe('variable.parameter.positional.segment');
        expect(lastScope('a <= 2', '<=')).toBe('keyword.operator.comparison.segment');
        expect(lastScope('a == 2', '==')).toBe('invalid.illegal.operator.segment');
        expect(lastScope('(P) => P.a', '=>')).toBe('storage.type.function.arrow.segment');
    });

    test('time words and units', () => {
        const line = 'X.timestamp occurs <= 30 DAYS before now';
        expect(lastScope(line, 'occurs')).toBe('keyword.other.temporal.segment');
        expect(lastScope(line, 'DAYS')).toBe('keyword.other.unit.segment');
        expect(lastScope(line, 'before')).toBe('keyword.other.temporal.segment');
        expect(lastScope(line, 'now')).toBe('constant.language.time.segment');
        expect(lastScope('X.t occurs between last month and this year', 'month')).toBe('keyword.other.unit.segment');
        expect(lastScope('X.t occurs between last month and this year', 'year')).toBe('keyword.other.unit.segment');
    });

    test('line, block and documentation comments, across lines', () => {
        expect(scopesOf('a = 1 // and more', ' and more')).toContain('comment.line.double-slash.segment');
        expect(lastScope('a /* b */ and c', ' b ')).toBe('comment.block.segment');
        expect(lastScope('a /* b */ and c', 'and')).toBe('keyword.operator.logical.segment');
        const lines = tokenizer.tokenize('/** Documentation\n * of a segment\n */\nsegment s {');
        expect(lines[1].every(t => t.scopes.includes('comment.block.documentation.segment'))).toBe(true);
        expect(lines[3].find(t => t.text === 'segment')!.scopes.at(-1)).toBe('storage.type.segment.segment');
    });
});

describe('language-configuration.json', () => {
    const configuration = JSON.parse(readFileSync(new URL('language-configuration.json', root), 'utf8')) as Record<string, unknown> & {
        comments: { lineComment: string; blockComment: [string, string] };
        autoClosingPairs: Array<{ open: string; close: string }>;
        surroundingPairs: Array<[string, string]>;
        brackets: Array<[string, string]>;
        folding: { markers: { start: string; end: string } };
        wordPattern: string;
    };

    test('comments, brackets, auto-closing and surrounding pairs', () => {
        expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(configuration.brackets).toEqual([['{', '}'], ['[', ']'], ['(', ')']]);
        expect(configuration.autoClosingPairs.map(p => p.open + p.close)).toEqual(expect.arrayContaining(['{}', '[]', '()', '""']));
        expect(configuration.surroundingPairs).toEqual(expect.arrayContaining([['"', '"'], ['(', ')']]));
    });

    test('folding markers and the word pattern work as regexes', () => {
        expect(new RegExp(configuration.folding.markers.start).test('  // #region customers')).toBe(true);
        expect(new RegExp(configuration.folding.markers.end).test('// #endregion')).toBe(true);
        const words = 'person.birthYear >= 1980 and $1.x'.match(new RegExp(configuration.wordPattern, 'g'));
        expect(words).toEqual(['person', 'birthYear', '1980', 'and', '$1', 'x']);
    });
});
