import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { createRunEnvironment } from '../../src/language/evaluation/segment-run-environment.js';
import { SegmentRunHandler } from '../../src/language/evaluation/segment-run-handler.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import type { RunParams, RunResponse, RunResult } from '../../src/shared/segment-protocol.js';

const SEGMENTS = `segment us_gold {
    name: "US gold members"
    where: homeAddress.countryCode = "US" and loyalty.tier = "gold"
}

segment everyone {
    where: person.birthYear > 0 or not (person.birthYear > 0)
}
`;

const BROKEN = `segment fine {
    where: person.birthYear > 1990
}
segment broken {
    where: person.birthYear >
}
`;

const profile = (id: string | undefined, country: string, tier: string, extra: object = {}): string =>
    JSON.stringify({ ...(id ? { _id: id } : {}), homeAddress: { countryCode: country }, loyalty: { tier }, person: { birthYear: 1990 }, ...extra });

const DATASET = [
    JSON.stringify({ $meta: { now: '2026-11-01T12:00:00Z' } }),
    profile('p1', 'US', 'gold', { person: { name: { firstName: '<img src=x onerror=alert(1)>' }, birthYear: 1985 }, xEvent: [{}, {}] }),
    profile('p2', 'FR', 'gold'),
    '{ not json',
    profile('p3', 'US', 'silver'),
    profile(undefined, 'US', 'gold'),
    profile('p5', 'US', 'gold', { personalEmail: { address: 'p5@example.com' } }),
].join('\n');

let folder: string;
let handler: SegmentRunHandler;
let shoes: string;
let broken: string;

/** Services over the real file system, initialised on the folder like the language server on its workspace. */
async function createHandler(clock = () => new Date('2030-01-01T00:00:00Z')): Promise<SegmentRunHandler> {
    const { shared, Segment } = createSegmentServices(NodeFileSystem);
    const workspaceFolders = [{ uri: URI.file(folder).toString(), name: 'ws' }];
    // As the server's `initialize`: a config's paths may point anywhere in the workspace folder.
    shared.workspace.WorkspaceManager.initialize({ workspaceFolders, capabilities: {}, processId: null, rootUri: null });
    await shared.workspace.WorkspaceManager.initializeWorkspace(workspaceFolders);
    const environment = { ...createRunEnvironment(Segment), bundledSamplePath: path.join(folder, 'bundled.jsonl'), clock };
    return new SegmentRunHandler(shared, environment);
}

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'segment-run-'));
    shoes = URI.file(path.join(folder, 'shoes.segment')).toString();
    broken = URI.file(path.join(folder, 'broken.segment')).toString();
    writeFileSync(path.join(folder, 'shoes.segment'), SEGMENTS);
    writeFileSync(path.join(folder, 'broken.segment'), BROKEN);
    writeFileSync(path.join(folder, 'bundled.jsonl'), DATASET);
    writeFileSync(path.join(folder, 'other.json'), JSON.stringify([JSON.parse(profile('o1', 'US', 'gold')), JSON.parse(profile('o2', 'DE', 'gold'))]));
    handler = await createHandler();
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function runOk(params: Partial<RunParams> = {}, target = handler): Promise<RunResult> {
    const response = await target.run({ uri: shoes, segmentId: 'us_gold', ...params });
    if (response.status !== 'ok') {
        throw new Error(`refused: ${JSON.stringify(response)}`);
    }
    return response.result;
}

