import { CstUtils, type IndexManager, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ResponseError, type Position, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { unquotedRange } from './segment-quoted-ranges.js';

/** Segment ids are grammar IDs: `inSegment("…")` may hold anything, but a declaration may not. */
const SEGMENT_ID = /^[_a-zA-Z]\w*$/u;

/**
 * Renames a segment id across the workspace, from its declaration or from any `inSegment("…")`
 * string naming it. References are indexed without their quotes (segment-reference-descriptions.ts),
 * so the edits replace the id inside the quotes and the quotes stay.
 */
export class SegmentRenameProvider extends DefaultRenameProvider {
    private readonly indexManager: IndexManager;

    constructor(services: LangiumServices) {
        super(services);
        this.indexManager = services.shared.workspace.IndexManager;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        if (!SEGMENT_ID.test(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is not a valid segment id: use letters, digits and _, not starting with a digit.`);
        }
        // Renaming onto an existing id would merge two segments' references into one.
        if (this.indexManager.allElements('SegmentDefinition').some(d => d.name === params.newName)) {
            throw new ResponseError(-32602, `A segment with id '${params.newName}' already exists.`);
        }
        return super.rename(document, params);
    }

    protected override renameNodeRange(document: LangiumDocument, position: Position): Range | undefined {
        const range = super.renameNodeRange(document, position);
        const root = document.parseResult.value.$cstNode;
        if (!range || !root) {
            return range;
        }
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
        return leaf ? unquotedRange(leaf) : range;
    }
}
