/**
 * Profiles fetched through DuckDB for the editor's results table and the explainer (`profiles`,
 * `profile`): the chosen profiles in the data's order, with their events when the events are in their
 * own file, and only those profiles' events gathered into lists (every profile's do not fit DuckDB's
 * memory at a million profiles, and cannot spill).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { Profile } from '../../../src/engine/segment-engine.js';
import { asTwoFiles, openProfiles } from './differential.js';
import { EVENTS_PER_PROFILE, openLargeTwoFiles } from './large-two-files.js';

const folder = mkdtempSync(path.join(tmpdir(), 'segment-duckdb-profiles-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PROFILES: Profile[] = Array.from({ length: 6 }, (_, i) => ({
    _id: `p${i}`, person: { birthYear: 1980 + i },
    xEvent: Array.from({ length: i % 3 }, (_e, k) => ({ eventType: k === 0 ? 'search' : 'view', timestamp: `2026-10-0${k + 1}T10:00:00.000Z` })),
}));

/** A fetched profile without the position column of the two-file relation, its events sorted (a list's order is not kept by the join). */
function plain(profile: Profile | undefined): Profile | undefined {
    if (!profile) {
        return profile;
    }
    const { __order: _order, xEvent, ...rest } = profile as Profile & { __order?: unknown };
    const events = Array.isArray(xEvent) ? xEvent.map(e => Object.fromEntries(Object.entries(e as object).filter(([k]) => k !== 'profileKey')))
        .sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp))) : undefined;
    return events ? { ...rest, xEvent: events } : rest;
}

test.each(['one file', 'two files'] as const)('%s: a page, some ids and one profile, in the data\'s order, with their events', async layout => {
    const { dataset, close } = await openProfiles(PROFILES, layout);
    const expected = layout === 'two files' ? asTwoFiles(PROFILES) : PROFILES;
    try {
        expect((await dataset.profiles({ offset: 2, limit: 3 })).map(plain)).toEqual(expected.slice(2, 5));
        expect((await dataset.profiles({ ids: ['p4', 'p1', 'nobody'] })).map(plain)).toEqual([expected[1], expected[4]]);
        expect((await dataset.profiles({ ids: [] }))).toEqual([]);
        expect(plain(await dataset.profile('p5'))).toEqual(expected[5]);
        expect(await dataset.profile('nobody')).toBeUndefined();
    } finally {
        close();
    }
});

test('two files too big to gather every profile\'s events within the memory limit: a page and some ids still come', async () => {
    // As every profile's list, the events are over a 160 MB limit (reading the file alone needs ~64 MB).
    const dataset = await openLargeTwoFiles(folder, '160MB');
    try {
        const page = await dataset.profiles({ offset: 10000, limit: 3 });
        expect(page.map(p => [p._id, (p.xEvent as unknown[]).length])).toEqual(['p10000', 'p10001', 'p10002'].map(id => [id, EVENTS_PER_PROFILE]));
        expect((await dataset.profiles({ ids: ['p7'] })).map(p => p._id)).toEqual(['p7']);
        expect((await dataset.profile('p19999'))?.loyalty).toEqual({ points: 19999 });
    } finally {
        dataset.dispose();
    }
});
