import { AstUtils, DocumentState, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { isInSegmentExpression, isSegmentFile, type SegmentDefinition } from '../generated/ast.js';
import { segmentAepId } from '../segment-properties.js';
import type { DocumentSnapshot } from './segment-evaluation-messages.js';
import type { EvaluationSources } from './segment-evaluators.js';

/**
 * What the evaluation requests (tests, coverage, generated profiles, runs) read from the workspace
 * before they hand a task to the evaluator: a document as the editor shows it, its diagnostics,
 * the segments `inSegment` may name, and the snapshots of the documents the task evaluates.
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

/**
 * The snapshots a task evaluates, to take under the workspace lock in the same read that checked
 * the document: its own, the `others` it reads, and those holding the segments that `start`
 * references through `inSegment`, transitively, by name or by `aepId`. The evaluation may start
 * much later (after the data is read, after a DuckDB query), when an edit may have rebuilt the
 * documents: it then still runs on the text whose diagnostics and segment ids the request checked.
 */
export function snapshotSources(
    shared: LangiumSharedServices, document: LangiumDocument, start: readonly SegmentDefinition[], others: readonly LangiumDocument[] = [],
): EvaluationSources {
    const byAepId = new Map<string, SegmentDefinition>();
    for (const segment of workspaceSegments(shared)) {
        const id = segmentAepId(segment);
        if (id) {
            byAepId.set(id, segment);
        }
    }
    const seen = new Set<SegmentDefinition>();
    const documents = new Set<LangiumDocument>([document, ...others]);
    const pending = [...start];
    for (let segment = pending.pop(); segment; segment = pending.pop()) {
        if (seen.has(segment)) {
            continue;
        }
        seen.add(segment);
        documents.add(AstUtils.getDocument(segment));
        for (const node of AstUtils.streamAst(segment).filter(isInSegmentExpression)) {
            const target = node.segment.ref ?? byAepId.get(node.segment.$refText.replace(/^"|"$/gu, ''));
            if (target) {
                pending.push(target);
            }
        }
    }
    const [own, ...rest] = [...documents].map(d => snapshotOf(shared, d));
    return { documents: [own, ...rest] };
}

/**
 * The text that was parsed into the document's tree (the editor's text may already be newer: an
 * edit's text is stored as it arrives, its build waits for the lock), and the editor's version of
 * it when the editor's text is still that one.
 */
function snapshotOf(shared: LangiumSharedServices, document: LangiumDocument): DocumentSnapshot {
    const text = document.parseResult.value.$cstNode?.root.fullText ?? document.textDocument.getText();
    const open = shared.workspace.TextDocuments?.get(document.uri.toString());
    return { uri: document.uri.toString(), text, version: open?.getText() === text ? open.version : undefined };
}
