import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

describe('the bundled language server over stdio', () => {
    let client: StdioLspClient;
    let folder: string;

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'segment-lsp-'));
        writeFileSync(path.join(folder, 'base.segment'), 'segment base {\n    where: person.birthYear > 1980\n}\n');
        client = await StdioLspClient.start(folder);
    });
    afterAll(() => client?.stop());

    test('publishes syntax diagnostics for a file with an error, with line, column and code', async () => {
        const uri = pathToFileURL(path.join(folder, 'broken.segment')).toString();
        await client.open(uri, 'segment broken {\n    where: person.birthYear >\n}\n');
        const { diagnostics } = await client.diagnosticsFor(uri, p => p.diagnostics.length > 0);
        expect(diagnostics[0]).toMatchObject({ code: 'syntax/parse', range: { start: { line: 2, character: 0 } } });
        expect(diagnostics[0].message).toMatch(/^Expected an expression/u);
    });

    test('resolves inSegment references against the other files of the workspace folder', async () => {
        const uri = pathToFileURL(path.join(folder, 'uses.segment')).toString();
        await client.open(uri, 'segment uses {\n    where: inSegment("base") and inSegment("nowhere")\n}\n');
        const { diagnostics } = await client.diagnosticsFor(uri, p => p.diagnostics.length > 0);
        expect(diagnostics.map(d => [d.code, d.range.start.character])).toEqual([['reference/unknown-segment', 43]]);
    });

    test('clears diagnostics once the error is fixed', async () => {
        const uri = pathToFileURL(path.join(folder, 'fixed.segment')).toString();
        await client.open(uri, 'segment fixed {\n    where: person.birthYear >\n}\n');
        await client.diagnosticsFor(uri, p => p.diagnostics.length > 0);
        await client.change(uri, 2, 'segment fixed {\n    where: person.birthYear > 1980\n}\n');
        await client.diagnosticsFor(uri, p => p.diagnostics.length === 0);
    });

    test('keeps serving after a request that fails inside the server', async () => {
        const failed = await client.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: 'file:///does/not/exist.segment' }, position: { line: 99, character: 99 },
        }).then(() => 'answered', () => 'rejected');
        expect(['answered', 'rejected']).toContain(failed);
        const uri = pathToFileURL(path.join(folder, 'after.segment')).toString();
        await client.open(uri, 'segment after {\n    where: and\n}\n');
        const { diagnostics } = await client.diagnosticsFor(uri, p => p.diagnostics.length > 0);
        expect(diagnostics[0].code).toBe('syntax/parse');
        expect(client.process.exitCode).toBeNull();
    });
});
