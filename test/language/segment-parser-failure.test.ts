/**
 * A parser exception is put down to depth only where the file nests deeply: Chevrotain's recovery can
 * swallow a stack overflow and fail later with a TypeError, but an exception in a shallow file is a
 * bug of this project, reported as `internal/error` (never as "nests too deeply", which would blame the
 * file) with its stack in the log.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nesting } from '../../src/language/parser/segment-nesting.js';
import { createParser } from '../helpers/segment-test-services.js';

const { services, parse, clear } = createParser();
const parser = services.Segment.parser.LangiumParser as unknown as { doParse(rule: unknown): unknown };
const doParse = parser.doParse;
const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeEach(() => {
    clear();
    errors.mockClear();
    // The parser fails once, the way Chevrotain's recovery does after a swallowed overflow (the refusal then parses '').
    parser.doParse = () => {
        parser.doParse = doParse;
        throw new TypeError("Cannot read properties of undefined (reading 'segments')");
    };
});
afterEach(() => {
    parser.doParse = doParse;
});

async function diagnose(text: string): Promise<string[]> {
    const document = await parse(text, { validation: true });
    return (document.diagnostics ?? []).map(d => `${d.code} ${d.message}`);
}

describe('a parser exception', () => {
    test('in a shallow file is an internal error, logged, not "nests too deeply"', async () => {
        expect(await diagnose('segment s { where: person.birthYear > 1980 }')).toEqual([
            "internal/error Internal error while parsing this file: Cannot read properties of undefined (reading 'segments'). "
            + 'This is a bug in the Segment tools, not in this file; the results of the checks are incomplete.',
        ]);
        expect(errors).toHaveBeenCalledWith(expect.stringContaining('TypeError: Cannot read properties of undefined'));
    });

    test.each([`${'('.repeat(60)}true${')'.repeat(60)}`, `${'not '.repeat(60)}true`, `${'[('.repeat(30)}`, `${'- '.repeat(40)}1 = 1`, `${'!'.repeat(40)}true`])('in a file nesting brackets or nots deeply is syntax/too-deep (%#)', async condition => {
        expect(await diagnose(`segment s { where: ${condition} }`)).toEqual([expect.stringMatching(/^syntax\/too-deep This file nests too deeply to analyse/u)]);
    });
});

test('nesting: the deepest brackets or the longest run of prefix operators', () => {
    expect([nesting('a and (b or [c, (d)])'), nesting('((('), nesting(')))(('), nesting('not not (not x)'), nesting('not x and not y'), nesting('nothing notable'), nesting('!!-x'), nesting('a - b - c')])
        .toEqual([3, 3, 2, 3, 1, 0, 3, 1]);
});
