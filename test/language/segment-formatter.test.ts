import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isReference, type AstNode } from 'langium';
import { expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { DEFAULT_FORMATTING_OPTIONS, formatEdits, formatSegmentText } from '../../src/language/lsp/segment-formatter.js';
import { layout } from '../../src/language/lsp/segment-format-layout.js';
import { collectTokens, tokenImages } from '../../src/language/lsp/segment-format-tokens.js';
import { createTestServices, inSegment } from '../helpers/segment-test-services.js';

const { Segment } = createTestServices();
const here = fileURLToPath(new URL('.', import.meta.url));
const format = expectFormatting(Segment);

/** The parsed meaning of a text: its AST without positions, references by their text. */
function shape(text: string): string {
    const result = Segment.parser.LangiumParser.parse(text);
    expect(result.lexerErrors).toEqual([]);
    expect(result.parserErrors).toEqual([]);
    const plain = (value: unknown): unknown => {
        if (Array.isArray(value)) {
            return value.map(plain);
        }
        if (isReference(value)) {
            return { ref: value.$refText };
        }
        if (value && typeof value === 'object') {
            const node = value as AstNode;
            return Object.fromEntries([['type', node.$type], ...Object.entries(node).filter(([key]) => !key.startsWith('$')).map(([key, v]) => [key, plain(v)])]);
        }
        return value;
    };
    return JSON.stringify(plain(result.value));
}

/**
 * Formatting must be idempotent and keep the tokens, the comments and the parsed meaning. The layout
 * is checked before the formatter's safety net (which drops all edits when tokens would change), so
 * a layout bug cannot hide behind it.
 */
function expectStableFormatting(text: string): string {
    const tokens = collectTokens(Segment, text, Segment.parser.LangiumParser.parse(text));
    expect(tokens).toBeDefined();
    expect(tokens!.map(token => token.text)).toEqual(tokenImages(Segment, text));
    let laidOut = text;
    for (const edit of layout(text, tokens!, { indent: '    ', eol: '\n' }).reverse()) {
        laidOut = laidOut.slice(0, edit.offset) + edit.newText + laidOut.slice(edit.end);
    }
    expect(tokenImages(Segment, laidOut)).toEqual(tokenImages(Segment, text));
    const once = formatSegmentText(Segment, text);
    expect(once).toBe(laidOut);
    expect(formatSegmentText(Segment, once)).toBe(once);
    expect(shape(once)).toBe(shape(text));
    return once;
}

describe('formatter tokens', () => {
    test('come from the tree, comments before, inside and after the segments included, without lexing the text again', () => {
        const text = '/* head */ // note\nsegment a { // after brace\n  where: x = 1 /* in */ and y = 2 }\n// tail\n/* end */\n';
        const parsed = Segment.parser.LangiumParser.parse(text);
        const lexer = Segment.parser.Lexer;
        const tokenize = lexer.tokenize.bind(lexer);
        let lexed = 0;
        lexer.tokenize = (...args) => (lexed++, tokenize(...args));
        try {
            const tokens = collectTokens(Segment, text, parsed)!;
            expect(lexed).toBe(0);
            expect(tokens.map(token => token.text)).toEqual(tokenImages(Segment, text));
            expect(tokens.filter(token => token.comment).map(token => `${token.comment} ${token.text}`))
                .toEqual(['block /* head */', 'line // note', 'line // after brace', 'block /* in */', 'line // tail', 'block /* end */']);
        } finally {
            lexer.tokenize = tokenize;
        }
    });
});

describe('formatter layout', () => {
    test('puts the header on one line and one property per line', async () => {
        await format({
            before: 'segment   vip{name:"VIP"   evaluation : batch\n\n\n   where:person.age>30}',
            after: 'segment vip {\n    name: "VIP"\n    evaluation: batch\n\n    where: person.age > 30\n}\n',
        });
    });

    test('separates segments by one blank line and keeps a comment with the segment below it', async () => {
        await format({
            before: '// file header\nsegment a { where: x = 1 } segment b { where: y = 2 }\n\n\n\n// about c\nsegment c { where: z = 3 }\n\n\n',
            after: '// file header\nsegment a {\n    where: x = 1\n}\n\nsegment b {\n    where: y = 2\n}\n\n// about c\nsegment c {\n    where: z = 3\n}\n',
        });
    });

    test('spaces binary operators and commas, keeps calls, member access and filters tight', async () => {
        await format({
            before: inSegment('person.age%5=0 and xEvent [ type="order" ] . count( ) >= 2 and date( 2019 ,12 , 31 )!=x and -  1<-y'),
            after: inSegment('person.age % 5 = 0 and xEvent[type = "order"].count() >= 2 and date(2019, 12, 31) != x and -1 < -y'),
        });
    });

    test('writes time specifications single spaced', async () => {
        await format({
            before: inSegment('X.timestamp   occurs   <=30 days   before  now and Y.t occurs between  last  month and last week'),
            after: inSegment('X.timestamp occurs <= 30 days before now and Y.t occurs between last month and last week'),
        });
    });

    test('writes not, !, lambdas, up references, parameters, lists and objects in one style', async () => {
        await format({
            before: inSegment('not ( a ) and not b and ! c and ^ ^ . person.gender = $1 . x and ( P ) =>P.a in [ 1,2 ] and m = { "k" : 1 }'),
            after: inSegment('not(a) and not b and !c and ^^.person.gender = $1.x and (P) => P.a in [1, 2] and m = {"k": 1}'),
        });
    });

    test('keeps line breaks before and/or, moves a break after the operator before it, indents continuation lines', async () => {
        await format({
            before: 'segment s {\n  where: a = 1 and\nb = 2\n      OR c = 3 and d = 4\n}\n',
            after: 'segment s {\n    where: a = 1\n        and b = 2\n        OR c = 3 and d = 4\n}\n',
        });
    });

    test('indents inside brackets relative to the line that opens them', async () => {
        await format({
            before: 'segment s {\nwhere: a = 1 and (\nb = 2\nor c = 3\n)\n}\n',
            after: 'segment s {\n    where: a = 1 and (\n        b = 2\n        or c = 3\n    )\n}\n',
        });
    });

    test('puts each chain step on its own line when the chain spans lines', async () => {
        await format({
            before: 'segment s { where: CHAIN(xEvent, timestamp, [C0: WHAT(eventType = "a") WHEN(<= 24 hours before now),\nC1: WHAT(eventType = "b")]) }',
            after: 'segment s {\n    where: CHAIN(xEvent, timestamp, [\n        C0: WHAT(eventType = "a") WHEN(<= 24 hours before now),\n        C1: WHAT(eventType = "b")\n    ])\n}\n',
        });
    });

    test('keeps a one-line chain on one line', async () => {
        await format({
            before: inSegment('chain( xEvent,timestamp,[ A:WHAT(eventType = "a")  COUNT( 5 ) ] )'),
            after: inSegment('chain(xEvent, timestamp, [A: WHAT(eventType = "a") COUNT(5)])'),
        });
    });

    test('indents a multi-line chain on a continuation line from that line', async () => {
        await format({
            before: 'segment s {\nwhere: x = 1\nand chain(xEvent, timestamp, [\nA: WHAT(y = 1)\n])\n}',
            after: 'segment s {\n    where: x = 1\n        and chain(xEvent, timestamp, [\n            A: WHAT(y = 1)\n        ])\n}\n',
        });
    });

    test('keeps breaks before from/where of iterations and after commas', async () => {
        await format({
            before: 'segment s {\n where: select X from xEvent\n where X.a = 1,\n Y from xEvent where Y.b = 2\n}',
            after: 'segment s {\n    where: select X from xEvent\n        where X.a = 1,\n        Y from xEvent where Y.b = 2\n}\n',
        });
    });

    test('keeps line, block and trailing comments', async () => {
        await format({
            before: 'segment s { // after brace\n// before name\n  name: "n" /* inline */\n  where: a = 1 // why\n  and b = 2\n  /* last\n     words */\n}\n// end',
            after: 'segment s { // after brace\n    // before name\n    name: "n" /* inline */\n    where: a = 1 // why\n        and b = 2\n    /* last\n     words */\n}\n\n// end\n',
        });
    });

    test('never joins the line after a line comment', async () => {
        const text = 'segment s {\n    where: f(a, // first\n        b)\n}\n';
        expect(expectStableFormatting(text)).toBe(text);
    });

    test('uses tabs when the editor asks for them', async () => {
        await format({
            before: 'segment s {\nwhere: a\nand b\n}',
            after: 'segment s {\n\twhere: a\n\t\tand b\n}\n',
            options: { insertSpaces: false, tabSize: 4 },
        });
    });

    test('keeps Windows line endings', () => {
        expect(formatSegmentText(Segment, 'segment s {\r\nwhere: a\r\n  and b }')).toBe('segment s {\r\n    where: a\r\n        and b\r\n}\r\n');
    });

    test('formats only the requested range', async () => {
        await format({
            before: 'segment a {   where: x=1 }\nsegment b {   where: y=2 }\n',
            after: 'segment a {   where: x=1 }\n\nsegment b {\n    where: y = 2\n}\n',
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 26 } },
        });
    });

    test('leaves a file with syntax errors alone', async () => {
        await format({ before: 'segment   s { where: a = }', after: 'segment   s { where: a = }' });
        expect(formatSegmentText(Segment, 'segment s {where: (a }')).toBe('segment s {where: (a }');
    });
});

