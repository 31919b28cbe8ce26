import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { RUN_REQUEST, type RunResponse } from '../../src/shared/segment-protocol.js';
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
        await client?.stop();
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
});
