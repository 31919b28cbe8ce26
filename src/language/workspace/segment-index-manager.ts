import { DefaultIndexManager, stream, type AstNodeDescription, type Cancellation, type LangiumDocument, type Stream, type URI } from 'langium';
import { isSegmentDefinition } from '../generated/ast.js';
import { segmentTitle } from '../segment-properties.js';

/**
 * Keeps the workspace's segments by id and by display name (`name: "…"`), updated per file.
 *
 * Lookups by name serve linking (`inSegment`), the duplicate-id check and completion. Rebuilding
 * such maps from all ~5,000 segments of a 1,000-file workspace after every keystroke was ~40 % of
 * the server's CPU while typing; per-file updates cost what the edited file holds.
 *
 * Segment ids are unique across the workspace, so a change in one file can create or clear a
 * `segment/duplicate-id` error in another that does not reference it: the ids declared by changed
 * files, before or after the change, are kept for the document builder (`takeChangedIds`).
 */
export class SegmentIndexManager extends DefaultIndexManager {
    private readonly byId = new NameIndex();
    private readonly byTitle = new NameIndex();
    private changedIds = new Set<string>();

    /** The segments declaring this id. */
    segmentsWithId(id: string): readonly AstNodeDescription[] {
        return this.byId.get(id);
    }

    /** The segments whose display name is this (when it differs from the id). */
    segmentsWithTitle(title: string): readonly AstNodeDescription[] {
        return this.byTitle.get(title);
    }

    segmentIds(): Iterable<string> {
        return this.byId.names();
    }

    /** One description per segment with a display name, named by it. */
    titledSegments(): Stream<AstNodeDescription> {
        return this.byTitle.all();
    }

    /** The ids declared, before or after, by the files indexed or removed since the last call. */
    takeChangedIds(): Set<string> {
        const ids = this.changedIds;
        this.changedIds = new Set();
        return ids;
    }

    override async updateContent(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const uri = document.uri.toString();
        this.forget(uri);
        await super.updateContent(document, cancelToken);
        for (const description of this.segmentsOf(uri)) {
            this.changedIds.add(description.name);
            this.byId.add(description.name, description);
            const title = titleOf(description);
            if (title !== undefined) {
                this.byTitle.add(title, renamed(description, title));
            }
        }
    }

    override removeContent(uri: URI): void {
        this.forget(uri.toString());
        super.removeContent(uri);
    }

    override remove(uri: URI): void {
        this.forget(uri.toString());
        super.remove(uri);
    }

    private segmentsOf(uri: string): AstNodeDescription[] {
        return this.getFileDescriptions(uri, 'SegmentDefinition');
    }

    /** Drops a file's segments from the name maps. */
    private forget(uri: string): void {
        const own = this.segmentsOf(uri);
        for (const description of own) {
            this.changedIds.add(description.name);
        }
        this.byId.removeFile(own.map(d => d.name), uri);
        this.byTitle.removeFile(own.map(titleOf).filter(t => t !== undefined), uri);
    }
}

/** The description under another name; `nameSegment` stays lazy (a spread would compute it: ~2 % of indexing). */
function renamed(description: AstNodeDescription, name: string): AstNodeDescription {
    const { node, type, documentUri, path, selectionSegment } = description;
    return { node, name, type, documentUri, path, selectionSegment, get nameSegment() { return description.nameSegment; } };
}

function titleOf(description: AstNodeDescription): string | undefined {
    const node = description.node;
    return isSegmentDefinition(node) && segmentTitle(node) && segmentTitle(node) !== node.name ? segmentTitle(node) : undefined;
}

/** Descriptions by name; a name usually has one. */
class NameIndex {
    private readonly map = new Map<string, AstNodeDescription[]>();

    get(name: string): readonly AstNodeDescription[] {
        return this.map.get(name) ?? [];
    }

    names(): Iterable<string> {
        return this.map.keys();
    }

    all(): Stream<AstNodeDescription> {
        return stream(this.map.values()).flat();
    }

    add(name: string, description: AstNodeDescription): void {
        const list = this.map.get(name);
        if (list) {
            list.push(description);
        } else {
            this.map.set(name, [description]);
        }
    }

    removeFile(names: string[], uri: string): void {
        for (const name of new Set(names)) {
            const kept = this.get(name).filter(d => d.documentUri.toString() !== uri);
            if (kept.length > 0) {
                this.map.set(name, kept);
            } else {
                this.map.delete(name);
            }
        }
    }
}
