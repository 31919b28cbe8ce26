import { beforeEach, describe, expect, test } from 'vitest';
import { closestNames, editDistance, nameHint } from '../../src/language/references/segment-names.js';
import { createParser, inSegment } from '../helpers/segment-test-services.js';

describe('edit distance', () => {
    test.each([
        ['nmae', 'name', 1], ['name', 'name', 0], ['gendr', 'gender', 1], ['teh', 'the', 1], ['abcd', 'badc', 2],
        ['ca', 'abc', 3], ['birthYaer', 'birthYear', 1], ['', 'abc', 3],
    ])('%s → %s is %i (a swap of neighbours counts once)', (a, b, distance) => {
        expect(editDistance(a, b)).toBe(distance);
        expect(editDistance(b, a)).toBe(distance);
    });

    test('stops past the limit', () => {
        expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
        expect(editDistance('nmae', 'name', 1)).toBe(1);
    });
});

describe('did you mean', () => {
    test('transpositions are suggested', () => {
        expect(closestNames('nmae', ['name', 'gender', 'birthYear'])).toEqual(['name']);
    });

    test('the hint names the closest, else the first few valid names sorted', () => {
        expect(nameHint('nmae', ['gender', 'name'], { known: 'Fields' }).hint).toBe(" Did you mean 'name'?");
        const many = nameHint('zzz', ['h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'], { known: "Fields of 'person'" });
        expect(many).toEqual({ suggestions: [], hint: " Fields of 'person': a, b, c, d, e, f … (2 more)." });
        expect(nameHint('x', ['gold', 'silver'], { known: 'Allowed', quote: '"', keepOrder: true }).hint).toBe(' Allowed: "gold", "silver".');
        expect(nameHint('x', [], { known: 'Fields' }).hint).toBe('');
    });
});

describe('unknown-field messages', () => {
    const { parse, clear } = createParser();
    beforeEach(() => clear());

    test('with nothing close, the message lists the valid fields', async () => {
        const document = await parse(inSegment('person.zzzzzzzz > 1'), { validation: true });
        expect(document.diagnostics?.map(d => d.message)).toEqual([
            expect.stringMatching(/^Unknown field 'zzzzzzzz': 'person' has no such field in the schema\. Fields of 'person': birthDate, birthDayAndMonth, birthYear, [^]* \(\d+ more\)\.$/u),
        ]);
    });

    test('person.nmae suggests name', async () => {
        const document = await parse(inSegment('person.nmae.firstName = "x"'), { validation: true });
        expect(document.diagnostics?.map(d => d.message)).toEqual(["Unknown field 'nmae': 'person' has no such field in the schema. Did you mean 'name'?"]);
    });
});
