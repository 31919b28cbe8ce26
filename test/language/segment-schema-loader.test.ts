import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { loadXdmSchema, SchemaLoadError } from '../../src/language/schema/segment-schema-loader.js';
import type { XdmSchema } from '../../src/language/schema/segment-schema-model.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { typeToString } from '../../src/language/typing/segment-types.js';

/** Unit tests of the AEP Schema Registry export reader (src/language/schema/segment-schema-loader.ts). */

function load(json: unknown): { schema: XdmSchema; warnings: string[] } {
    return loadXdmSchema(json, 'test.schema.json', 'profile');
}

/** `path: type` of a field, or undefined when the schema lacks it. */
function typeOf(schema: XdmSchema, fieldPath: string): string | undefined {
    const field = schema.field(fieldPath);
    return field ? typeToString(field.type) : undefined;
}

const STRING = { type: 'string' };

describe('loadXdmSchema', () => {
    test('$ref to local definitions, as a field and as an allOf part', () => {
        const { schema, warnings } = load({
            allOf: [{ $ref: '#/definitions/base' }],
            definitions: {
                base: { properties: { order: { $ref: '#/definitions/order', description: 'The last order.' } } },
                order: { type: 'object', properties: { total: { type: 'number' }, id: STRING } },
            },
        });
        expect(warnings).toEqual([]);
        expect(typeOf(schema, 'order.total')).toBe('number');
        expect(schema.field('order')?.description).toBe('The last order.');
    });

    test('allOf parts merge objects property by property; a later scalar wins', () => {
        const { schema } = load({
            allOf: [
                { properties: { person: { type: 'object', properties: { nickname: STRING, score: STRING } } } },
                { properties: { person: { type: 'object', properties: { shoeSize: { type: 'integer' }, score: { type: 'number' } } } } },
            ],
        });
        expect([typeOf(schema, 'person.nickname'), typeOf(schema, 'person.shoeSize'), typeOf(schema, 'person.score')])
            .toEqual(['string', 'integer', 'number']);
    });

    test('standard field groups resolve by their AEP $id, with their title as field group', () => {
        const { schema, warnings } = load({
            allOf: [
                { $ref: 'https://ns.adobe.com/xdm/context/profile', type: 'object', 'meta:xdmType': 'object' },
                { $ref: 'https://ns.adobe.com/xdm/context/identitymap' },
                { $ref: 'https://ns.adobe.com/xdm/context/profile-person-details' },
                { $ref: 'https://ns.adobe.com/xdm/context/profile-personal-details' },
                { $ref: 'https://ns.adobe.com/xdm/context/profile-work-details' },
                { $ref: 'https://ns.adobe.com/xdm/mixins/profile/profile-loyalty-details' },
            ],
        });
        expect(warnings).toEqual([]);
        expect(typeOf(schema, 'person.birthYear')).toBe('integer');
        expect(typeOf(schema, 'workEmail.address')).toBe('string');
        expect(typeOf(schema, 'loyalty.points')).toBe('number');
        expect(typeOf(schema, 'identityMap')).toMatch(/^map</u);
        expect(schema.field('person.name.firstName')?.fieldGroup).toBe('Demographic Details');
        expect(schema.field('consents')).toBeUndefined();
    });

    test('meta:extends alone (no allOf) pulls in the standard groups it names; unknown ids are skipped', () => {
        const { schema, warnings } = load({
            'meta:extends': ['https://ns.adobe.com/xdm/context/profile', 'https://ns.adobe.com/xdm/data/record', 'https://ns.adobe.com/xdm/context/profile-person-details'],
            properties: { _acme: { type: 'object', properties: { tier: STRING } } },
        });
        expect(warnings).toEqual([]);
        expect([typeOf(schema, '_id'), typeOf(schema, 'person.gender'), typeOf(schema, '_acme.tier')]).toEqual(['string', 'string (enum)', 'string']);
    });

    test('meta:extends is ignored when allOf lists the parts (as AEP exports both)', () => {
        const { schema } = load({
            allOf: [{ $ref: 'https://ns.adobe.com/xdm/context/profile' }],
            'meta:extends': ['https://ns.adobe.com/xdm/context/profile', 'https://ns.adobe.com/xdm/context/profile-person-details'],
        });
        expect(schema.field('person')).toBeUndefined();
    });

    test('tenant fields are ordinary properties under the tenant namespace', () => {
        const { schema } = load({ properties: { _acme: { type: 'object', properties: { loyaltyScore: { type: 'number', title: 'Score', description: '0–100.' } } } } });
        const field = schema.field('_acme.loyaltyScore');
        expect(field).toMatchObject({ name: 'loyaltyScore', path: '_acme.loyaltyScore', title: 'Score', description: '0–100.' });
        expect(field && typeToString(field.type)).toBe('number');
    });

    test('enum is a hard enum (labels from meta:enum), meta:enum alone a soft one', () => {
        const { schema } = load({
            properties: {
                level: { type: 'string', enum: ['bronze', 'gold'], 'meta:enum': { bronze: 'Bronze', gold: 'Gold' } },
                channel: { type: 'string', 'meta:enum': { email: 'E-mail', sms: 'SMS' } },
            },
        });
        expect(schema.field('level')?.type).toEqual({ kind: 'string', enum: { values: ['bronze', 'gold'], labels: { bronze: 'Bronze', gold: 'Gold' }, hard: true } });
        expect(schema.field('channel')?.type).toEqual({ kind: 'string', enum: { values: ['email', 'sms'], labels: { email: 'E-mail', sms: 'SMS' }, hard: false } });
    });

    test('an object with additionalProperties and no properties is a map', () => {
        const { schema } = load({
            properties: {
                visits: { type: 'object', 'meta:xdmType': 'map', additionalProperties: { type: 'integer' } },
                nested: { type: 'object', additionalProperties: { type: 'object', properties: { status: STRING } } },
            },
        });
        expect(typeOf(schema, 'visits')).toBe('map<string, integer>');
        expect(schema.field('nested')?.type).toMatchObject({ kind: 'map', value: { kind: 'object' } });
    });

    test('arrays of objects: element fields are reachable through the array', () => {
        const { schema } = load({
            properties: { household: { type: 'array', items: { type: 'object', properties: { birthYear: { type: 'integer' }, tags: { type: 'array', items: STRING } } } } },
        });
        expect(schema.field('household')?.type).toMatchObject({ kind: 'array', element: { kind: 'object' } });
        expect(typeOf(schema, 'household.birthYear')).toBe('integer');
        expect(typeOf(schema, 'household.tags')).toBe('array<string>');
    });

    test('date and date-time formats; a nullable type list takes its non-null type', () => {
        const { schema } = load({
            properties: {
                since: { type: 'string', format: 'date' },
                lastVisit: { type: 'string', format: 'date-time' },
                email: { type: 'string', format: 'email' },
                score: { type: ['null', 'number'] },
            },
        });
        expect(['since', 'lastVisit', 'email', 'score'].map(f => typeOf(schema, f))).toEqual(['date', 'date-time', 'string', 'number']);
    });

    test('an unresolvable $ref is a warning; the rest of the schema stays usable', () => {
        const { schema, warnings } = load({
            allOf: [{ $ref: 'https://ns.adobe.com/xdm/context/profile' }, { $ref: 'https://ns.adobe.com/acme/mixins/not-exported' }, { $ref: '#/definitions/missing' }],
        });
        expect(warnings).toEqual([
            'cannot resolve "$ref": "https://ns.adobe.com/acme/mixins/not-exported" (not a local definition nor a standard field group); its fields are unknown',
            'cannot resolve "$ref": "#/definitions/missing" (not a local definition nor a standard field group); its fields are unknown',
        ]);
        expect(typeOf(schema, '_id')).toBe('string');
    });

    test('an unsupported type is a warning and the field is typed unknown', () => {
        const { schema, warnings } = load({ properties: { blob: { type: 'binary' }, ok: STRING } });
        expect(warnings).toEqual(['unsupported type "binary"; the field is typed as unknown']);
        expect(schema.field('blob')?.type).toEqual({ kind: 'unknown' });
    });

    test('an embedded field group resolves its own #/definitions pointers and names its fields\' group', () => {
        const { schema, warnings } = load({
            allOf: [{ $ref: 'https://ns.adobe.com/acme/mixins/one' }, { $ref: 'https://ns.adobe.com/acme/mixins/two' }],
            definitions: {
                first: {
                    $id: 'https://ns.adobe.com/acme/mixins/one', title: 'Acme One',
                    definitions: { customFields: { properties: { _acme: { type: 'object', properties: { a: STRING } } } } },
                    allOf: [{ $ref: '#/definitions/customFields' }],
                },
                second: {
                    $id: 'https://ns.adobe.com/acme/mixins/two', title: 'Acme Two',
                    definitions: { customFields: { properties: { _acme: { type: 'object', properties: { b: { type: 'boolean' } } } } } },
                    allOf: [{ $ref: '#/definitions/customFields' }],
                },
            },
        });
        expect(warnings).toEqual([]);
        expect([typeOf(schema, '_acme.a'), typeOf(schema, '_acme.b')]).toEqual(['string', 'boolean']);
        expect([schema.field('_acme.a')?.fieldGroup, schema.field('_acme.b')?.fieldGroup]).toEqual(['Acme One', 'Acme Two']);
    });

    test('recursive definitions stop instead of looping', () => {
        const { schema } = load({
            properties: { node: { $ref: '#/definitions/node' } },
            definitions: { node: { type: 'object', properties: { label: STRING, child: { $ref: '#/definitions/node' } } } },
        });
        expect(typeOf(schema, 'node.label')).toBe('string');
    });

    test('a file that is not a schema object, or defines no fields, cannot be used', () => {
        expect(() => load([1, 2])).toThrow(new SchemaLoadError('the file must contain a JSON Schema object'));
        expect(() => load({ title: 'Empty' })).toThrow(/defines no fields/u);
    });

    test('the example export examples/schemas/profile.schema.json loads without warnings', () => {
        const file = path.resolve(__dirname, '../../examples/schemas/profile.schema.json');
        const { schema, warnings } = load(JSON.parse(readFileSync(file, 'utf8')));
        expect(warnings).toEqual([]);
        expect(typeOf(schema, '_acme.preferences.contactChannel')).toBe('string (suggested values)');
        expect(typeOf(schema, '_acme.household.relationship')).toBe('string (suggested values)');
        expect(typeOf(schema, 'consents.marketing.email.val')).toBe('string (enum)');
    });
});

