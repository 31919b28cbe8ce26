import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSegmentConfig } from '../../src/language/segment-config.js';

/** The messages of the errors of a config text. */
function messages(text: string): string[] {
    return parseSegmentConfig(text).errors.map(error => error.message);
}

/** Unit tests of the segment.config.json parser (src/language/segment-config.ts). */
describe('parseSegmentConfig', () => {
    test('a valid file gives its settings and no errors; $schema is accepted and dropped', () => {
        const text = JSON.stringify({
            $schema: './segment.config.schema.json',
            schema: 'schemas/profile.schema.json',
            eventSchema: 'schemas/event.schema.json',
            sample: 'profiles.jsonl',
            now: '2026-11-23T12:00:00+01:00',
            timeZone: 'Europe/Berlin',
        });
        expect(parseSegmentConfig(text)).toEqual({
            config: {
                schema: 'schemas/profile.schema.json', eventSchema: 'schemas/event.schema.json', sample: 'profiles.jsonl',
                now: '2026-11-23T12:00:00+01:00', timeZone: 'Europe/Berlin',
            },
            errors: [],
        });
        expect(parseSegmentConfig('{}')).toEqual({ config: {}, errors: [] });
    });

    test('the example project\'s config is valid', () => {
        const text = readFileSync(path.resolve(__dirname, '../../examples/acme/segment.config.json'), 'utf8');
        expect(messages(text)).toEqual([]);
    });

    test('an unknown key names the closest allowed key and lists them all', () => {
        expect(messages('{ "eventschema": "e.json" }')).toEqual([
            'unknown key "eventschema" (did you mean "eventSchema"?); allowed keys: schema, eventSchema, sample, now, timeZone, events, eventsKey, memoryLimit, allowPathsOutsideWorkspace',
        ]);
        expect(messages('{ "shema": "p.json" }')[0]).toMatch(/^unknown key "shema" \(did you mean "schema"\?\)/u);
        expect(messages('{ "profiles": "p.json" }')).toEqual([
            'unknown key "profiles"; allowed keys: schema, eventSchema, sample, now, timeZone, events, eventsKey, memoryLimit, allowPathsOutsideWorkspace',
        ]);
    });

    test('a value that is not a string says what the key holds', () => {
        expect(messages('{ "schema": 42 }')).toEqual(['"schema" must be a string: the path of the profile schema (.json)']);
        expect(messages('{ "now": null }')).toEqual(['"now" must be a string: the ISO-8601 instant such as "2026-11-23T12:00:00Z"']);
    });

    test('now must be an ISO-8601 instant with an offset', () => {
        for (const bad of ['2026-11-23', '2026-11-23T12:00:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-23T25:00:00Z', 'yesterday']) {
            expect(messages(JSON.stringify({ now: bad })), bad).toEqual([
                `"now": "${bad}" is not an ISO-8601 instant with offset, such as "2026-11-23T12:00:00Z"`,
            ]);
        }
        expect(messages('{ "now": "2026-11-23T12:00Z" }')).toEqual([]);
        expect(messages('{ "now": "2028-02-29T23:30:00.5-05:00" }')).toEqual([]);
    });

    test('timeZone must be an IANA time zone', () => {
        expect(messages('{ "timeZone": "Mars/Olympus_Mons" }')).toEqual([
            '"timeZone": "Mars/Olympus_Mons" is not an IANA time zone such as "UTC" or "Europe/Berlin"',
        ]);
        expect(messages('{ "timeZone": "America/New_York" }')).toEqual([]);
    });

    test('schema paths must not be empty', () => {
        expect(messages('{ "schema": " " }')).toEqual(['"schema": must not be empty']);
    });

    test('every problem is reported and no partial config is used', () => {
        const result = parseSegmentConfig('{ "schema": "p.json", "nowe": "x", "timeZone": 1 }');
        expect(result.config).toBeUndefined();
        expect(result.errors).toHaveLength(2);
    });

    test('text that is not a JSON object', () => {
        expect(messages('{ "schema": ')).toEqual([expect.stringMatching(/^not valid JSON: /u)]);
        expect(messages('["schema"]')).toEqual(['the file must contain a JSON object such as { "schema": "schemas/profile.schema.json" }']);
        expect(parseSegmentConfig('null').config).toBeUndefined();
    });

    test('each error says what it concerns, so the server reports it there: the key, its value, or a syntax error\'s offset', () => {
        expect(parseSegmentConfig('{ "schema": 42, "nowe": "x" }').errors.map(({ key, part }) => [key, part])).toEqual([['schema', 'value'], ['nowe', 'name']]);
        expect(parseSegmentConfig('{ "schema": "a.json", }').errors[0].offset).toBe(22);
        expect(parseSegmentConfig('\uFEFF{ "schema": "a.json", }').errors[0].offset).toBe(23);
        expect(parseSegmentConfig('{ "schema": ').errors[0].offset).toBe(12);
    });
});