describe('segment/run', () => {
    test('runs a segment over the bundled sample with the dataset\'s declared now', async () => {
        const result = await runOk();
        expect(result).toMatchObject({
            segment: 'us_gold', title: 'US gold members', uri: shoes,
            now: '2026-11-01T12:00:00.000Z', nowSource: 'dataset', timeZone: 'UTC',
            samplePath: path.join(folder, 'bundled.jsonl'), sampleSource: 'bundled',
            total: 5, matched: 3, ids: ['p1', '#4', 'p5'], skipped: 1, rowsTruncated: false,
        });
        expect(result.problems?.[0]).toMatch(/bundled\.jsonl:4: malformed JSON/u);
        expect(result.clauses.map(c => [c.text, c.matched])).toEqual([
            ['homeAddress.countryCode = "US" and loyalty.tier = "gold"', 3],
            ['homeAddress.countryCode = "US"', 4],
            ['loyalty.tier = "gold"', 4],
        ]);
        expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
        // The clause tree has the same counts, and each clause its range in the document.
        expect(result.clauseTreeProfiles).toBe(5);
        expect(result.clauseTree).toMatchObject({ profiles: 3, children: [{ profiles: 4 }, { profiles: 4 }] });
        expect(result.clauseTree!.children![1].range).toEqual(result.clauses[2].range);
        expect(result.clauses[2].range?.start.line).toBeGreaterThan(0);
    });

    test('rows: the matching profiles\' table attributes, then the others when asked, as data', async () => {
        const only = await runOk();
        expect(only.rows.map(r => r.id)).toEqual(['p1', '#4', 'p5']);
        // The columns are the fields the segment reads.
        expect(only.columns).toEqual([{ key: 'homeAddress.countryCode', label: 'homeAddress.countryCode' }, { key: 'loyalty.tier', label: 'loyalty.tier' }]);
        expect(only.rows[0]).toEqual({ id: 'p1', name: '<img src=x onerror=alert(1)>', events: 2, matched: true, fields: { 'homeAddress.countryCode': 'US', 'loyalty.tier': 'gold' } });
        const all = await runOk({ includeNonMatching: true });
        expect(all.rows.map(r => [r.id, r.matched])).toEqual([['p1', true], ['#4', true], ['p5', true], ['p2', false], ['p3', false]]);
        const cut = await runOk({ includeNonMatching: true, maxRows: 1 });
        expect(cut.rows.map(r => r.id)).toEqual(['p1', 'p2']);
        expect(cut.rowsTruncated).toBe(true);
        expect(cut.ids).toEqual(['p1', '#4', 'p5']);
    });

    test('the settings win over the dataset: sample path (JSON array), now and time zone', async () => {
        const result = await runOk({ samplePath: path.join(folder, 'other.json'), now: '2027-01-01T00:00:00+01:00', timeZone: 'Europe/Paris' });
        expect(result).toMatchObject({ total: 2, matched: 1, ids: ['o1'], sampleSource: 'setting', now: '2026-12-31T23:00:00.000Z', nowSource: 'setting', timeZone: 'Europe/Paris' });
    });

    test('segment.config.json beats the bundled sample and the dataset\'s now; the clock comes last', async () => {
        const configured = path.join(folder, 'configured');
        mkdirSync(configured);
        writeFileSync(path.join(configured, 'segment.config.json'), JSON.stringify({ sample: '../other.json', now: '2026-06-01T00:00:00Z', timeZone: 'Asia/Tokyo' }));
        // Other ids: segment ids are unique across the workspace.
        writeFileSync(path.join(configured, 'c.segment'), SEGMENTS.replace('us_gold', 'configured_gold').replace('everyone', 'configured_everyone'));
        writeFileSync(path.join(configured, 'noconfig.jsonl'), profile('n1', 'US', 'gold'));
        const local = await createHandler(() => new Date('2030-01-01T00:00:00Z'));
        const uri = URI.file(path.join(configured, 'c.segment')).toString();
        const result = await runOk({ uri, segmentId: 'configured_gold' }, local);
        expect(result).toMatchObject({ samplePath: path.join(folder, 'other.json'), sampleSource: 'config', now: '2026-06-01T00:00:00.000Z', nowSource: 'config', timeZone: 'Asia/Tokyo', ids: ['o1'] });
        const clock = await runOk({ samplePath: path.join(configured, 'noconfig.jsonl') });
        expect(clock).toMatchObject({ now: '2030-01-01T00:00:00.000Z', nowSource: 'clock', ids: ['n1'] });
    });

    test('explanations for the requested profiles', async () => {
        const result = await runOk({ explainIds: ['p2'] });
        expect(result.explanations).toHaveLength(1);
        expect(result.explanations![0]).toMatchObject({ id: 'p2', matched: false, tree: { kind: 'and', result: false } });
    });
});

