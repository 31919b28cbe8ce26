/**
 * The bundled sample written as Parquet (scripts/write-parquet-sample.mjs), in both shapes: one file
 * with `xEvent` lists, and profiles + events in two files joined on `profileId`. Every example segment
 * selects the same ids, in the same order, as the js engine on the JSON Lines sample; over two files,
 * also through the query `segment sql` prints.
 */
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { evaluateSegments } from '../../../src/engine/segment-engine.js';
import { readDataset } from '../../../src/engine/data/segment-dataset.js';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';
import { printSegmentQuery } from '../../../src/engine/sql/sql-print.js';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import { parseSegments } from '../engine-helpers.js';

const root = path.resolve(__dirname, '../../..');
const examples = path.join(root, 'examples');
const folder = mkdtempSync(path.join(tmpdir(), 'segment-parquet-'));
let segments: SegmentDefinition[];
let expected: string[][];
let now: Date;

beforeAll(async () => {
    const script = path.join(root, 'scripts/write-parquet-sample.mjs');
    execFileSync(process.execPath, [script, path.join(folder, 'one.parquet')]);
    execFileSync(process.execPath, [script, path.join(folder, 'profiles.parquet'), '--events', path.join(folder, 'events.parquet')]);
    const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();
    segments = await parseSegments(files.map(f => readFileSync(path.join(examples, f), 'utf8')).join('\n'));
    const dataset = await readDataset(path.join(examples, 'sample-profiles.jsonl'));
    now = new Date(dataset.meta.now!);
    expected = (await evaluateSegments(segments, dataset.profiles, { now, workspaceSegments: segments, clauseCounts: false })).map(r => r.ids);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test.each([
    ['one Parquet file with xEvent lists', { path: 'one.parquet' }],
    ['a folder of Parquet part files', { path: '.' , only: 'one.parquet' }],
    ['profiles and events in two Parquet files', { path: 'profiles.parquet', events: { path: 'events.parquet', key: 'profileId' } }],
])('%s: every example segment selects the js engine\'s ids', async (_name, spec) => {
    const data = 'only' in spec ? mkdtempSync(path.join(folder, 'parts-')) : folder;
    if ('only' in spec) {
        execFileSync(process.execPath, [path.join(root, 'scripts/write-parquet-sample.mjs'), path.join(data, 'part-0.parquet')]);
    }
    const dataset = await DuckDbDataset.open({
        path: path.join(data, spec.path),
        events: 'events' in spec && spec.events ? { path: path.join(folder, spec.events.path), key: spec.events.key } : undefined,
    });
    try {
        expect(dataset.meta.now).toBe('2026-11-01T12:00:00.000Z');
        const results = await dataset.run(segments, { now, workspaceSegments: segments });
        expect(results.map(r => r.ids)).toEqual(expected);
        expect(results.every(r => r.total === 520)).toBe(true);
        const profile = await dataset.profile('p0007');
        expect(profile?._id).toBe('p0007');
        expect(Array.isArray(profile?.xEvent)).toBe(true);
    } finally {
        dataset.dispose();
    }
});

test('profiles without an id in one Parquet file are named by their 1-based position, as in the js engine', async () => {
    const profiles = [{ _id: 'a', n: 1 }, { n: 2 }, { _id: 'c', n: 3 }, { n: 4 }];
    const json = path.join(folder, 'positions.jsonl');
    writeFileSync(json, profiles.map(p => JSON.stringify(p)).join('\n'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_json('${json}')) TO '${path.join(folder, 'positions.parquet')}' (ROW_GROUP_SIZE 2)`);
    connection.closeSync();
    instance.closeSync();
    const [segment] = await parseSegments('segment s { where: n >= 2 }');
    const js = await evaluateSegments([segment], profiles, { now: new Date(0), clauseCounts: false });
    const dataset = await DuckDbDataset.open({ path: path.join(folder, 'positions.parquet') });
    try {
        const [result] = await dataset.run([segment], { now: new Date(0), clauseCounts: false });
        expect(result.ids).toEqual(['#2', 'c', '#4']);
        expect(result.ids).toEqual(js[0].ids);
    } finally {
        dataset.dispose();
    }
});

test('over two files, the DuckDB query `segment sql` prints (the engine\'s relations and layers) selects the same ids, segment by segment', async () => {
    const dataset = await DuckDbDataset.open({ path: path.join(folder, 'profiles.parquet'), events: { path: path.join(folder, 'events.parquet'), key: 'profileId' } });
    const { row, relations } = dataset;
    dataset.dispose();
    expect(relations.events).toBeDefined();
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        for (const [i, segment] of segments.entries()) {
            const sql = printSegmentQuery([segment], { dialect: 'duckdb', now: now.getTime(), row, ...relations, workspaceSegments: segments });
            const ids = (await connection.runAndReadAll(sql)).getRows().map(r => r[0]);
            expect(ids, `${segment.name}:\n${sql}`).toEqual(expected[i]);
        }
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
});
