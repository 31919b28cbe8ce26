import { describe, expect, test } from 'vitest';
import { loadXdmSchema } from '../../../src/language/schema/segment-schema-loader.js';
import { schemaFromGroups } from '../../../src/language/schema/segment-schema-model.js';
import { typeToString } from '../../../src/language/typing/segment-types.js';

/**
 * Field names are data: a property named like a member of JavaScript's Object (`__proto__`,
 * `constructor`, `toString`) is a field like any other. Assigning `__proto__` on a plain object
 * sets its prototype instead, so the loader dropped such a field silently (issue 15).
 */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('fields named like Object members', () => {
    test.each(NAMES)('a property named %s is a field, in properties and when objects merge', name => {
        const declared = { type: 'object', properties: { [name]: { type: 'string' } } };
        const { schema } = loadXdmSchema(JSON.parse(JSON.stringify({
            allOf: [{ properties: { person: declared } }, { properties: { person: { type: 'object', properties: { other: { type: 'integer' } } } } }],
            properties: { [name]: { type: 'object', properties: { inner: { type: 'boolean' } } } },
        })), 'names.schema.json', 'profile');
        expect(typeToString(schema.field(`person.${name}`)!.type)).toBe('string');
        expect(typeToString(schema.field(`${name}.inner`)!.type)).toBe('boolean');
        const person = schema.field('person')!.type;
        expect(person.kind === 'object' ? [...person.fields.keys()] : []).toEqual([name, 'other']);
    });

    test('a definition named __proto__ is reached by its pointer; an inherited name is no definition', () => {
        const json = JSON.parse('{"properties": {"a": {"$ref": "#/definitions/__proto__"}, "b": {"$ref": "#/definitions/toString"}}, "definitions": {"__proto__": {"type": "object", "properties": {"x": {"type": "number"}}}}}');
        const { schema, warnings } = loadXdmSchema(json, 'names.schema.json', 'profile');
        expect(typeToString(schema.field('a.x')!.type)).toBe('number');
        expect(schema.field('b')?.type).toEqual({ kind: 'unknown' });
        expect(warnings).toEqual([]);
    });

    test('field groups merged into one schema keep a field named __proto__', () => {
        const fields = JSON.parse('{"__proto__": {"type": "string"}}');
        const schema = schemaFromGroups([{ id: 'g1', title: 'One', fields }, { id: 'g2', title: 'Two', fields: { other: { type: 'string' } } }], 'test', 'profile');
        expect(schema.field('__proto__')?.fieldGroup).toBe('One');
    });
});
