import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { SegmentNodeFileSystem } from '../../src/language/workspace/segment-node-file-system.js';

const MB = 1024 * 1024;

/** A file of `bytes` NUL bytes that takes no room on disk (sparse): reading it as one string is what used to fail. */
function sparseFile(file: string, bytes: number): void {
    const fd = openSync(file, 'w');
    try {
        ftruncateSync(fd, bytes);
    } finally {
        closeSync(fd);
    }
}

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach(folder => rmSync(folder, { recursive: true, force: true })));

/** A folder with `big.segment` (600 MB, more than V8's longest string) and a small file, indexed as the server indexes a workspace. */
async function indexedWorkspace() {
    const folder = mkdtempSync(path.join(tmpdir(), 'segment-oversized-'));
    folders.push(folder);
    sparseFile(path.join(folder, 'big.segment'), 600 * MB);
    writeFileSync(path.join(folder, 'ok.segment'), 'segment ok {\n    where: person.birthYear > 1980\n}\n');
    const { shared } = createSegmentServices(SegmentNodeFileSystem);
    shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ name: 'ws', uri: URI.file(folder).toString() }]);
    const documents = shared.workspace.LangiumDocuments;
    const diagnostics = (name: string) => {
        const document = documents.getDocument(URI.file(path.join(folder, name))) as LangiumDocument;
        return (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
    };
    return { folder, shared, diagnostics };
}

describe('a .segment file too large to read', () => {
    test('is refused from its size before it is read when the workspace is indexed: one syntax/too-large error, the other files analysed', async () => {
        const { diagnostics } = await indexedWorkspace();
        expect(diagnostics('big.segment')).toEqual(['1:1 syntax/too-large This file has 629,145,600 bytes (600.0 MiB), more than the 1,048,576 '
            + 'characters (1 MiB) that this tool analyses; it is not read. Expected a smaller file: split its segments across files of at most 1 MiB.']);
        expect(diagnostics('ok.segment')).toEqual([]);
    });

    test('is refused again when it changes on disk, and analysed once it is small again', async () => {
        const { folder, shared, diagnostics } = await indexedWorkspace();
        const big = path.join(folder, 'big.segment');
        sparseFile(big, 700 * MB);
        await shared.workspace.DocumentBuilder.update([URI.file(big)], []);
        expect(diagnostics('big.segment').map(d => d.slice(0, 70))).toEqual(['1:1 syntax/too-large This file has 734,003,200 bytes (700.0 MiB), more']);
        writeFileSync(big, 'segment was_big {\n    where: person.brthYear > 1980\n}\n');
        await shared.workspace.DocumentBuilder.update([URI.file(big)], []);
        expect(diagnostics('big.segment').map(d => d.split(' ').slice(0, 2).join(' '))).toEqual(['2:19 schema/unknown-field']);
    });
});
