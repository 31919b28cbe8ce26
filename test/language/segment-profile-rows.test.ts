import { describe, expect, test } from 'vitest';
import { profileRow } from '../../src/language/lsp/segment-profile-rows.js';

describe('profileRow', () => {
    test('reads the standard XDM field groups', () => {
        expect(profileRow('p1', {
            person: { name: { firstName: 'Ada', lastName: 'Lovelace' }, birthYear: 1815 },
            personalEmail: { address: 'ada@example.com' },
            homeAddress: { countryCode: 'GB' },
            loyalty: { tier: 'gold' },
            xEvent: [{}, {}, {}],
        }, true)).toEqual({ id: 'p1', name: 'Ada Lovelace', email: 'ada@example.com', country: 'GB', loyaltyTier: 'gold', birthYear: 1815, events: 3, matched: true });
    });

    test('falls back along the alternatives: full name, birth date, a string year', () => {
        expect(profileRow('p2', { person: { name: { fullName: 'Grace Hopper', firstName: 'G' }, birthDate: '1906-12-09' } }, false))
            .toEqual({ id: 'p2', name: 'Grace Hopper', birthYear: 1906, events: 0, matched: false });
        expect(profileRow('p3', { person: { birthYear: '1990' }, workEmail: { address: 'w@example.com' } }, false))
            .toEqual({ id: 'p3', email: 'w@example.com', birthYear: 1990, events: 0, matched: false });
    });

    test('leaves out what is missing or of the wrong shape instead of guessing', () => {
        expect(profileRow('p4', { person: 'nobody', homeAddress: [], loyalty: { tier: {} }, xEvent: 'many', birthYear: 19.5 }, true))
            .toEqual({ id: 'p4', events: 0, matched: true });
    });
});
