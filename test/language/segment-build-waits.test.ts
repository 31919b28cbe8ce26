import { Cancellation, DocumentState, URI, type DocumentBuilder } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createSegmentServices } from '../../src/language/segment-module.js';

/** An editor's workspace with one open file, built as the server builds it. */
async function workspace() {
    const fileSystem = new VirtualFileSystemProvider();
    const { shared } = createSegmentServices({ fileSystemProvider: () => fileSystem });
    const builder = shared.workspace.DocumentBuilder;
    const uri = URI.parse('file:///ws/a.segment');
    shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'segment', 1, 'segment a { where: person.birthYear > 1980 }'));
    await builder.update([uri], []);
    return { shared, builder, uri };
}

/** Follows a wait from now on: how it ended once the work in front of it is over ('waiting' if it did not). */
function follow(wait: Promise<unknown>): Followed {
    let result = 'waiting';
    wait.then(() => { result = 'reached'; }, (error: Error) => { result = `failed: ${error.message}`; });
    return async work => {
        await work.catch(() => undefined);
        await new Promise(resolve => setImmediate(resolve));
        return result;
    };
}

type Followed = (work: Promise<unknown>) => Promise<string>;

/** Starts waits once an update has reset the documents it rebuilds; resolves to the waits, followed. */
function waitInUpdate(builder: DocumentBuilder, ...starts: Array<() => Promise<unknown>>): Promise<Followed[]> {
    return new Promise(resolve => {
        const listening = builder.onUpdate(() => {
            listening.dispose();
            resolve(starts.map(start => follow(start())));
        });
    });
}

describe('a wait for a build phase always ends', () => {
    test('when it starts while the listeners of that very phase run', async () => {
        const { builder, uri } = await workspace();
        const waits: Followed[] = [];
        builder.onBuildPhase(DocumentState.IndexedReferences, () => {
            waits.push(follow(builder.waitUntil(DocumentState.IndexedReferences, Cancellation.CancellationToken.None)));
        });
        const update = builder.update([uri], []);
        await update;
        expect(waits).toHaveLength(1);
        expect(await waits[0](update)).toBe('reached');
    });

    test('when the build that reaches the phase has no document to build', async () => {
        const { builder } = await workspace();
        const update = builder.update([], []);
        const wait = follow(builder.waitUntil(DocumentState.IndexedReferences, Cancellation.CancellationToken.None));
        expect(await wait(update)).toBe('reached');
    });

    test('with an error when the build fails', async () => {
        const { shared, builder, uri } = await workspace();
        shared.workspace.IndexManager.updateContent = () => Promise.reject(new Error('index broke'));
        const waits = waitInUpdate(builder,
            () => builder.waitUntil(DocumentState.Linked, uri, Cancellation.CancellationToken.None),
            () => builder.waitUntil(DocumentState.IndexedReferences, Cancellation.CancellationToken.None));
        const update = builder.update([uri], []);
        const [document, whole] = await waits;
        const failed = 'failed: The workspace could not be built: index broke';
        expect(await document(update)).toBe(failed);
        expect(await whole(update)).toBe(failed);
        const later = follow(builder.waitUntil(DocumentState.Linked, uri, Cancellation.CancellationToken.None));
        expect(await later(Promise.resolve())).toBe(failed);
    });

    test('with an error when its document leaves the workspace', async () => {
        const { shared, builder, uri } = await workspace();
        const lock = shared.workspace.WorkspaceLock;
        const waiting = waitInUpdate(builder, () => builder.waitUntil(DocumentState.Validated, uri, Cancellation.CancellationToken.None));
        const linking = lock.write(token => builder.update([uri], [], token));
        const [wait] = await waiting;
        shared.workspace.TextDocuments.delete(uri.toString());
        const removal = lock.write(token => builder.update([], [uri], token));
        expect(await wait(Promise.all([linking, removal]))).toBe(`failed: ${uri.toString()} left the workspace.`);
    });

    // Found by `npm run fuzz` (seed 2, document 54): `prepareRename` right after the `didOpen` of an
    // unsaved buffer, while the workspace counted as built, read the buffer from disk (ENOENT).
    test('for the whole workspace, only once the documents open in the editor have joined it', async () => {
        const { shared, builder } = await workspace();
        const opened = URI.parse('file:///ws/unsaved.segment');
        shared.workspace.TextDocuments.set(TextDocument.create(opened.toString(), 'segment', 1, 'segment b { where: inSegment("a") }'));
        const wait = follow(builder.waitUntil(DocumentState.IndexedReferences, Cancellation.CancellationToken.None));
        expect(await wait(Promise.resolve())).toBe('waiting');
        const update = builder.update([opened], []);
        expect(await wait(update)).toBe('reached');
        expect(shared.workspace.LangiumDocuments.hasDocument(opened)).toBe(true);
    });
});
