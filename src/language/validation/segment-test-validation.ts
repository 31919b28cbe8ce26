import { AstUtils, type ValidationAcceptor } from 'langium';
import { parseInstant, resolveTimeZone } from '../../engine/data/segment-run-inputs.js';
import type { JsonMember, JsonObject, JsonValue, SegmentFile, SegmentTest } from '../generated/ast.js';
import type { SegmentSchemaProvider } from '../schema/segment-schema-provider.js';
import { closestNames } from '../references/segment-names.js';
import type { SegmentServices } from '../segment-module.js';
import { arrayOf, typeToString, type PqlType } from '../typing/segment-types.js';
import { report } from './segment-diagnostics.js';
import { repeatedProperties, testExpectation, testNow, testNowProperty, testSegment, testTimeZoneProperty } from '../segment-properties.js';

/**
 * Rules about `test` declarations (docs/testing.md): a test names its segment (an unknown one is a
 * linking error, `reference/unknown-segment`), pins `now`, has profiles and an expectation, and its
 * profiles use the fields of the schema in effect, so that a typo in a profile cannot make a test
 * pass for the wrong reason.
 */
export class SegmentTestValidation {
    private readonly schemaProvider: SegmentSchemaProvider;

    constructor(services: SegmentServices) {
        this.schemaProvider = services.schema.SchemaProvider;
    }

    testMustBeComplete(test: SegmentTest, accept: ValidationAcceptor): void {
        const missing: Array<[boolean, 'test/missing-segment' | 'test/missing-now' | 'test/missing-expectation' | 'test/no-profiles', string]> = [
            [!testSegment(test), 'test/missing-segment', `Test '${test.name}' names no segment: add 'segment: <id>'.`],
            [testNow(test) === undefined, 'test/missing-now', `Test '${test.name}' has no pinned now: add 'now: "2026-11-01T12:00:00Z"' so that it gives the same result every day.`],
            [!testExpectation(test), 'test/missing-expectation', `Test '${test.name}' expects nothing: add 'expect: match', 'expect: no match' or 'expect: ["id", …]'.`],
            [test.profiles.length === 0 && test.fixtures.length === 0, 'test/no-profiles', `Test '${test.name}' has no profile: add 'profile: { … }' or 'fixture: "profiles.jsonl"'.`],
        ];
        for (const [isMissing, code, message] of missing) {
            if (isMissing && test.$cstNode) {
                report(accept, code, message, { node: test, property: 'name' });
            }
        }
    }

    propertiesMustNotRepeat(test: SegmentTest, accept: ValidationAcceptor): void {
        for (const { keyword, leaf } of repeatedProperties(test.properties)) {
            report(accept, 'test/duplicate-property', `Property '${keyword}' is given more than once in a test; only one is allowed.`,
                { node: test, range: leaf.range });
        }
    }

    nowMustBeInstant(test: SegmentTest, accept: ValidationAcceptor): void {
        const now = testNowProperty(test);
        if (now) {
            try {
                parseInstant(now.now, 'now');
            } catch {
                report(accept, 'test/invalid-now', `"${now.now}" is not an ISO-8601 instant such as 2026-11-01T12:00:00Z.`, { node: now, property: 'now' });
            }
        }
        const zone = testTimeZoneProperty(test);
        if (zone) {
            try {
                resolveTimeZone({ timeZone: zone.timeZone }, undefined);
            } catch {
                report(accept, 'test/invalid-time-zone', `Unknown time zone "${zone.timeZone}": expected an IANA name such as Europe/Paris or UTC.`,
                    { node: zone, property: 'timeZone' });
            }
        }
    }

