/**
 * Native TIMESTAMP columns (Parquet exports carry them) are compared as timestamps with literal
 * instants, not as `epoch_ms(t)` (sql-time.ts `timeSubject`: DuckDB then pushes an event window into
 * the Parquet scan). The answers must stay the js engine's over the same instants as ISO strings, at
 * every bound to the millisecond, for TIMESTAMP and TIMESTAMP WITH TIME ZONE, over one file (events
 * as lists) and over two.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { evaluateSegments, type Profile } from '../../../src/engine/segment-engine.js';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';
import { buildSegmentQuery } from '../../../src/engine/sql/sql-query.js';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import { NOW, parseSegments } from '../engine-helpers.js';

const DAY = 86_400_000;
/** Bounds the specs below fall on; each instant is written at the bound and 1 ms either side. */
const BOUNDS = [NOW.getTime(), NOW.getTime() - 30 * DAY, NOW.getTime() - 7 * DAY, Date.UTC(2026, 10, 1), Date.UTC(2026, 9, 2), Date.UTC(2026, 9, 3), NOW.getTime() + 2 * DAY];
const SPECS = [
    '<= 30 days before now', '< 30 days before now', '>= 30 days before now', '> 30 days before now', '= 30 days before now',
    '!= 30 days before now', '<= 2 days after now', '> 2 days after now', '<= 7 days from now', 'before now', 'after now', 'on now',
    'today', 'on date(2026, 10, 2)', 'after date(2026, 10, 2)', 'before date(2026, 10, 3)', 'between date(2026, 10, 2) and date(2026, 11, 1)',
];
const CONDITIONS = [
    ...SPECS.map(s => `select X from xEvent where X.timestamp occurs ${s}`),
    ...SPECS.map(s => `xEvent.timestamp occurs ${s}`),
    'chain(xEvent, timestamp, [A: WHAT(eventType = "a") WHEN(<= 30 days before now), B: WHAT(eventType = "b") WHEN(<= 7 days before now)])',
    'exists A from xEvent where A.eventType = "a", B from xEvent where B.eventType = "b" and B.timestamp occurs <= 5 minutes after A.timestamp',
];

const folder = mkdtempSync(path.join(tmpdir(), 'segment-timestamps-'));
let segments: SegmentDefinition[];
let expected: string[][];

/** One profile per instant with an event `a` then, and `b` 1 ms later; and one with both at the same bound. */
function profiles(): Profile[] {
    const instants = BOUNDS.flatMap(b => [b - 1, b, b + 1]);
    return instants.map((ms, i) => ({
        _id: `p${i}`,
        xEvent: [{ eventType: 'a', timestamp: new Date(ms).toISOString() }, { eventType: 'b', timestamp: new Date(ms + 1).toISOString() }],
    }));
}

/** `YYYY-MM-DD HH:MM:SS.mmm` of an ISO instant (DuckDB casts it to TIMESTAMP as UTC wall time). */
const wall = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;

beforeAll(async () => {
    segments = await parseSegments(CONDITIONS.map((c, i) => `segment s${i} {\n    where: ${c}\n}`).join('\n'));
    const data = profiles();
    expected = (await evaluateSegments(segments, data, { now: NOW, clauseCounts: false })).map(r => r.ids);
    const events = data.flatMap(p => (p.xEvent as Array<{ eventType: string; timestamp: string }>).map(e => ({ profileId: p._id, eventType: e.eventType, ts: wall(e.timestamp) })));
    writeFileSync(path.join(folder, 'events.jsonl'), events.map(e => JSON.stringify(e)).join('\n'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const read = `read_json('${path.join(folder, 'events.jsonl')}', timestampformat = '~', dateformat = '~')`;
    for (const [type, cast] of [['naive', `CAST(ts AS TIMESTAMP)`], ['zoned', `CAST(ts || '+00' AS TIMESTAMPTZ)`]]) {
        await connection.run(`COPY (SELECT profileId, eventType, ${cast} AS "timestamp" FROM ${read}) TO '${path.join(folder, `${type}.events.parquet`)}'`);
        await connection.run(`COPY (SELECT profileId AS _id, list(struct_pack(eventType := eventType, "timestamp" := ${cast})) AS "xEvent" FROM ${read} GROUP BY 1 ORDER BY 1)
            TO '${path.join(folder, `${type}.one.parquet`)}'`);
    }
    await connection.run(`COPY (SELECT DISTINCT profileId AS _id FROM ${read} ORDER BY 1) TO '${path.join(folder, 'profiles.parquet')}'`);
    connection.closeSync();
    instance.closeSync();
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test.each([
    ['TIMESTAMP, two files', 'naive', true],
    ['TIMESTAMP WITH TIME ZONE, two files', 'zoned', true],
    ['TIMESTAMP, one file', 'naive', false],
    ['TIMESTAMP WITH TIME ZONE, one file', 'zoned', false],
])('%s: every bound selects the js engine\'s profiles', async (_name, type, two) => {
    const dataset = await DuckDbDataset.open(two
        ? { path: path.join(folder, 'profiles.parquet'), events: { path: path.join(folder, `${type}.events.parquet`), key: 'profileId' } }
        : { path: path.join(folder, `${type}.one.parquet`) });
    try {
        const results = await dataset.run(segments, { now: NOW, clauseCounts: false });
        // Sort: the one-file data is grouped by id, in another order than the js profiles.
        expect(results.map(r => [...r.ids].sort())).toEqual(expected.map(ids => [...ids].sort()));
    } finally {
        dataset.dispose();
    }
});

test('a window over a TIMESTAMP column compares the column itself, which DuckDB pushes into the scan', async () => {
    const [segment] = await parseSegments('segment s { where: select X from xEvent where X.timestamp occurs <= 30 days before now }');
    const event = { kind: 'struct' as const, fields: new Map([['timestamp', { kind: 'timestamp' as const }]]) };
    const row = { kind: 'struct' as const, fields: new Map([['_id', { kind: 'string' as const }], ['xEvent', { kind: 'list' as const, of: event }]]) };
    const query = buildSegmentQuery([segment], {
        dialect: 'duckdb', now: NOW.getTime(), row, source: 'profiles', events: { relation: 'events', key: '"profileId"', columns: ['profileId', 'timestamp'] },
    });
    const events = query.layers.find(l => l.name === 'l1')!.body;
    expect(events).toContain(`WHERE ((__e."timestamp" >= TIMESTAMP '2026-10-02 12:00:00.000' AND __e."timestamp" < TIMESTAMP '2026-11-01 12:00:00.000'))`);
    expect(events).not.toContain('epoch_ms');
});
