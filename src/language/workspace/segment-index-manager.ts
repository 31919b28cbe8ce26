import { DefaultIndexManager, stream, type AstNodeDescription, type Cancellation, type LangiumDocument, type Stream, type URI } from 'langium';

/**
 * Segment ids are unique across the workspace, so a change in one file can create or clear a
 * `segment/duplicate-id` error in another that does not reference it. Langium only revalidates
 * documents that reference a changed one; this index also marks documents sharing an id with a
 * changed document, before or after the change.
 */
export class SegmentIndexManager extends DefaultIndexManager {
    private readonly previousIds = new Map<string, Set<string>>();
    /**
     * The ids of the changed documents, per `changedUris` set: the builder asks `isAffected` for
     * every document of the workspace with the same set, so collect them once per update.
     */
    private readonly changedIds = new WeakMap<Set<string>, Set<string>>();

    /** The segment descriptions of each indexed file; an array stays the same object until its file is re-indexed. */
    segmentDefinitionsByFile(): Stream<AstNodeDescription[]> {
        return stream(this.symbolIndex.keys()).map(uri => this.getFileDescriptions(uri, 'SegmentDefinition'));
    }

    // A changed document's exports are removed before `isAffected` runs: remember them first.
    override removeContent(uri: URI): void {
        this.rememberIds(uri.toString());
        super.removeContent(uri);
    }

    override remove(uri: URI): void {
        this.rememberIds(uri.toString());
        super.remove(uri);
    }

    override async updateContent(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        this.rememberIds(document.uri.toString());
        await super.updateContent(document, cancelToken);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) {
            return true;
        }
        const own = this.getFileDescriptions(document.uri.toString(), 'SegmentDefinition');
        if (own.length === 0) {
            return false;
        }
        const changed = this.idsOf(changedUris);
        return changed.size > 0 && own.some(d => changed.has(d.name));
    }

    private idsOf(changedUris: Set<string>): Set<string> {
        let ids = this.changedIds.get(changedUris);
        if (!ids) {
            ids = new Set<string>();
            for (const changed of changedUris) {
                for (const d of this.getFileDescriptions(changed, 'SegmentDefinition')) {
                    ids.add(d.name);
                }
                for (const id of this.previousIds.get(changed) ?? []) {
                    ids.add(id);
                }
            }
            this.changedIds.set(changedUris, ids);
        }
        return ids;
    }

    private rememberIds(uri: string): void {
        const ids = this.getFileDescriptions(uri, 'SegmentDefinition').map(d => d.name);
        if (ids.length > 0) {
            this.previousIds.set(uri, new Set(ids));
        }
    }
}