    testNamesMustBeUniqueInFile(file: SegmentFile, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const test of file.tests) {
            if (seen.has(test.name)) {
                report(accept, 'test/duplicate-name', `Test '${test.name}' is declared more than once in this file.`, { node: test, property: 'name' });
            }
            seen.add(test.name);
        }
    }

    expectedIdsMustNameProfiles(test: SegmentTest, accept: ValidationAcceptor): void {
        // With a fixture, the ids may be there; the run reports them if they are not.
        const expectation = testExpectation(test);
        if (!expectation?.list || test.fixtures.length > 0) {
            return;
        }
        const ids = new Set(test.profiles.map((profile, i) => profileIdOf(profile) ?? `#${i + 1}`));
        for (const id of expectation.ids.filter(id => !ids.has(id))) {
            report(accept, 'test/unknown-profile-id', `No profile of test '${test.name}' has the id "${id}".`, { node: expectation, property: 'ids' });
        }
    }

    profileFieldsMustExistInSchema(test: SegmentTest, accept: ValidationAcceptor): void {
        const schemas = this.schemaProvider.schemasFor(AstUtils.getDocument(test).uri);
        const root = schemas.profile.root;
        for (const profile of test.profiles) {
            for (const member of profile.members) {
                const type = member.key === 'xEvent' ? arrayOf(schemas.event.root) : fieldType(root, member.key);
                this.checkMember(member, type, 'the profile', root, accept);
            }
        }
    }

    private checkMember(member: JsonMember, type: PqlType | undefined, owner: string, ownerType: PqlType, accept: ValidationAcceptor): void {
        if (typeof member.key !== 'string') {
            return; // half-typed (`{ "a": 1, : 2 }`): the syntax error says what is missing
        }
        if (!type) {
            const candidates = ownerType.kind === 'object' ? [...ownerType.fields.keys()] : [];
            const suggestions = closestNames(member.key, candidates);
            const hint = suggestions.length ? ` Did you mean '${suggestions[0]}'?` : '';
            report(accept, 'test/unknown-profile-field', `Unknown field '${member.key}': ${owner} has no such field in the schema.${hint}`,
                { node: member, property: 'key' }, { suggestions: suggestions.map(s => JSON.stringify(s)) });
            return;
        }
        if (member.value) {
            this.checkValue(member.value, type, `'${member.key}'`, accept);
        }
    }

    private checkValue(value: JsonValue, type: PqlType, owner: string, accept: ValidationAcceptor): void {
        const mismatch = valueMismatch(value, type);
        if (mismatch) {
            report(accept, 'test/profile-value-type', `${owner} is ${typeToString(type)} in the schema, but the profile gives ${mismatch}.`, { node: value });
        } else if (value.$type === 'JsonObject') {
            for (const member of value.members) {
                const fieldTypeOf = type.kind === 'map' ? type.value : fieldType(type, member.key);
                this.checkMember(member, fieldTypeOf, owner, type, accept);
            }
        } else if (value.$type === 'JsonArray' && type.kind === 'array') {
            value.items.forEach(item => this.checkValue(item, type.element, `an element of ${owner}`, accept));
        }
    }
}

function fieldType(owner: PqlType, key: string): PqlType | undefined {
    if (owner.kind === 'object') {
        return owner.fields.get(key)?.type;
    }
    return { kind: 'unknown' };
}

function profileIdOf(profile: JsonObject): string | undefined {
    const id = profile.members.find(m => m.key === '_id')?.value;
    return id?.$type === 'JsonScalar' ? (id.string ?? (id.number !== undefined ? String(id.negative ? -id.number : id.number) : undefined)) : undefined;
}

/** What the value is when it cannot be of the schema's type (`a string`, `an object` …), else undefined. */
function valueMismatch(value: JsonValue, type: PqlType): string | undefined {
    const given = value.$type === 'JsonObject' ? 'object' : value.$type === 'JsonArray' ? 'array'
        : value.isNull ? 'null' : value.string !== undefined ? 'string' : value.number !== undefined ? 'number' : 'boolean';
    const fits: Record<string, readonly string[]> = {
        string: ['string'], integer: ['number'], number: ['number'], boolean: ['boolean'],
        // Timestamps are ISO strings in JSON; epoch milliseconds are read too.
        date: ['string', 'number'], 'date-time': ['string', 'number'],
        object: ['object'], map: ['object'], array: ['array'],
    };
    const allowed = fits[type.kind];
    if (!allowed || given === 'null' || allowed.includes(given)) {
        return undefined;
    }
    return given === 'array' || given === 'object' ? `an ${given}` : `a ${given}`;
}
