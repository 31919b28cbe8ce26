import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

/**
 * A buffer closed in the editor without a file behind it (never saved, or its file deleted) leaves
 * the workspace: its segment ids no longer clash with other files.
 */
describe('closed buffers', () => {
    let client: StdioLspClient;
    let folder: string;
    const uriOf = (name: string): string => pathToFileURL(path.join(folder, name)).toString();
    const codes = (uri: string) => client.diagnosticsFor(uri).then(p => p.diagnostics.map(d => String(d.code)));

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'segment-closed-'));
        writeFileSync(path.join(folder, 'saved.segment'), 'segment vip {\n    where: person.birthYear > 1980\n}\n');
        client = await StdioLspClient.start(folder);
        await client.open(uriOf('saved.segment'), 'segment vip {\n    where: person.birthYear > 1980\n}\n');
        await client.diagnosticsFor(uriOf('saved.segment'), p => p.diagnostics.length === 0);
    });
    afterAll(async () => {
        await client?.stop();
        rmSync(folder, { recursive: true, force: true });
    });

    const close = (uri: string) => client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });

    test.each([
        ['an untitled buffer', () => 'untitled:Untitled-1'],
        ['a buffer whose file is not on disk', () => uriOf('deleted.segment')],
    ])('%s: its duplicate id goes away with it', async (_label, uri) => {
        await client.open(uri(), 'segment vip {\n    where: person.birthYear > 1990\n}\n');
        await client.diagnosticsFor(uriOf('saved.segment'), p => p.diagnostics.length > 0);
        expect(await codes(uriOf('saved.segment'))).toEqual(['segment/duplicate-id']);
        await close(uri());
        await client.diagnosticsFor(uriOf('saved.segment'), p => p.diagnostics.length === 0);
        await client.diagnosticsFor(uri(), p => p.diagnostics.length === 0);
    });

    test('a closed buffer with a file on disk is read again from the file (its unsaved text dropped)', async () => {
        writeFileSync(path.join(folder, 'other.segment'), 'segment other {\n    where: person.birthYear > 1980\n}\n');
        await client.open(uriOf('other.segment'), 'segment vip {\n    where: person.birthYear > 1990\n}\n');
        await client.diagnosticsFor(uriOf('saved.segment'), p => p.diagnostics.length > 0);
        await close(uriOf('other.segment'));
        await client.diagnosticsFor(uriOf('saved.segment'), p => p.diagnostics.length === 0);
    });
});
