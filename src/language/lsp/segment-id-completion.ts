import { type AstNodeDescription, type LangiumDocument, type URI } from 'langium';
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { isSegmentDefinition, type SegmentDefinition } from '../generated/ast.js';
import type { SegmentSchemaProvider } from '../schema/segment-schema-provider.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';
import { segmentDescription, segmentTitle } from '../segment-properties.js';

/** `inSegment("vi` up to the cursor, the string open or closed: group 1 is what is typed so far. */
const OPEN_ID = /\binSegment\s*\(\s*"([^"\\\r\n]*)$/iu;

/**
 * Completion of `inSegment` arguments: the ids of the segments of the document's project (the
 * documents governed by the same segment.config.json; a sibling folder with its own config is
 * another project), labelled by id, with the display name as detail and the description as documentation.
 */
export class SegmentIdCompletion {
    constructor(private readonly segments: SegmentIndexManager, private readonly schemas: SegmentSchemaProvider) {}

    /**
     * Inside the quotes of `inSegment("…`: items replacing the string's content. Read from the text,
     * since an unclosed quote is not a string token yet (the lexer reports it and moves on).
     */
    insideQuotes(document: LangiumDocument, offset: number): CompletionItem[] | undefined {
        const text = document.textDocument.getText();
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const typed = OPEN_ID.exec(text.slice(lineStart, offset));
        if (!typed) {
            return undefined;
        }
        const rest = /^[^"\\\r\n]*/u.exec(text.slice(offset))![0];
        const range = { start: document.textDocument.positionAt(offset - typed[1].length), end: document.textDocument.positionAt(offset + rest.length) };
        return this.items(document, offset, id => ({ range, newText: id }));
    }

    /** After `inSegment(` without a quote yet: the ids as quoted strings. */
    unquoted(document: LangiumDocument, offset: number, range: Range): CompletionItem[] {
        return this.items(document, offset, id => ({ range, newText: `"${id}"` }));
    }

    private items(document: LangiumDocument, offset: number, edit: (id: string) => { range: Range; newText: string }): CompletionItem[] {
        const project = this.projectOf(document.uri);
        // A segment cannot contain itself (reference/cycle): the one being edited is left out.
        const current = segmentAt(document, offset);
        const items: CompletionItem[] = [];
        for (const description of this.segments.allElements('SegmentDefinition')) {
            const segment = description.node;
            if (!isSegmentDefinition(segment) || segment === current || !segment.name || this.projectOf(description.documentUri) !== project) {
                continue;
            }
            items.push(item(segment, description, edit(segment.name)));
        }
        return items.sort((a, b) => a.label.localeCompare(b.label));
    }

    private projectOf(uri: URI): string {
        return this.schemas.schemasFor(uri).configUri?.toString() ?? '';
    }
}

function segmentAt(document: LangiumDocument, offset: number): SegmentDefinition | undefined {
    const file = document.parseResult.value as { segments?: SegmentDefinition[] };
    return file.segments?.find(s => s.$cstNode && s.$cstNode.offset <= offset && offset <= s.$cstNode.end);
}

function item(segment: SegmentDefinition, description: AstNodeDescription, textEdit: { range: Range; newText: string }): CompletionItem {
    const text = segmentDescription(segment);
    return {
        label: segment.name,
        kind: CompletionItemKind.Reference,
        detail: segmentTitle(segment) ?? `segment in ${description.documentUri.path.split('/').pop()}`,
        documentation: text ? { kind: 'markdown', value: text } : undefined,
        filterText: textEdit.newText,
        textEdit,
        sortText: `0${segment.name}`,
    };
}
