import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isSegmentFile, type SegmentDefinition } from '../generated/ast.js';
import { RUN_COMMAND, RUN_LENS_TITLE, type SegmentSummary } from '../../shared/segment-protocol.js';

/** The argument the run command receives from a lens: plain JSON, so it survives the trip to the client. */
export interface RunCommandArgument {
    uri: string;
    segmentId: string;
}

/**
 * Puts a "▶ Run against sample" lens above every segment declaration. The lens only names the
 * command: the client runs it, so the same code path serves the lens, the palette and the tests.
 * Segments without an identifier (a half-typed declaration) get no lens: there is nothing to run.
 */
export class SegmentCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[] | undefined> {
        const uri = document.uri.toString();
        return segmentDeclarations(document).map(({ segment, range }) => {
            const argument: RunCommandArgument = { uri, segmentId: segment.name };
            return {
                range: { start: range.start, end: range.start },
                command: { title: RUN_LENS_TITLE, command: RUN_COMMAND, arguments: [argument] },
            };
        });
    }
}

/** The named segments of a document with the range of their declaration (the `segment` keyword to the closing brace). */
export function segmentDeclarations(document: LangiumDocument): Array<{ segment: SegmentDefinition; range: SegmentSummary['range'] }> {
    const root = document.parseResult.value;
    if (!isSegmentFile(root)) {
        return [];
    }
    return root.segments
        .filter(segment => segment.name && segment.$cstNode)
        .map(segment => ({ segment, range: segment.$cstNode!.range }));
}

/** The answer to `segment/listSegments`. */
export function listSegments(document: LangiumDocument): SegmentSummary[] {
    return segmentDeclarations(document).map(({ segment, range }) => ({
        id: segment.name,
        title: segment.title,
        range,
    }));
}
