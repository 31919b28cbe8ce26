import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import {
    EXPLAIN_REQUEST, RUN_REQUEST, RUN_TESTS_REQUEST, type ExplainResponse, type RunResponse, type TestOutcome,
} from '../../src/shared/segment-protocol.js';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

/**
 * A run that evaluates for minutes must not keep the server from answering: the evaluation runs in
 * a worker thread (src/language/evaluation), and cancelling the run ends that thread.
 */
describe('a long run over stdio', () => {
    let client: StdioLspClient;
    let folder: string;

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

    test('hover and completion are answered while it evaluates, and $/cancelRequest ends it', async () => {
        // One profile whose 5,000 events each cost a regex evaluation cut at the step budget (a
        // backreference under nested quantifiers): bounded, but minutes of work in all. Before the
        // worker, the server's only thread stayed inside that one profile until it was done.
        const sample = path.join(folder, 'slow.jsonl');
        const events = Array.from({ length: 5_000 }, () => ({ eventType: `${'a'.repeat(40)}!`, timestamp: '2026-10-01T00:00:00Z' }));
        writeFileSync(sample, `${JSON.stringify({ _id: 'p1', xEvent: events })}\n`);
        const uri = pathToFileURL(path.join(folder, 'slow.segment')).toString();
        const text = 'segment slow {\n    where: xEvent[eventType.matches("^(a*)*\\\\1$")].count() > 0\n}\n'
            + 'segment other {\n    where: person.birthYear > 1980\n}\n';
        await client.open(uri, text);
        await client.diagnosticsFor(uri, p => p.diagnostics.length === 0);

        const source = new CancellationTokenSource();
        let settled = false;
        const run = client.connection.sendRequest<RunResponse>(RUN_REQUEST, { uri, segmentId: 'slow', samplePath: sample, now: '2026-11-01T00:00:00Z' }, source.token);
        void run.then(() => { settled = true; }, () => { settled = true; });
        // Give the run time to reach the evaluation (the old server then answered nothing else).
        await new Promise(resolve => setTimeout(resolve, 1_000));

        const line = 4;
        const [hover, completion] = await Promise.all([
            client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('birthYear') + 2 } }),
            client.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('.') + 1 } }),
        ]);
        expect(JSON.stringify(hover?.contents)).toContain('birthYear');
        expect(completion?.items.map(i => i.label)).toContain('birthYear');
        // Both answered while the run is still evaluating.
        expect(settled).toBe(false);

        source.cancel();
        await expect(run).rejects.toMatchObject({ code: -32800 });
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
});
