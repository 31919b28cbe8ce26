import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isSegmentFile, type SegmentDefinition } from '../generated/ast.js';
import { eligibleMethods } from '../typing/segment-eligibility.js';
import { RUN_COMMAND, RUN_LENS_TITLE, type SegmentSummary } from '../../shared/segment-protocol.js';
import { segmentCondition, segmentTitle } from '../segment-properties.js';

/** The argument the run command receives from a lens: plain JSON, so it survives the trip to the client. */
export interface RunCommandArgument {
    uri: string;
    segmentId: string;
}

/**
 * Puts a "▶ Run against sample" lens above every segment declaration. The lens only names the
 * command: the client runs it, so the same code path serves the lens, the palette and the tests.
 * Segments without an identifier (a half-typed declaration) get no lens: there is nothing to run.
 * Next to it, a label lens tells which evaluation methods the segment qualifies for.
 */
export class SegmentCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[] | undefined> {
        const uri = document.uri.toString();
        return segmentDeclarations(document).flatMap(({ segment, range }) => {
            const argument: RunCommandArgument = { uri, segmentId: segment.name };
            const at = { start: range.start, end: range.start };
            const run: CodeLens = { range: at, command: { title: RUN_LENS_TITLE, command: RUN_COMMAND, arguments: [argument] } };
            const eligibility = eligibilityLens(segment, at);
            return eligibility ? [run, eligibility] : [run];
        });
    }
}

/**
 * `Evaluation: batch ✓ · streaming ✓ · edge ✗`, a label (empty command id: VS Code shows it as
 * text). Omitted without a condition or when the check fails on a half-typed tree: the run lens
 * must not disappear with it.
 */
export function eligibilityLens(segment: SegmentDefinition, range: CodeLens['range']): CodeLens | undefined {
    const words = eligibilityWords(segment);
    return words && { range, command: { title: words.title, command: '', ...(words.reasons.length > 0 ? { tooltip: words.reasons.join('\n') } : {}) } };
}

/** The lens's words (also in the hover of a segment's id): `Evaluation: batch ✓ · …` and why a method is out. */
export function eligibilityWords(segment: SegmentDefinition): { title: string; reasons: string[] } | undefined {
    if (!segmentCondition(segment)) {
        return undefined;
    }
    try {
        const verdicts = eligibleMethods(segment);
        const methods = (['batch', 'streaming', 'edge'] as const).map(method => `${method} ${verdicts[method].eligible ? '✓' : '✗'}`);
        const reasons = (['streaming', 'edge'] as const).filter(m => !verdicts[m].eligible).map(m => `${m}: ${verdicts[m].reason}`);
        return { title: `Evaluation: ${methods.join(' · ')}`, reasons };
    } catch {
        return undefined;
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
        title: segmentTitle(segment),
        range,
    }));
}
