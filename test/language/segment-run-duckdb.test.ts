/**
 * "Run against sample profiles" on DuckDB (the `segment.engine` setting): the same ids as the js
 * engine over the same profiles, Parquet chosen by `auto`, and a cancelled request interrupting the
 * running query (not waiting for it to finish).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { DuckDbDataset } from '../../src/engine/sql/duckdb-engine.js';
import { createRunEnvironment } from '../../src/language/evaluation/segment-run-environment.js';
import { SegmentRunHandler } from '../../src/language/evaluation/segment-run-handler.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import type { RunParams, RunResult } from '../../src/shared/segment-protocol.js';

const SAMPLE = path.resolve('examples/sample-profiles.jsonl');

/** Profiles whose events make the nested `select … and not (select …)` below quadratic: a query that runs for long. */
const SLOW = `segment slow {
    where: select X from xEvent where X.eventType = "a" and not (select P from xEvent where P.eventType = "c" and P._id = X._id)
}
`;

let folder: string;
let handler: SegmentRunHandler;
let examples: string;
let slow: string;

async function sql(statement: string): Promise<void> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        await connection.run(statement);
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'segment-run-duckdb-'));
    for (const file of ['sneakers.segment', 'checkout-funnel.segment', 'loyalty.segment', 'big-spenders.segment']) {
        copyFileSync(path.resolve('examples', file), path.join(folder, file));
    }
    writeFileSync(path.join(folder, 'slow.segment'), SLOW);
    // A project whose config sets DuckDB's memory limit far too low for any data.
    mkdirSync(path.join(folder, 'tight'));
    writeFileSync(path.join(folder, 'tight', 'segment.config.json'), JSON.stringify({ memoryLimit: '1MB' }));
    writeFileSync(path.join(folder, 'tight', 'tight.segment'), 'segment tight_probe {\n    where: person.birthYear > 1\n}\n');
    examples = URI.file(path.join(folder, 'sneakers.segment')).toString();
    slow = URI.file(path.join(folder, 'slow.segment')).toString();
    // The bundled sample as Parquet (its `$meta` record included, as `segment run` reads it).
    await sql(`COPY (SELECT * FROM read_json('${SAMPLE}', format = 'auto', sample_size = -1, timestampformat = '~', dateformat = '~'))
        TO '${path.join(folder, 'sample.parquet')}' (FORMAT parquet)`);
    await sql(`COPY (SELECT 'p' || i AS _id, list_transform(range(400), n -> {'_id': 'e' || n, 'eventType': CASE WHEN n % 2 = 0 THEN 'a' ELSE 'c' END,
        'timestamp': TIMESTAMP '2026-10-01 00:00:00' + to_minutes(n)}) AS xEvent FROM range(100000) r(i)) TO '${path.join(folder, 'slow.parquet')}' (FORMAT parquet)`);
    const { shared, Segment } = createSegmentServices(NodeFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(folder).toString(), name: 'ws' }]);
    handler = new SegmentRunHandler(shared, { ...createRunEnvironment(Segment), bundledSamplePath: SAMPLE });
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function runOk(params: Partial<RunParams> & { segmentId: string }): Promise<RunResult> {
    const response = await handler.run({ uri: examples, includeNonMatching: true, maxRows: 5, ...params });
    if (response.status !== 'ok') {
        throw new Error(`refused: ${JSON.stringify(response)}`);
    }
    return response.result;
}

