import { DefaultIndexManager, type Cancellation, type LangiumDocument, type URI } from 'langium';

/**
 * Segment ids are unique across the workspace, so a change in one file can create or clear a
 * `segment/duplicate-id` error in another that does not reference it. Langium only revalidates
 * documents that reference a changed one; this index also marks documents sharing an id with a
 * changed document, before or after the change.
 */
export class SegmentIndexManager extends DefaultIndexManager {
    private readonly previousIds = new Map<string, Set<string>>();

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
        const own = this.segmentIds(document.uri.toString());
        if (own.size === 0) {
            return false;
        }
        for (const changed of changedUris) {
            for (const id of [...this.segmentIds(changed), ...(this.previousIds.get(changed) ?? [])]) {
                if (own.has(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    private rememberIds(uri: string): void {
        const ids = this.segmentIds(uri);
        if (ids.size > 0) {
            this.previousIds.set(uri, ids);
        }
    }

    private segmentIds(uri: string): Set<string> {
        return new Set(this.getFileDescriptions(uri, 'SegmentDefinition').map(d => d.name));
    }
}
