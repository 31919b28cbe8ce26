/**
 * A field is present only when the profile holds it as an own property: names of built-in JavaScript
 * members (`toString`, `constructor`, `length` …) are fields like any other, missing unless the data
 * has them, and `__proto__` read from JSON is an ordinary field (issue 13).
 */
import { describe, expect, test } from 'vitest';
import { holds, run } from './engine-helpers.js';

const BUILT_INS = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__proto__', 'length', '__defineGetter__'];

describe('fields are own properties only', () => {
    const plain = { _id: 'p', person: { name: 'x' }, xEvent: [{ eventType: 'a' }], items: ['a', 'b'] };
    test.each(BUILT_INS)('a missing %s is null everywhere', async name => {
        const field = JSON.stringify(name).slice(1, -1);
        for (const condition of [
            `person.${field}.isNotNull()`, `${field}.isNotNull()`, `xEvent.${field}`, `xEvent.${field}.count() > 0`,
            `person.${field}`, `xEvent[${field}.isNotNull()]`, `select X from xEvent where X.${field}.isNotNull()`,
            `items.${field}`, `xEvent[^.${field}.isNotNull()]`, `person.get("${field}").isNotNull()`,
            `person.${field} = person.${field}`, `person.name.${field}.isNotNull()`,
        ]) {
            expect(await holds(condition, plain), condition).toBe(false);
        }
    });

    test.each(BUILT_INS)('a present %s is read like any other field', async name => {
        const profile = JSON.parse(`{"_id": "p", "person": {"${name}": "v"}, "xEvent": [{"${name}": 3}], "${name}": 1}`);
        for (const condition of [
            `person.${name} = "v"`, `${name} = 1`, `xEvent.${name} = 3`, `xEvent[${name} = 3].count() = 1`,
            `select X from xEvent where X.${name} = 3`, `xEvent[^.${name} = 1]`, `person.get("${name}") = "v"`,
        ]) {
            expect(await holds(condition, profile), condition).toBe(true);
        }
    });

    test('membership ids are own keys too', async () => {
        const result = await run('inSegment("constructor") or inSegment("__proto__")', [
            JSON.parse('{"_id": "a", "segmentMembership": {"ups": {}}}'),
            JSON.parse('{"_id": "b", "segmentMembership": {"ups": {"__proto__": {"status": "realized"}}}}'),
        ]);
        expect(result.ids).toEqual(['b']);
    });
});
