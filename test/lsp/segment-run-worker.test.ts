import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    COVERAGE_REQUEST, EXPLAIN_REQUEST, GENERATE_PROFILE_REQUEST, RUN_REQUEST, RUN_TESTS_REQUEST,
    type ExplainResponse, type GenerateProfileResponse, type RunResponse, type SegmentCoverageSummary, type TestOutcome,
} from '../../src/shared/segment-protocol.js';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';
import { expectAnsweredWhilePending } from '../helpers/segment-pending-request.js';

/**
 * An evaluation that takes minutes must not keep the server from answering: runs, explanations,
 * tests, clause coverage, generated profiles and the explanations of a DuckDB run evaluate in a
 * worker thread (src/language/evaluation), and cancelling the request ends that thread.
 */
describe('long evaluations over stdio', () => {
    let client: StdioLspClient;
    let folder: string;
    const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).toString();
    /** A quick segment in each file (ids are unique across the workspace), where hover and completion are asked. */
    const quick = (id: string) => `segment ${id} {\n    where: person.birthYear > 1980\n}\n`;
    /**
     * One profile whose 5,000 events each cost a regex evaluation cut at the step budget under
     * `SLOW_PATTERN` (a backreference under nested quantifiers): bounded, but minutes of work in all.
     */
    const slowProfile = () => `${JSON.stringify({ _id: 'p1', xEvent: Array.from({ length: 5_000 }, () => ({ eventType: `${'a'.repeat(40)}!`, timestamp: '2026-10-01T00:00:00Z' })) })}\n`;
    const SLOW_PATTERN = '^(a*)*\\\\1$';

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'segment-run-worker-'));
        client = await StdioLspClient.start(folder);
    });
    afterAll(async () => {
        // A server stuck in an evaluation (what this file guards against) would never answer shutdown.
        await Promise.race([client?.stop(), new Promise(resolve => setTimeout(resolve, 5_000))]);
        client?.process.kill();
        rmSync(folder, { recursive: true, force: true });
    });

    /** Opens a document and waits until it is checked without errors. */
    async function open(name: string, text: string): Promise<string> {
        const uri = uriOf(name);
        await client.open(uri, text);
        await client.diagnosticsFor(uri, p => !p.diagnostics.some(d => d.severity === 1));
        return uri;
    }

    test('hover and completion are answered while it evaluates, and $/cancelRequest ends it', async () => {
        // Before the worker, the server's only thread stayed inside that one profile until it was done.
        const sample = path.join(folder, 'slow.jsonl');
        writeFileSync(sample, slowProfile());
        const text = `segment slow {\n    where: xEvent[eventType.matches("${SLOW_PATTERN}")].count() > 0\n}\n` + quick('other');
        const uri = await open('slow.segment', text);

        await expectAnsweredWhilePending(client, uri, text, RUN_REQUEST, { uri, segmentId: 'slow', samplePath: sample, now: '2026-11-01T00:00:00Z' });
        // The server runs again at once: a small run over the bundled sample.
        const after = await client.connection.sendRequest<RunResponse>(RUN_REQUEST, { uri, segmentId: 'other' });
        expect(after).toMatchObject({ status: 'ok', result: { engine: 'js' } });
    }, 60_000);

    test('in the worker, inSegment reaches segments of other files, and failures are answered as before', async () => {
        const gold = pathToFileURL(path.join(folder, 'gold.segment')).toString();
        const loyal = pathToFileURL(path.join(folder, 'loyal.segment')).toString();
        await client.open(gold, 'segment gold {\n    where: loyalty.tier = "gold"\n}\n');
        await client.open(loyal, 'segment loyal {\n    where: inSegment("gold") and person.birthYear > 1900\n}\n\n'
            + 'test loyal_gold {\n    segment: loyal\n    now: "2026-11-01T12:00:00Z"\n'
            + '    profile: { "_id": "g", "loyalty": { "tier": "gold" }, "person": { "birthYear": 1980 } }\n'
            + '    profile: { "_id": "s", "loyalty": { "tier": "silver" }, "person": { "birthYear": 1980 } }\n    expect: ["g"]\n}\n');
        await client.diagnosticsFor(loyal, p => p.diagnostics.length === 0);
        const sample = path.join(folder, 'two.jsonl');
        writeFileSync(sample, '{"_id":"g","loyalty":{"tier":"gold"},"person":{"birthYear":1980}}\n{"_id":"s","loyalty":{"tier":"silver"},"person":{"birthYear":1980}}\n');
        const inputs = { uri: loyal, segmentId: 'loyal', samplePath: sample, now: '2026-11-01T12:00:00Z' };

        expect(await client.connection.sendRequest<RunResponse>(RUN_REQUEST, inputs)).toMatchObject({ status: 'ok', result: { total: 2, matched: 1, ids: ['g'] } });
        expect(await client.connection.sendRequest<ExplainResponse>(EXPLAIN_REQUEST, { ...inputs, profileId: 's' }))
            .toMatchObject({ status: 'ok', result: { profileId: 's', matched: false, explanation: { kind: 'and', result: false } } });
        expect(await client.connection.sendRequest<TestOutcome[]>(RUN_TESTS_REQUEST, { uri: loyal }))
            .toMatchObject([{ name: 'loyal_gold', status: 'passed', range: { start: { line: 4, character: 0 } } }]);
        // An error inside the worker keeps its kind: a missing sample is refused naming the file.
        expect(await client.connection.sendRequest<RunResponse>(RUN_REQUEST, { ...inputs, samplePath: path.join(folder, 'missing.jsonl') }))
            .toMatchObject({ status: 'refused', reason: 'unreadable-sample', message: expect.stringContaining('missing.jsonl (ENOENT)') });
    }, 60_000);

    test('segment/coverage: a test whose fixture takes minutes to explain', async () => {
        writeFileSync(path.join(folder, 'slow-events.jsonl'), slowProfile());
        const text = `segment slowcov {\n    where: xEvent[eventType.matches("${SLOW_PATTERN}")].count() > 0\n}\n` + quick('quickcov')
            + 'test slowcov_none {\n    segment: slowcov\n    now: "2026-11-01T00:00:00Z"\n    fixture: "slow-events.jsonl"\n    expect: no match\n}\n';
        const uri = await open('slowcov.segment', text);
        await expectAnsweredWhilePending(client, uri, text, COVERAGE_REQUEST, { uri });

        // Answered from the worker: the clauses' outcomes over a quick test.
        const covered = await open('covered.segment', quick('covered')
            + 'test covered_1 {\n    segment: covered\n    now: "2026-11-01T00:00:00Z"\n    profile: { "_id": "a", "person": { "birthYear": 1990 } }\n    expect: match\n}\n');
        expect(await client.connection.sendRequest<SegmentCoverageSummary[]>(COVERAGE_REQUEST, { uri: covered }))
            .toMatchObject([{ segment: 'covered', tests: 1, clauses: [{ text: 'person.birthYear > 1980', whenTrue: 1, whenFalse: 0 }] }]);
    }, 60_000);

    test('segment/generateProfile: a search through clauses whose regexes are cut at the budget', async () => {
        // Every candidate name is tried against three patterns that backtrack to the budget on it: minutes of search.
        const patterns = ['^(a*)*\\\\1$', '^(a|aa)*\\\\1$', '^(a*)+\\\\1$'].map(p => `person.name.firstName.matches("${p}")`).join(' and ');
        const text = `segment slowgen {\n    where: person.name.firstName = "${'a'.repeat(40)}!" and ${patterns}\n}\n` + quick('quickgen');
        const uri = await open('slowgen.segment', text);
        await expectAnsweredWhilePending(client, uri, text, GENERATE_PROFILE_REQUEST, { uri, segment: 'slowgen' });

        // Answered from the worker: a verified profile, inserted after the segment.
        expect(await client.connection.sendRequest<GenerateProfileResponse>(GENERATE_PROFILE_REQUEST, { uri, segment: 'quickgen' })).toMatchObject({
            status: 'ok', position: { line: 6, character: 0 }, text: expect.stringContaining('test quickgen_matches {'),
        });
    }, 60_000);

    test('segment/run on DuckDB: the in-process explanation of a profile that takes minutes', async () => {
        // DuckDB's RE2 answers the query at once; the js explainer runs each of the 1,000 events' 2,000
        // characters through a pattern of 500 counted repetitions up to the step budget.
        const events = Array.from({ length: 1_000 }, () => ({ eventType: 'a'.repeat(2_000), timestamp: '2026-10-01T00:00:00Z' }));
        const sample = path.join(folder, 'slow-duckdb.jsonl');
        writeFileSync(sample, `${JSON.stringify({ _id: 'p1', xEvent: events })}\n${JSON.stringify({ _id: 'p2', person: { birthYear: 1990 } })}\n`);
        const text = 'segment slowdb {\n    where: xEvent[eventType.matches("a{1,500}z")].count() > 0\n}\n' + quick('quickdb');
        const uri = await open('slowdb.segment', text);
        const inputs = { uri, samplePath: sample, now: '2026-11-01T00:00:00Z', engine: 'duckdb' };
        // Answered from the worker: the explanation of a quick profile (DuckDB loaded, so that the slow run below reaches the explainer at once).
        expect(await client.connection.sendRequest<RunResponse>(RUN_REQUEST, { ...inputs, segmentId: 'quickdb', explainIds: ['p2'] })).toMatchObject({
            status: 'ok', result: { engine: 'duckdb', ids: ['p2'], explanations: [{ id: 'p2', matched: true, tree: { result: true } }] },
        });
        await expectAnsweredWhilePending(client, uri, text, RUN_REQUEST, { ...inputs, segmentId: 'slowdb', explainIds: ['p1'] });
    }, 60_000);
});