describe('refusals', () => {
    test('a document with errors is not run; the errors come first-first with 1-based positions', async () => {
        const response = await handler.run({ uri: broken, segmentId: 'fine' });
        expect(response.status).toBe('refused');
        const refusal = response as Extract<RunResponse, { status: 'refused' }>;
        expect(refusal.reason).toBe('document-errors');
        expect(refusal.message).toMatch(/^broken\.segment has \d+ errors?; fix (it|them) first\.$/u);
        expect(refusal.errors!.length).toBeGreaterThan(0);
        expect(refusal.errors![0].line).toBe(6);
        expect(refusal.errors![0].column).toBeGreaterThan(0);
    });

    test('unknown segment, unknown document, bad inputs and a missing dataset are refused with a reason', async () => {
        expect(await handler.run({ uri: shoes, segmentId: 'nope' })).toEqual({
            status: 'refused', reason: 'unknown-segment', message: 'No segment \'nope\' in shoes.segment (segments: us_gold, everyone).',
        });
        expect(await handler.run({ uri: 'file:///nowhere/x.segment', segmentId: 'a' })).toMatchObject({ status: 'refused', reason: 'unknown-document' });
        expect(await handler.run({ uri: shoes, segmentId: 'us_gold', now: 'tomorrow' })).toMatchObject({ status: 'refused', reason: 'invalid-input', message: expect.stringContaining('segment.now') });
        expect(await handler.run({ uri: shoes, segmentId: 'us_gold', timeZone: 'Mars/Base' })).toMatchObject({ status: 'refused', reason: 'invalid-input' });
        expect(await handler.run({ uri: shoes, segmentId: 'us_gold', samplePath: path.join(folder, 'missing.jsonl') }))
            .toMatchObject({ status: 'refused', reason: 'unreadable-sample', message: expect.stringContaining('missing.jsonl (ENOENT)') });
    });
});

describe('cancellation', () => {
    test('a cancelled request fails with RequestCancelled', async () => {
        const source = new CancellationTokenSource();
        source.cancel();
        const error = await handler.run({ uri: shoes, segmentId: 'us_gold' }, source.token).catch(e => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.code).toBe(LSPErrorCodes.RequestCancelled);
    });

    test('the engine polls the token during a long run and stops', async () => {
        const big = path.join(folder, 'big.jsonl');
        writeFileSync(big, Array.from({ length: 3000 }, (_, i) => profile(`b${i}`, 'US', 'gold')).join('\n'));
        let polls = 0;
        // Not cancelled for the first polls (finding the document), then cancelled mid-run.
        const token: CancellationToken = { get isCancellationRequested() { return ++polls > 3; }, onCancellationRequested: () => ({ dispose() {} }) };
        const error = await handler.run({ uri: shoes, segmentId: 'everyone', samplePath: big }, token).catch(e => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.code).toBe(LSPErrorCodes.RequestCancelled);
        expect(polls).toBeLessThan(20);
    });
});

describe('segment/explainProfile and segment/listSegments', () => {
    test('explains one profile, found by its id or position, with its JSON', async () => {
        const response = await handler.explain({ uri: shoes, segmentId: 'us_gold', profileId: 'p3' });
        expect(response).toMatchObject({ status: 'ok', result: { profileId: 'p3', matched: false, profile: { _id: 'p3' } } });
        const tree = (response as Extract<typeof response, { status: 'ok' }>).result.explanation!;
        expect(tree.children?.map(c => [c.text, c.result])).toEqual([['homeAddress.countryCode = "US"', true], ['loyalty.tier = "gold"', false]]);
        expect(await handler.explain({ uri: shoes, segmentId: 'us_gold', profileId: '#4' })).toMatchObject({ status: 'ok', result: { matched: true } });
        expect(await handler.explain({ uri: shoes, segmentId: 'us_gold', profileId: 'zzz' })).toMatchObject({ status: 'refused', reason: 'invalid-input' });
    });

    test('lists the segments of a known document, nothing for an unknown one', async () => {
        expect((await handler.listSegments({ uri: shoes })).map(s => s.id)).toEqual(['us_gold', 'everyone']);
        expect(await handler.listSegments({ uri: 'file:///nowhere/x.segment' })).toEqual([]);
    });
});
