import {
    Cancellation, DefaultDocumentBuilder, DocumentState, Emitter, OperationCancelled, UriUtils, isOperationCancelled,
    URI, type AstNode, type BuildOptions, type Disposable, type LangiumDocument,
} from 'langium';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Requests wait for their document, or for the whole workspace, to reach a build phase (highlight,
 * references and rename need the workspace's reference index). Every such wait ends: when the phase
 * is reached, however the builder gets there; when the request is cancelled; when its document
 * leaves the workspace; or when the build that would reach the phase fails.
 *
 * Langium wakes a workspace wait only from the listeners of a phase that built at least one document,
 * and names the phase reached only after its last listener: a request arriving while those listeners
 * ran (ours yields a tick so that requests get in before validation) still saw the phase before,
 * joined the listeners after the round that would have woken it, and slept until the next edit.
 */
export class SegmentBuildWaits extends DefaultDocumentBuilder {
    private readonly phaseReached = new Emitter<DocumentState>();
    private readonly buildFailed = new Emitter<ResponseError>();
    /** Why the latest build failed, until the next one starts: a wait for it would never end. */
    private failure: ResponseError | undefined;

    override build<T extends AstNode>(documents: Array<LangiumDocument<T>>, options?: BuildOptions, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        this.failure = undefined;
        return super.build(documents, options, cancelToken);
    }

    override update(changed: URI[], deleted: URI[], cancelToken?: Cancellation.CancellationToken): Promise<void> {
        this.failure = undefined;
        return super.update(changed, deleted, cancelToken);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } catch (error) {
            if (!isOperationCancelled(error)) {
                const message = error instanceof Error ? error.message : String(error);
                this.failure = new ResponseError(LSPErrorCodes.RequestFailed, `The workspace could not be built: ${message}`);
                this.buildFailed.fire(this.failure);
            }
            throw error;
        }
    }

    protected override async runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => unknown): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        // Also when no document needed this phase: Langium then tells no listener.
        this.phaseReached.fire(targetState);
    }

    protected override async notifyBuildPhase(documents: LangiumDocument[], state: DocumentState, cancelToken: Cancellation.CancellationToken): Promise<void> {
        // Every document of the build has reached the phase; its listeners run after.
        this.currentState = state;
        this.phaseReached.fire(state);
        await super.notifyBuildPhase(documents, state, cancelToken);
    }

    protected override awaitBuilderState(state: DocumentState, cancelToken: Cancellation.CancellationToken): Promise<void> {
        // The workspace includes the documents open in the editor: one whose `didOpen` build is still
        // queued has not joined it yet, and Langium would then read it from disk (ENOENT for an unsaved buffer).
        if (this.openDocumentNotLoaded()) {
            return this.waitFor<void>(cancelToken, undefined, done => this.onUpdate(() => {
                if (!this.openDocumentNotLoaded()) {
                    done();
                }
            })).then(() => this.awaitBuilderState(state, cancelToken));
        }
        if (this.currentState >= state) {
            return Promise.resolve();
        }
        return this.waitFor<void>(cancelToken, undefined, done => this.phaseReached.event(reached => {
            if (reached >= state) {
                done();
            }
        }));
    }

    /**
     * Editors send requests right after `didOpen`, but an opened document joins the workspace only in
     * the build its `didOpen` queued, which waits while another build holds the workspace; Langium
     * would answer "No document found". For a document open in the editor, wait for that build.
     */
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: Cancellation.CancellationToken): Promise<URI> {
        const document = this.langiumDocuments.getDocument(uri);
        if (document === undefined) {
            if (this.textDocuments?.get(UriUtils.normalize(uri)) === undefined) {
                return super.awaitDocumentState(state, uri, cancelToken);
            }
            return this.waitFor<void>(cancelToken, undefined, done => this.onUpdate(() => {
                if (this.langiumDocuments.hasDocument(uri)) {
                    done();
                }
            })).then(() => this.awaitDocumentState(state, uri, cancelToken));
        }
        if (document.state >= state || this.currentState >= state) {
            // Reached, or (the document left out of this phase) Langium's own answer.
            return super.awaitDocumentState(state, uri, cancelToken);
        }
        return this.waitFor<URI>(cancelToken, uri, done => this.onDocumentPhase(state, built => {
            if (UriUtils.equals(built.uri, uri)) {
                done(built.uri);
            }
        }));
    }

    /** Whether a document open in the editor has not joined the workspace yet (its `didOpen` build is queued). */
    private openDocumentNotLoaded(): boolean {
        // Langium types the provider by `get` only; in the language server it is the connection's TextDocuments.
        const open = (this.textDocuments as { all?(): Array<{ uri: string }> } | undefined)?.all?.() ?? [];
        return open.some(document => !this.langiumDocuments.hasDocument(URI.parse(document.uri)));
    }

    /** A wait for `until`, which also ends on cancellation, on a failed build, and when `uri` leaves the workspace. */
    private waitFor<T>(cancelToken: Cancellation.CancellationToken, uri: URI | undefined, until: (done: (value: T) => void) => Disposable): Promise<T> {
        if (cancelToken.isCancellationRequested) {
            return Promise.reject(OperationCancelled);
        }
        if (this.failure) {
            return Promise.reject(this.failure);
        }
        return new Promise<T>((resolve, reject) => {
            const subscriptions: Disposable[] = [];
            let settled = false;
            const settle = (action: () => void): void => {
                if (!settled) {
                    settled = true;
                    subscriptions.forEach(subscription => subscription.dispose());
                    action();
                }
            };
            subscriptions.push(
                until(value => settle(() => resolve(value))),
                cancelToken.onCancellationRequested(() => settle(() => reject(OperationCancelled))),
                this.buildFailed.event(failure => settle(() => reject(failure))),
                this.onUpdate((_changed, deleted) => {
                    if (uri && deleted.some(gone => UriUtils.equals(gone, uri))) {
                        settle(() => reject(new ResponseError(LSPErrorCodes.ContentModified, `${uri.toString()} left the workspace.`)));
                    }
                }),
            );
            if (settled) {
                subscriptions.forEach(subscription => subscription.dispose());
            }
        });
    }
}
