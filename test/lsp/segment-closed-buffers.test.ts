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

    // Found by `npm run fuzz` (seed 2, document 32): the check for a file behind a closed buffer
    // finished after the editor had opened the buffer again, and removed the open document from
    // the workspace; its requests then read a file that does not exist (ENOENT) or waited forever.
    test('a buffer closed and opened again at once stays in the workspace', async () => {
        const uri = uriOf('reopened.segment');
        await client.open(uri, 'segment reopened {\n    where: person.birthYear > 1990\n}\n');
        await client.diagnosticsFor(uri);
        for (let round = 1; round <= 5; round++) {
            // In one go, as an editor reloading a tab sends them.
            void close(uri);
            void client.open(uri, `segment reopened {\n    where: person.noSuchField${round} > 1990\n}\n`);
            await client.diagnosticsFor(uri, p => p.diagnostics.some(d => d.message.includes(`noSuchField${round}`)));
            const symbols = await answerOrHang(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));
            expect(symbols, `round ${round}`).toMatchObject([{ name: 'reopened' }]);
        }
    });
});

/** The answer, an error's message, or 'unanswered' after 10 s (far beyond any answer time here). */
async function answerOrHang(request: Promise<unknown>): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise(resolve => { timer = setTimeout(() => resolve('unanswered'), 10_000); });
    const outcome = await Promise.race([request.catch((error: Error) => error.message), hung]);
    clearTimeout(timer);
    return outcome;
}
