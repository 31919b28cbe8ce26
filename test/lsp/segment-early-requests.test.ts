import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

/**
 * Editors send requests right after `didOpen`. The server adds an opened document in the build that
 * `didOpen` queues, which waits while another build holds the workspace: a request must wait for the
 * document, not fail with "No document found".
 */
describe('requests right after didOpen', () => {
    let client: StdioLspClient;
    let folder: string;
    const uriOf = (name: string): string => pathToFileURL(path.join(folder, name)).toString();

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'segment-early-'));
        client = await StdioLspClient.start(folder);
    });
    afterAll(async () => {
        await client?.stop();
        rmSync(folder, { recursive: true, force: true });
    });

    test('are answered while an earlier document is still being built', async () => {
        const big = Array.from({ length: 400 }, (_, i) => `segment s${i} {\n    where: person.birthYear > ${i} and homeAddress.countryCode = "US"\n}\n`).join('');
        await client.open(uriOf('big.segment'), big);
        const names = Array.from({ length: 5 }, (_, i) => `small${i}.segment`);
        const answers = await Promise.all(names.map(async (name, i) => {
            await client.open(uriOf(name), `segment small_${i} {\n    where: person.birthYear > 1980\n}\n`);
            return client.connection.sendRequest<Array<{ command?: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: uriOf(name) } });
        }));
        for (const lenses of answers) {
            expect(lenses.map(l => l.command?.title)).toContain('▶ Run against sample');
        }
    });
});
