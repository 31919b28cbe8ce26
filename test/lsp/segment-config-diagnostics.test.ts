import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';
import { refBomb } from '../language/schema/schema-bombs.js';

/**
 * A config whose schema cannot be used (issue 15: a 3.5 KB `$ref` bomb) was an error on line 1 of
 * every `.segment` file it governs, and nothing on segment.config.json. It is one diagnostic on the
 * config's URI, at the value concerned; the segments, whose custom fields the bundled stand-in
 * schema does not know, are not reported; fixing or deleting the config clears the diagnostic.
 */
const CONFIG = '{\n    "schema": "bomb.schema.json"\n}\n';
/** A usable schema, in which the segments' `_acme.tier` does not exist. */
const USABLE_SCHEMA = JSON.stringify({ properties: { _acme: { type: 'object', properties: { level: { type: 'string' } } } } });

let client: StdioLspClient | undefined;
afterEach(async () => {
    await client?.stop();
    client = undefined;
});

/** A workspace of three segments reading a custom field, governed by `config`; the client opens two of them. */
async function workspace(config: string): Promise<{ folder: string; configUri: string; segments: string[] }> {
    const folder = mkdtempSync(path.join(tmpdir(), 'segment-config-lsp-'));
    writeFileSync(path.join(folder, 'segment.config.json'), config);
    writeFileSync(path.join(folder, 'bomb.schema.json'), JSON.stringify(refBomb(18)));
    const names = ['a', 'b', 'c'];
    for (const name of names) {
        writeFileSync(path.join(folder, `${name}.segment`), `segment ${name} {\n    where: _acme.tier = "${name}"\n}\n`);
    }
    client = await StdioLspClient.start(folder);
    const segments = names.slice(0, 2).map(name => pathToFileURL(path.join(folder, `${name}.segment`)).toString());
    for (const uri of segments) {
        await client.open(uri, `segment ${path.basename(uri, '.segment')} {\n    where: _acme.tier = "x"\n}\n`);
    }
    return { folder, configUri: pathToFileURL(path.join(folder, 'segment.config.json')).toString(), segments };
}

function fileChanged(uri: string, type: 1 | 2 | 3): Promise<void> {
    return client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
}

describe('problems of segment.config.json over stdio', () => {
    test('a $ref-bomb schema is one diagnostic on the config, at the schema value; none on the segments; fixing it clears it', async () => {
        const { folder, configUri, segments } = await workspace(CONFIG);
        const { diagnostics } = await client!.diagnosticsFor(configUri, p => p.diagnostics.length > 0);
        expect(diagnostics).toEqual([expect.objectContaining({
            code: 'config/invalid-schema', severity: 1,
            range: { start: { line: 1, character: 14 }, end: { line: 1, character: 32 } },
            message: expect.stringMatching(/^Schema bomb\.schema\.json cannot be used: the schema expands to more than 100,000 field paths/u),
        })]);
        for (const uri of segments) {
            expect((await client!.diagnosticsFor(uri)).diagnostics).toEqual([]);
        }
        // Once the schema is usable, the segments are checked against it again.
        writeFileSync(path.join(folder, 'bomb.schema.json'), USABLE_SCHEMA);
        await fileChanged(pathToFileURL(path.join(folder, 'bomb.schema.json')).toString(), 2);
        await client!.diagnosticsFor(configUri, p => p.diagnostics.length === 0);
        for (const uri of segments) {
            const { diagnostics: after } = await client!.diagnosticsFor(uri, p => p.diagnostics.length > 0);
            expect(after.map(d => d.code)).toEqual(['schema/unknown-field']);
        }
    });

    test('an unknown key is reported at the key, a wrong value at the value; deleting the config clears them', async () => {
        const { folder, configUri } = await workspace('{\n    "schema": 42,\n    "nowe": "2026-01-01T00:00:00Z"\n}\n');
        const { diagnostics } = await client!.diagnosticsFor(configUri, p => p.diagnostics.length > 0);
        expect(diagnostics.map(d => [d.code, d.range.start, d.message.slice(0, 20)])).toEqual([
            ['config/invalid-config', { line: 1, character: 14 }, '"schema" must be a s'],
            ['config/invalid-config', { line: 2, character: 4 }, 'unknown key "nowe" ('],
        ]);
        rmSync(path.join(folder, 'segment.config.json'));
        await fileChanged(configUri, 3);
        await client!.diagnosticsFor(configUri, p => p.diagnostics.length === 0);
    });
});