describe('formatter stability', () => {
    const corpus = readFileSync(join(here, '../resources/corpus/reference.pql'), 'utf8')
        .split(/\r?\n/u)
        .map(line => /^\d+\.\s+(.*)$/u.exec(line)?.[1])
        .filter((line): line is string => line !== undefined);

    test('the corpus is loaded', () => {
        expect(corpus.length).toBeGreaterThan(150);
    });

    test.each(corpus)('keeps meaning and is idempotent: %s', condition => {
        expectStableFormatting(inSegment(condition));
    });

    test.each(corpus)('keeps meaning with a line break between every two tokens: %s', condition => {
        const text = inSegment(condition);
        const result = Segment.parser.LangiumParser.parse(text);
        const tokens = Segment.parser.Lexer.tokenize(text).tokens;
        expect(result.parserErrors).toEqual([]);
        const broken = tokens.map(token => token.image).join('\n');
        expectStableFormatting(broken);
    });

    test.each(corpus)('keeps meaning with comments between tokens: %s', condition => {
        const tokens = Segment.parser.Lexer.tokenize(inSegment(condition)).tokens;
        const commented = tokens.map((token, i) => token.image + (i % 3 === 1 ? ' // note\n' : i % 5 === 2 ? ' /* n */ ' : ' ')).join('');
        expectStableFormatting(commented);
    });

    const examples = join(here, '../../examples');
    const exampleFiles = existsSync(examples) ? readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.segment')) : [];
    // Registered per example file; the examples directory is filled by another part of the project.
    for (const file of exampleFiles) {
        test(`keeps meaning and is idempotent on examples/${file}`, () => {
            expectStableFormatting(readFileSync(join(examples, file), 'utf8'));
        });
    }

    test('formats a large file in time proportional to lexing it', () => {
        // 20 segments of 400 terms, about 50,000 tokens. Lexing is the in-run baseline, so a loaded machine
        // does not fail the test; a quadratic layout would be thousands of times slower than lexing.
        const condition = Array.from({ length: 400 }, (_, i) => `person.a${i} = ${i}`).join('\n and ');
        const text = Array.from({ length: 20 }, (_, i) => inSegment(condition, `s${i}`)).join('\n');
        const parseResult = Segment.parser.LangiumParser.parse(text);
        const fastest = (run: () => void): number => Math.min(...[0, 1, 2].map(() => {
            const start = performance.now();
            run();
            return performance.now() - start;
        }));
        let edits: ReturnType<typeof formatEdits> = [];
        const formatting = fastest(() => {
            edits = formatEdits(Segment, text, parseResult, DEFAULT_FORMATTING_OPTIONS);
        });
        const lexing = fastest(() => Segment.parser.Lexer.tokenize(text));
        expect(edits.filter(edit => edit.newText === '\n        ').length).toBe(20 * 399);
        expect(formatting).toBeLessThan(60 * lexing);
    });
});