describe('schema files read by the schema provider', () => {
    /** The profile schema's source and the problems, for a project whose files are given by name. */
    async function loadProject(files: Record<string, string>): Promise<{ source: string; problems: string[] }> {
        const fileSystem = new VirtualFileSystemProvider();
        for (const [name, content] of Object.entries(files)) {
            fileSystem.insert(URI.file(`/project/${name}`), content);
        }
        const { Segment } = createSegmentServices({ fileSystemProvider: () => fileSystem });
        const schemas = await Segment.schema.SchemaProvider.load(URI.file('/project/segments/a.segment'));
        return { source: schemas.profile.source, problems: schemas.problems.map(p => `${p.code} ${p.message}`) };
    }

    test('a schema file that is not JSON gives a clear error, and the bundled schema meanwhile', async () => {
        const { source, problems } = await loadProject({
            'segment.config.json': '{ "schema": "schemas/profile.schema.json" }',
            'schemas/profile.schema.json': '{ "allOf": [ { "$ref": "https://ns.adobe.com/xdm/context/profile" } ',
        });
        expect(source).toBe('bundled XDM Individual Profile');
        expect(problems).toEqual([expect.stringMatching(/^config\/invalid-schema Schema profile\.schema\.json is not valid JSON \(.+\)\. Using the bundled profile schema meanwhile\.$/u)]);
    });

    test('paths are relative to the config file; warnings of a usable schema are reported', async () => {
        const { source, problems } = await loadProject({
            'segment.config.json': '{ "schema": "schemas/profile.schema.json" }',
            'schemas/profile.schema.json': JSON.stringify({ allOf: [{ $ref: 'https://ns.adobe.com/xdm/context/profile' }, { $ref: 'https://ns.adobe.com/acme/mixins/gone' }] }),
        });
        expect(source).toBe('/project/schemas/profile.schema.json');
        expect(problems).toEqual([expect.stringMatching(/^config\/schema-warning Schema profile\.schema\.json: cannot resolve "\$ref": "https:\/\/ns\.adobe\.com\/acme\/mixins\/gone"/u)]);
    });

    test('a schema without fields cannot be used', async () => {
        const { problems } = await loadProject({
            'segment.config.json': '{ "eventSchema": "event.json" }',
            'event.json': '{ "title": "nothing" }',
        });
        expect(problems).toEqual([
            'config/invalid-schema Schema event.json cannot be used: the schema defines no fields (expected "properties", "allOf" or "$ref"s to field groups). Using the bundled experience event schema meanwhile.',
        ]);
    });
});
