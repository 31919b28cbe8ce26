import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

/** Far beyond any answer time on a small document; a request unanswered this long waits for an event that will not come. */
const HANG = 10_000;

const text = (i: number): string => `segment base {\n    where: person.birthYear > ${1900 + i}\n}\n`
    + `segment uses {\n    where: inSegment("base") and person.birthYear < ${2000 + i}\n}\n`;

/**
 * After a `didChange`, requests that wait for the workspace to reach a build phase (highlight,
 * references, rename) were left waiting until the next edit when they arrived while the build was
 * telling that phase's listeners: the builder's state still named the phase before, and the waiter
 * joined the listeners after the round that would have woken it. Each request kind, right after an
 * edit, many times, with nothing else happening until it is answered.
 */
describe('requests right after an edit', () => {
    let client: StdioLspClient;
    let folder: string;
    let uri: string;

    beforeAll(async () => {
        folder = mkdtempSync(path.join(tmpdir(), 'segment-after-edit-'));
        uri = pathToFileURL(path.join(folder, 'edited.segment')).toString();
        client = await StdioLspClient.start(folder);
        await client.open(uri, text(0));
        await client.diagnosticsFor(uri);
    });
    afterAll(async () => {
        await client?.stop();
        rmSync(folder, { recursive: true, force: true });
    });

    const position = { line: 4, character: 24 };
    const requests: Array<[string, object]> = [
        ['textDocument/documentHighlight', { position }],
        ['textDocument/references', { position, context: { includeDeclaration: true } }],
        ['textDocument/prepareRename', { position }],
        ['textDocument/rename', { position, newName: 'renamed' }],
        ['textDocument/hover', { position }],
        ['textDocument/completion', { position }],
        ['textDocument/codeAction', { range: { start: position, end: position }, context: { diagnostics: [] } }],
        ['textDocument/semanticTokens/full', {}],
    ];

    for (const [method, params] of requests) {
        test(`${method} is answered after each of 25 edits`, async () => {
            for (let edit = 1; edit <= 25; edit++) {
                await client.change(uri, edit + 1000 * requests.findIndex(([m]) => m === method), text(edit));
                const answer = client.connection.sendRequest(method, { textDocument: { uri }, ...params });
                let timer: NodeJS.Timeout | undefined;
                const hung = new Promise(resolve => { timer = setTimeout(() => resolve('unanswered'), HANG); });
                const outcome = await Promise.race([answer.then(() => 'answered', () => 'answered'), hung]);
                clearTimeout(timer);
                expect(outcome, `${method} after edit ${edit}`).toBe('answered');
            }
        }, 40 * HANG);
    }
});