describe('segment/run with the DuckDB engine', () => {
    test.each(['sneaker_abandoners', 'checkout_funnel', 'vip_loyal_spenders', 'new_loyalty_members'])('%s: the same ids, counts and rows as js', async segmentId => {
        const uri = URI.file(path.join(folder, segmentId === 'vip_loyal_spenders' ? 'big-spenders.segment' : segmentId === 'checkout_funnel' ? 'checkout-funnel.segment'
            : segmentId === 'new_loyalty_members' ? 'loyalty.segment' : 'sneakers.segment')).toString();
        const js = await runOk({ uri, segmentId, engine: 'js' });
        const parquet = await runOk({ uri, segmentId, samplePath: path.join(folder, 'sample.parquet') });
        const json = await runOk({ uri, segmentId, engine: 'duckdb' });
        expect(js.engine).toBe('js');
        expect(parquet.engine).toBe('duckdb');
        expect(json.engine).toBe('duckdb');
        expect(js.matched).toBeGreaterThan(0);
        for (const other of [parquet, json]) {
            expect(other).toMatchObject({ total: js.total, matched: js.matched, ids: js.ids, now: js.now, nowSource: 'dataset' });
            expect(other.clauses.map(c => c.matched)).toEqual(js.clauses.map(c => c.matched));
            expect(other.rows.map(r => [r.id, r.matched])).toEqual(js.rows.map(r => [r.id, r.matched]));
        }
        expect(json.rows.map(r => r.name)).toEqual(js.rows.map(r => r.name));
    });

    test('explanations come from the in-process explainer on the profile fetched through DuckDB', async () => {
        const js = await runOk({ segmentId: 'sneaker_abandoners', engine: 'js' });
        const duck = await runOk({ segmentId: 'sneaker_abandoners', engine: 'duckdb', explainIds: [js.ids[0]] });
        expect(duck.explanations?.map(e => [e.id, e.matched])).toEqual([[js.ids[0], true]]);
    });

    test('segment/explainProfile fetches the clicked profile through DuckDB from a Parquet sample (as --explain does)', async () => {
        const params = { uri: examples, segmentId: 'sneaker_abandoners', profileId: 'p0007' };
        const js = await handler.explain(params);
        const parquet = await handler.explain({ ...params, samplePath: path.join(folder, 'sample.parquet') });
        if (js.status !== 'ok' || parquet.status !== 'ok') {
            throw new Error(`refused: ${JSON.stringify([js, parquet])}`);
        }
        // The same verdict and explanation; DuckDB's profile also lists the fields it lacks as null.
        expect((parquet.result.profile as { _id: string })._id).toBe('p0007');
        expect({ ...parquet.result, profile: undefined }).toEqual({ ...js.result, profile: undefined });
        expect(parquet.result.explanation).toBeDefined();
        const missing = await handler.explain({ ...params, profileId: 'nobody', samplePath: path.join(folder, 'sample.parquet') });
        expect(missing).toMatchObject({ status: 'refused', reason: 'invalid-input', message: expect.stringContaining("No profile with id 'nobody'") });
        const refused = await handler.explain({ ...params, engine: 'js', samplePath: path.join(folder, 'sample.parquet') });
        expect(refused).toMatchObject({ status: 'refused', reason: 'invalid-input', message: expect.stringContaining('segment.engine') });
    });

    test('suspicious data: the run result carries the same warnings from both engines (the results panel shows them)', async () => {
        const sample = path.join(folder, 'suspicious.jsonl');
        writeFileSync(sample, [
            { _id: 'p1', person: { name: { firstName: 'A' } }, xEvent: [{ eventType: 'search', timestamp: 1772445600, search: { keywords: 'sneakers' } }] },
            { _id: 'p1', xEvent: [{ eventType: 'search', timestamp: '2026-02-30T10:00:00Z' }] },
        ].map(p => JSON.stringify(p)).join('\n') + '\n');
        const js = await runOk({ segmentId: 'sneaker_abandoners', engine: 'js', samplePath: sample });
        const duck = await runOk({ segmentId: 'sneaker_abandoners', engine: 'duckdb', samplePath: sample });
        expect(duck.engine).toBe('duckdb');
        expect(js.warnings).toEqual([
            'duplicate ids: 1 profile repeats the _id of an earlier profile (p1); each record is evaluated and counted as a profile of its own.',
            'timestamps before 1990 read from numbers (read as epoch milliseconds; likely epoch seconds): xEvent.timestamp (1).',
            'invalid timestamps (not a date, such as 2026-02-30 or text; they never occur): xEvent.timestamp (1).',
        ]);
        expect(duck.warnings).toEqual(js.warnings);
    });

    test('the config\'s "memoryLimit" is DuckDB\'s limit; data too big for it is refused with what to raise', async () => {
        const uri = URI.file(path.join(folder, 'tight', 'tight.segment')).toString();
        const response = await handler.run({ uri, segmentId: 'tight_probe', engine: 'duckdb', includeNonMatching: true, maxRows: 5 });
        expect(response).toMatchObject({ status: 'refused', reason: 'invalid-input', message: expect.stringMatching(
            /^DuckDB ran out of memory \(its limit: 1MB\) .*\. Raise "memoryLimit" in segment\.config\.json \(such as "2GB"\)\.$/su) });
        expect((await handler.run({ uri, segmentId: 'tight_probe', engine: 'js', includeNonMatching: true, maxRows: 5 })).status).toBe('ok');
    });

    test('the js engine refuses a Parquet sample with a message naming the setting', async () => {
        const response = await handler.run({ uri: examples, segmentId: 'sneaker_abandoners', engine: 'js', samplePath: path.join(folder, 'sample.parquet') });
        expect(response).toMatchObject({ status: 'refused', reason: 'invalid-input', message: expect.stringContaining('segment.engine') });
    });
});

describe('cancelling a DuckDB run', () => {
    test('interrupts the running query and fails with RequestCancelled', async () => {
        const source = new CancellationTokenSource();
        const original = DuckDbDataset.prototype.run;
        const interrupt = vi.spyOn(DuckDbDataset.prototype, 'interrupt');
        let query: Promise<unknown> | undefined;
        vi.spyOn(DuckDbDataset.prototype, 'run').mockImplementation(function (this: DuckDbDataset, ...args: Parameters<DuckDbDataset['run']>) {
            query = original.apply(this, args);
            // Cancel once the query runs (it would take minutes over these 100,000 quadratic profiles).
            setTimeout(() => source.cancel(), 200);
            return query as ReturnType<DuckDbDataset['run']>;
        });
        const error = await handler.run({ uri: slow, segmentId: 'slow', samplePath: path.join(folder, 'slow.parquet') }, source.token).then(r => r, e => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.code).toBe(LSPErrorCodes.RequestCancelled);
        expect(interrupt).toHaveBeenCalled();
        // The query itself was stopped, not left to finish.
        await expect(query).rejects.toThrow(/interrupt/i);
    });
});
