import {
    Cancellation, DocumentState, UriUtils, delayNextTick, type LangiumDocument, type LangiumSharedCoreServices, type URI,
} from 'langium';
import { SegmentBuildWaits } from './segment-build-waits.js';
import { SegmentIndexManager } from './segment-index-manager.js';

/**
 * Validates, after an edit, the documents open in the editor and those validated before (whose
 * published diagnostics must follow the edit), not every closed file of the workspace.
 *
 * The initial workspace build does not validate closed files, so they stay below `Validated`, and
 * Langium's `update` would then validate all of them on the first edit anywhere: in a 1,000-file
 * workspace the first `didOpen` started ~4 s of validation that every completion and hover request
 * queued behind. Explicit builds (`build(…, { validation })`, the CLI, tests) are unchanged: this
 * only narrows builds that run with `updateBuildOptions`.
 */
export class SegmentDocumentBuilder extends SegmentBuildWaits {
    private readonly validatedBefore = new Set<string>();
    /** Documents validated by the current `update` (cleared when it starts). */
    private readonly validatedNow = new Set<string>();
    /** `UriUtils.normalize` per document, as `TextDocuments` keys them (a URI parse per call otherwise). */
    private readonly normalized = new WeakMap<LangiumDocument, string>();
    private readonly segments: SegmentIndexManager | undefined;
    /** Documents with an unresolved reference after their latest linking. */
    private readonly unresolved = new WeakSet<LangiumDocument>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        const index = services.workspace.IndexManager;
        this.segments = index instanceof SegmentIndexManager ? index : undefined;
        this.onUpdate((_changed, deleted) => {
            for (const uri of deleted) {
                this.validatedBefore.delete(uri.toString());
            }
        });
        this.onDocumentPhase(DocumentState.Linked, document => {
            if (document.references.some(reference => reference.error !== undefined)) {
                this.unresolved.add(document);
            } else {
                this.unresolved.delete(document);
            }
        });
        // Requests that arrived during the build (completion after a keystroke needs a linked document,
        // not a validated one) are answered before validation starts, instead of queueing behind it.
        this.onBuildPhase(DocumentState.IndexedReferences, () => delayNextTick());
    }

    /** As Langium decides, with the linking errors looked up per document instead of scanned on every change. */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.unresolved.has(document) || this.indexManager.isAffected(document, changedUris);
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        this.validatedNow.clear();
        await super.update(changed, deleted, cancelToken);
        await this.revalidateSharedIds(cancelToken);
    }

    /**
     * Segment ids are unique across the workspace: a file that adds, renames or removes an id can
     * create or clear a `segment/duplicate-id` error in another file that does not reference it, so
     * Langium's relinking does not reach that file. Validate it again once the index holds the change.
     */
    private async revalidateSharedIds(cancelToken: Cancellation.CancellationToken): Promise<void> {
        const ids = this.segments?.takeChangedIds() ?? new Set<string>();
        const stale = new Map<string, LangiumDocument>();
        for (const id of ids) {
            for (const description of this.segments?.segmentsWithId(id) ?? []) {
                const uri = description.documentUri.toString();
                const document = this.langiumDocuments.getDocument(description.documentUri);
                if (document?.state === DocumentState.Validated && !this.validatedNow.has(uri)) {
                    stale.set(uri, document);
                }
            }
        }
        if (stale.size > 0) {
            const documents = [...stale.values()];
            documents.forEach(document => this.resetToState(document, DocumentState.IndexedReferences));
            await this.buildDocuments(documents, this.updateBuildOptions, cancelToken);
        }
    }

    /**
     * `update` rebuilds every document below `Validated`, which includes each closed file the initial
     * build indexed: in a 1,000-file workspace, six build phases and their listeners stepped over
     * 1,000 documents on every keystroke. Drop those that are complete and would not be validated.
     */
    protected override sortDocuments(documents: LangiumDocument[]): LangiumDocument[] {
        const open = this.openUris();
        const pending = documents.filter(document => !(document.state === DocumentState.IndexedReferences
            && this.buildState.get(document.uri.toString())?.completed
            && !this.validatesOnUpdate(document, open)));
        // As Langium does: the documents open in the editor first.
        const isOpen = (document: LangiumDocument) => open.has(this.normalizedUri(document));
        return [...pending.filter(isOpen), ...pending.filter(document => !isOpen(document))];
    }

    protected override shouldValidate(document: LangiumDocument): boolean {
        if (!super.shouldValidate(document)) {
            return false;
        }
        return this.buildState.get(document.uri.toString())?.options !== this.updateBuildOptions
            || this.validatesOnUpdate(document, this.openUris());
    }

    protected override async validate(document: LangiumDocument, cancelToken: Cancellation.CancellationToken): Promise<void> {
        await super.validate(document, cancelToken);
        this.validatedBefore.add(document.uri.toString());
        this.validatedNow.add(document.uri.toString());
    }

    private validatesOnUpdate(document: LangiumDocument, open: { has(uri: string): boolean }): boolean {
        return this.validatedBefore.has(document.uri.toString()) || open.has(this.normalizedUri(document));
    }

    /** The documents open in the editor, keyed as `TextDocuments` keys them (normalized URIs). */
    private openUris(): { has(uri: string): boolean } {
        const textDocuments = this.textDocuments;
        const keys = (textDocuments as Partial<{ keys(): string[] }> | undefined)?.keys?.();
        return keys ? new Set(keys) : { has: uri => textDocuments?.get(uri) !== undefined };
    }

    private normalizedUri(document: LangiumDocument): string {
        let uri = this.normalized.get(document);
        if (uri === undefined) {
            uri = UriUtils.normalize(document.uri);
            this.normalized.set(document, uri);
        }
        return uri;
    }
}
