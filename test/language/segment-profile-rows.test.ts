import { describe, expect, test } from 'vitest';
import { profileRow } from '../../src/language/evaluation/segment-profile-rows.js';

describe('profileRow', () => {
    test('the name from the standard XDM field groups, the events, and the values of the columns asked for', () => {
        expect(profileRow('p1', {
            person: { name: { firstName: 'Ada', lastName: 'Lovelace' }, birthYear: 1815 },
            homeAddress: { countryCode: 'GB' },
            loyalty: { tier: 'gold' },
            xEvent: [{}, {}, {}],
        }, true, [{ key: 'person.birthYear', label: 'person.birthYear' }, { key: 'homeAddress.countryCode', label: 'homeAddress.countryCode' }]))
            .toEqual({ id: 'p1', name: 'Ada Lovelace', events: 3, matched: true, fields: { 'person.birthYear': 1815, 'homeAddress.countryCode': 'GB' } });
    });

    test('falls back to the full name; lists and records in a column become short JSON', () => {
        expect(profileRow('p2', { person: { name: { fullName: 'Grace Hopper', firstName: 'G' } }, segments: ['a', 'b'] }, false, [{ key: 'segments', label: 'segments' }]))
            .toEqual({ id: 'p2', name: 'Grace Hopper', events: 0, matched: false, fields: { segments: '["a","b"]' } });
        const long = profileRow('p3', { tags: Array.from({ length: 50 }, (_, i) => `tag${i}`) }, false, [{ key: 'tags', label: 'tags' }]);
        expect(String(long.fields.tags)).toHaveLength(80);
        expect(String(long.fields.tags).endsWith('…')).toBe(true);
    });

    test('leaves out what is missing or of the wrong shape instead of guessing', () => {
        expect(profileRow('p4', { person: 'nobody', homeAddress: [], xEvent: 'many' }, true, [{ key: 'homeAddress.countryCode', label: 'x' }, { key: 'person.birthYear', label: 'y' }]))
            .toEqual({ id: 'p4', events: 0, matched: true, fields: {} });
    });
});
