import { describe, expect, test } from 'vitest';
import { locateMember, positionAt, rangeAt } from '../../../src/language/schema/segment-config-locations.js';
import { codePointColumnIn } from '../../../src/cli/segment-cli-columns.js';

/** Where a problem of segment.config.json is reported: the key or value it concerns (issue 15). */
describe('locations in segment.config.json', () => {
    test('a top-level member is found past nested values and strings holding braces, quotes and commas', () => {
        const text = '{\n  "$schema": "x\\"}{,",\n  "nested": { "schema": [1, {"a": "]"}] },\n  "schema": "p.json"\n}';
        const member = locateMember(text, 'schema')!;
        expect(text.slice(...member.name)).toBe('"schema"');
        expect(text.slice(...member.value)).toBe('"p.json"');
        expect(rangeAt(text, ...member.value)).toEqual({ start: { line: 3, character: 12 }, end: { line: 3, character: 20 } });
        expect(text.slice(...locateMember(text, 'nested')!.value)).toBe('{ "schema": [1, {"a": "]"}] }');
        expect(locateMember(text, 'eventSchema')).toBeUndefined();
        expect(locateMember('["schema"]', 'schema')).toBeUndefined();
    });

    test('a repeated key is located at its last occurrence, the one JSON.parse keeps; numbers and literals end where they end', () => {
        const text = '{"now": 1, "now": true}';
        expect(text.slice(...locateMember(text, 'now')!.value)).toBe('true');
        expect(locateMember(text, 'now')!.name[0]).toBe(11);
    });

    test('lines break at \\n, \\r\\n and \\r, as in editors; columns count UTF-16 units, the CLI converts them to code points', () => {
        expect(positionAt('{\r\n"a": 1,\r"b": 2}', 13)).toEqual({ line: 2, character: 2 });
        const text = '{"name": "😀", "schema": 42}';
        const value = rangeAt(text, ...locateMember(text, 'schema')!.value);
        expect(value.start).toEqual({ line: 0, character: 25 });
        expect(codePointColumnIn(text, value.start)).toBe(25);
    });
});
