import { beforeEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createParser } from '../helpers/segment-test-services.js';

const { parse, clear } = createParser();
beforeEach(() => clear());

/** A broken segment followed by a second one with its own error: recovery must reach the second. */
function withFollower(broken: string): string {
    return `segment broken {\n    where: ${broken}\n}\n\nsegment follower {\n    where: person.birthYear > 1980 and\n}\n`;
}

function describeDiagnostics(diagnostics: Diagnostic[] = []): string[] {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
}

async function diagnose(text: string): Promise<string[]> {
    const document = await parse(text, { validation: true });
    return describeDiagnostics(document.diagnostics);
}

describe('broken input gets a precise diagnostic and recovery goes on', () => {
    test('unclosed string', async () => {
        const found = await diagnose(withFollower('person.name.firstName = "Jo'));
        expect(found[0]).toBe('2:36 syntax/unclosed-string Unclosed string: the line ends before the closing ".');
        expect(found).toContainEqual(expect.stringMatching(/^7:1 syntax\/parse Expected an expression .* but found '\}'\.$/u));
    });

    test('missing closing parenthesis', async () => {
        const found = await diagnose(withFollower('not (person.birthYear > 1980'));
        expect(found[0]).toBe("3:1 syntax/parse Expected ')' but found '}'.");
        expect(found).toContainEqual(expect.stringMatching(/^7:1 syntax\/parse /u));
    });

    test('a lone and', async () => {
        const found = await diagnose(withFollower('and'));
        expect(found[0]).toMatch(/^2:12 syntax\/parse Expected an expression \(.*\) but found 'and'\.$/u);
        expect(found).toContainEqual(expect.stringMatching(/^7:1 syntax\/parse /u));
    });

    test('a keyword that cannot follow occurs', async () => {
        const found = await diagnose(withFollower('person.birthDate occurs since today'));
        expect(found).toContainEqual(expect.stringMatching(/^2:36 syntax\/expected-time Expected a time after 'occurs' .* but found 'since'\.$/u));
        expect(found).toContainEqual(expect.stringMatching(/^7:1 syntax\/parse /u));
    });

    test('a missing time unit', async () => {
        const found = await diagnose(withFollower('person.birthDate occurs <= 3 before now'));
        expect(found[0]).toMatch(/^2:41 syntax\/parse Expected a time unit \(seconds, minutes, hours, days.*\) but found 'before'\./u);
    });

    test('an emoji is named whole, not as half of a surrogate pair', async () => {
        const found = await diagnose('segment t😀x { where: person.birthYear > 1 }');
        expect(found[0]).toBe("1:10 syntax/unexpected-character Unexpected character '😀'. Remove it.");
    });

    test('typographic quotes', async () => {
        const found = await diagnose(withFollower('homeAddress.stateProvinceISO = “CA"'));
        expect(found[0]).toMatch(/^2:43 syntax\/curly-quote Typographic quote “/u);
    });

    test('unknown top-level text', async () => {
        const found = await diagnose('segmnt a { where: x = 1 }');
        expect(found[0]).toMatch(/^1:1 syntax\/parse .*'segment <id> \{ … \}'.* but found 'segmnt'/u);
    });

    test('every lexer and parser error has a syntax/ code, and the text is kept for recovery', async () => {
        const document = await parse(withFollower('x = = 1 “'), { validation: true });
        // Langium marks its own lexer and parser diagnostics in `data.code`.
        const syntax = (document.diagnostics ?? []).filter(d => /^(lexing|parsing)-error$/u.test((d.data as { code?: string })?.code ?? ''));
        expect(syntax.length).toBeGreaterThanOrEqual(2);
        for (const diagnostic of syntax) {
            expect(String(diagnostic.code)).toMatch(/^syntax\//u);
        }
        expect(document.parseResult.value.segments.map(s => s.name)).toEqual(['broken', 'follower']);
    });
});

describe('foreign operators', () => {
    test.each([
        ['a == 1', '==', '=', 13], ['a = 1 && b = 2', '&&', 'and', 17], ['a = 1 || b = 2', '||', 'or', 17],
    ])('%s is reported with its PQL spelling', async (condition, operator, replacement, character) => {
        const document = await parse(`segment s {\n    where: ${condition}\n}`, { validation: true });
        const [diagnostic] = document.diagnostics ?? [];
        expect(diagnostic.code).toBe('syntax/foreign-operator');
        expect(diagnostic.message).toBe(`'${operator}' is not a PQL operator: write '${replacement}'.`);
        expect(diagnostic.data).toMatchObject({ replacement });
        expect(diagnostic.range.start).toEqual({ line: 1, character });
    });
});
