/**
 * Suspicious data through both engines (issue 13): the same data, the same checked fields, the same
 * `dataWarnings` and `warnings` from the js engine and from DuckDB (over JSON Lines, where event
 * timestamps mix strings and numbers, and over Parquet). Impossible dates never occur in either
 * engine (differential), and each engine counts them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, expect, test } from 'vitest';
import { evaluateSegments, type Profile } from '../../../src/engine/segment-engine.js';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';
import { parseSegments } from '../engine-helpers.js';
import { asTwoFiles, openProfiles, runBoth } from './differential.js';
import { EVENTS_PER_PROFILE, LARGE_PROFILES, openLargeTwoFiles } from './large-two-files.js';

const NOW = new Date('2026-11-01T12:00:00Z');
const FIELDS = {
    numbers: ['loyalty.points', 'xEvent.commerce.order.priceTotal', 'person.birthYear'],
    timestamps: ['loyalty.joinDate', 'xEvent.timestamp'],
};

const SUSPICIOUS: Profile[] = [
    { _id: 'p1', person: { birthYear: 1980 }, loyalty: { points: 9007199254740993, joinDate: '2019-07-23T12:00:00.000Z' },
        xEvent: [{ eventType: 'search', timestamp: '2026-02-30T10:00:00Z', commerce: { order: { priceTotal: 10 } } }, { eventType: 'search', timestamp: 1772445600 }] },
    { _id: 'p2', person: { birthYear: 1990 }, loyalty: { points: 5, joinDate: '2021-06-31' },
        xEvent: [{ eventType: 'purchase', timestamp: '2026-10-30T10:00:00.000Z', commerce: { order: { priceTotal: 12345678901234567890 } } }] },
    { _id: 'p1', person: { birthYear: 2000 }, loyalty: { points: -9007199254740992, joinDate: '2020-01-01T00:00:00Z' },
        xEvent: [{ eventType: 'search', timestamp: 'not a date' }, { eventType: 'view', timestamp: 1761991200000 }] },
    { _id: 'p3', xEvent: [] },
    { _id: 'p2', loyalty: { points: 1 } },
];

const SEGMENTS = `segment a {
    where: person.birthYear > 1985
}
segment b {
    where: select X from xEvent where X.eventType = "search"
}
`;

const folder = mkdtempSync(path.join(tmpdir(), 'segment-data-warnings-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function bothEngines(file: string, profiles: Profile[]) {
    const segments = await parseSegments(SEGMENTS);
    const js = await evaluateSegments(segments, profiles, { now: NOW, dataChecks: FIELDS });
    const dataset = await DuckDbDataset.open({ path: file });
    try {
        return { js, duck: await dataset.run(segments, { now: NOW, dataChecks: FIELDS }) };
    } finally {
        dataset.dispose();
    }
}

test('JSON Lines: both engines give the same warnings, and name what they found', async () => {
    const file = path.join(folder, 'suspicious.jsonl');
    writeFileSync(file, SUSPICIOUS.map(p => JSON.stringify(p)).join('\n') + '\n');
    const { js, duck } = await bothEngines(file, SUSPICIOUS);
    expect(duck.map(r => r.ids)).toEqual(js.map(r => r.ids));
    expect(duck.map(r => r.warnings)).toEqual(js.map(r => r.warnings));
    expect(duck.map(r => r.dataWarnings)).toEqual(js.map(r => r.dataWarnings));
    expect(js[0].dataWarnings).toEqual({
        duplicateIds: { count: 2, first: ['p1', 'p2'] },
        unsafeIntegers: [{ path: 'loyalty.points', count: 2 }, { path: 'xEvent.commerce.order.priceTotal', count: 1 }],
        earlyTimestamps: [{ path: 'xEvent.timestamp', count: 1 }],
        invalidTimestamps: [{ path: 'loyalty.joinDate', count: 1 }, { path: 'xEvent.timestamp', count: 2 }],
    });
    expect(js[1].warnings).toEqual(js[0].warnings);
});

test('two files (profiles + events): the same warnings as js, the events\' fields checked on the events table', async () => {
    const segments = await parseSegments(SEGMENTS);
    const js = await evaluateSegments(segments, asTwoFiles(SUSPICIOUS), { now: NOW, dataChecks: FIELDS });
    const { dataset, close } = await openProfiles(SUSPICIOUS, 'two files');
    try {
        const duck = await dataset.run(segments, { now: NOW, dataChecks: FIELDS });
        expect(duck.map(r => r.dataWarnings)).toEqual(js.map(r => r.dataWarnings));
        expect(duck.map(r => r.warnings)).toEqual(js.map(r => r.warnings));
        expect(js[0].dataWarnings?.invalidTimestamps).toEqual([{ path: 'loyalty.joinDate', count: 1 }, { path: 'xEvent.timestamp', count: 2 }]);
    } finally {
        close();
    }
});

test('two files too big to gather each profile\'s events into a list within the memory limit: the checks still run', async () => {
    // As per-profile lists (what the profiles' xEvent is), the events are far over a 64 MB limit.
    const dataset = await openLargeTwoFiles(folder, '64MB');
    try {
        const [result] = await dataset.run(await parseSegments(`segment s {\n    where: xEvent.count() >= ${EVENTS_PER_PROFILE}\n}`), { now: NOW, dataChecks: FIELDS });
        expect([result.total, result.matched]).toEqual([LARGE_PROFILES, LARGE_PROFILES]);
        expect(result.dataWarnings).toBeUndefined();
    } finally {
        dataset.dispose();
    }
});

test('Parquet with native TIMESTAMP events: the same warnings as js over the same values', async () => {
    const profiles: Profile[] = [
        { _id: 'p1', loyalty: { points: 9007199254740993 }, xEvent: [{ eventType: 'search', timestamp: '2026-10-30T10:00:00.000Z' }] },
        { _id: 'p1', loyalty: { points: 3 }, xEvent: [] },
    ];
    const jsonl = path.join(folder, 'typed.jsonl');
    writeFileSync(jsonl, profiles.map(p => JSON.stringify(p)).join('\n') + '\n');
    const parquet = path.join(folder, 'typed.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT _id, loyalty, list_transform(xEvent, e -> {'eventType': e.eventType, 'timestamp': CAST(e.timestamp AS TIMESTAMP)}) AS xEvent
        FROM read_json('${jsonl}', format = 'auto', timestampformat = '~')) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const { js, duck } = await bothEngines(parquet, profiles);
    expect(duck.map(r => r.warnings)).toEqual(js.map(r => r.warnings));
    expect(duck[0].dataWarnings).toEqual({ duplicateIds: { count: 1, first: ['p1'] }, unsafeIntegers: [{ path: 'loyalty.points', count: 1 }] });
});

test('clean data: no warnings from either engine', async () => {
    const clean: Profile[] = [{ _id: 'c1', person: { birthYear: 1990 }, xEvent: [{ eventType: 'search', timestamp: '2026-10-30T10:00:00Z' }] }];
    const file = path.join(folder, 'clean.jsonl');
    writeFileSync(file, JSON.stringify(clean[0]) + '\n');
    const { js, duck } = await bothEngines(file, clean);
    expect(js.map(r => r.warnings)).toEqual([undefined, undefined]);
    expect(duck.map(r => r.warnings)).toEqual([undefined, undefined]);
});

test('impossible dates never occur in either engine (differential)', async () => {
    const profiles: Profile[] = ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00.000+01:00', '2026-04-31', '2025-02-29T00:00:00Z', '2024-02-29T12:00:00Z', '2026-03-02T10:00:00Z']
        .map((timestamp, i) => ({ _id: `d${i}`, xEvent: [{ eventType: 'x', timestamp }], person: { birthDate: timestamp } }));
    const conditions = [
        'xEvent[timestamp occurs between date(2026, 3, 1) and date(2026, 3, 31)]',
        'xEvent[timestamp occurs after date(2020, 1, 1)]',
        'select X from xEvent where X.timestamp occurs <= 400 days before now',
        'chain(xEvent, timestamp, [A: WHAT(eventType = "x")])',
        'person.birthDate occurs before now',
    ];
    const outcomes = await runBoth(conditions, profiles, NOW);
    for (const o of outcomes) {
        expect(o.duck, o.condition).toEqual(o.js);
    }
    expect(outcomes[0].js).toEqual(['d5']);
    expect(outcomes[1].js).toEqual(['d4', 'd5']);
});
