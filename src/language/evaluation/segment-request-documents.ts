import { DocumentState, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { isSegmentFile, type SegmentDefinition } from '../generated/ast.js';

/**
 * What the evaluation requests (tests, coverage, generated profiles, runs) read from the workspace
 * before they hand a task to the evaluator: a document as the editor shows it, its diagnostics,
 * and the segments `inSegment` may name.
 */

/**
 * Reads the document of `uri` under the workspace lock, once pending edits are built and linked
 * (the whole workspace: a task also reads segments and tests of other files). Undefined when the
 * server does not know the document or it was closed meanwhile.
 */
export async function readLinkedDocument<T>(
    shared: LangiumSharedServices, uri: URI, token: CancellationToken, read: (document: LangiumDocument) => T | Promise<T>,
): Promise<T | undefined> {
    const { workspace } = shared;
    await workspace.WorkspaceManager.ready;
    if (!workspace.LangiumDocuments.hasDocument(uri)) {
        return undefined;
    }
    await workspace.DocumentBuilder.waitUntil(DocumentState.Linked, token);
    return workspace.WorkspaceLock.read(async () => {
        const document = workspace.LangiumDocuments.getDocument(uri);
        return document ? await read(document) : undefined;
    });
}

/**
 * The document's diagnostics: those of its last validation, or, for a file loaded with the
 * workspace and never opened (Langium validates only open ones), a validation now that does not
 * change the document (a read action must not).
 */
export async function currentDiagnostics(shared: LangiumSharedServices, document: LangiumDocument, token: CancellationToken): Promise<Diagnostic[]> {
    return document.state >= DocumentState.Validated
        ? document.diagnostics ?? []
        : await shared.ServiceRegistry.getServices(document.uri).validation.DocumentValidator.validateDocument(document, {}, token);
}

/** Every segment of the workspace: `inSegment` may name any of them (by name, or by `aepId` in any file). */
export function workspaceSegments(shared: LangiumSharedServices): SegmentDefinition[] {
    return shared.workspace.LangiumDocuments.all.flatMap(d => isSegmentFile(d.parseResult.value) ? d.parseResult.value.segments : []).toArray();
}
