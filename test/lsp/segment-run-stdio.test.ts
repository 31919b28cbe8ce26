import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import { EXPLAIN_REQUEST, RUN_COMMAND, RUN_REQUEST, type ExplainResponse, type RunResponse } from '../../src/shared/segment-protocol.js';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

/** "Run against sample profiles" through the bundled server, as VS Code and other editors drive it. */
describe('segment/run over stdio', () => {
    let client: StdioLspClient;
    let folder: string;
    const segmentUri = (name: string): string => pathToFileURL(path.join(folder, name)).toString();

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'segment-run-lsp-'));
        client = await StdioLspClient.start(folder);
    });
    afterAll(async () => {
        await client?.stop();
        rmSync(folder, { recursive: true, force: true });
    });

    test('a code lens per segment, and a run over the sample bundled next to the server', async () => {
        const uri = segmentUri('us.segment');
        await client.open(uri, 'segment us_people {\n    where: homeAddress.countryCode = "US"\n}\n');
        const lenses = await client.connection.sendRequest<Array<{ command?: { title: string; command: string; arguments?: unknown[] } }>>('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses[0].command).toEqual({ title: '▶ Run against sample', command: RUN_COMMAND, arguments: [{ uri, segmentId: 'us_people' }] });
        const response = await client.connection.sendRequest<RunResponse>(RUN_REQUEST, { uri, segmentId: 'us_people' });
        expect(response.status).toBe('ok');
        const result = (response as Extract<RunResponse, { status: 'ok' }>).result;
        // out/language/main.cjs → ../../examples/sample-profiles.jsonl, as in the installed extension.
        expect(result).toMatchObject({ sampleSource: 'bundled', samplePath: path.resolve('examples/sample-profiles.jsonl'), nowSource: 'dataset' });
        expect(result.total).toBeGreaterThanOrEqual(500);
        expect(result.matched).toBeGreaterThan(0);
        expect(result.ids).toHaveLength(result.matched);
        const explained = await client.connection.sendRequest<ExplainResponse>(EXPLAIN_REQUEST, { uri, segmentId: 'us_people', profileId: result.ids[0], now: result.now, samplePath: result.samplePath });
        expect(explained).toMatchObject({ status: 'ok', result: { profileId: result.ids[0], matched: true, explanation: { kind: 'comparison', result: true } } });
    });

    test('a document with errors is refused with its first error', async () => {
        const uri = segmentUri('broken-run.segment');
        await client.open(uri, 'segment broken_run {\n    where: person.birthYear >\n}\n');
        const response = await client.connection.sendRequest<RunResponse>(RUN_REQUEST, { uri, segmentId: 'broken_run' });
        expect(response).toMatchObject({ status: 'refused', reason: 'document-errors', errors: [{ line: 3, column: 1, code: 'syntax/parse' }] });
    });

    test('$/cancelRequest cancels a run, and the server keeps serving', async () => {
        const uri = segmentUri('all.segment');
        await client.open(uri, 'segment all_people {\n    where: person.birthYear > 0 or not (person.birthYear > 0)\n}\n');
        const big = path.join(folder, 'big.jsonl');
        writeFileSync(big, Array.from({ length: 200_000 }, (_, i) => `{"_id":"b${i}","person":{"birthYear":${1950 + (i % 50)}}}`).join('\n'));
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest<RunResponse>(RUN_REQUEST, { uri, segmentId: 'all_people', samplePath: big }, source.token);
        setTimeout(() => source.cancel(), 50);
        await expect(pending).rejects.toMatchObject({ code: -32800 });
        const after = await client.connection.sendRequest<RunResponse>(RUN_REQUEST, { uri, segmentId: 'all_people' });
        expect(after.status).toBe('ok');
    }, 60_000);
});
