import type { Diagnostic } from 'vscode-languageserver-types';
import type { SegmentDefinition } from '../generated/ast.js';
import type { DiagnosticCode } from './segment-diagnostics.js';

/**
 * The contradictions (`logic/contradiction`, segment-contradiction-validation.ts) found in a
 * segment: why no profile can match it. Read from the document's diagnostics, so the checks are
 * the validator's, not a second copy.
 */
export function contradictionsOf(diagnostics: readonly Diagnostic[], segment: SegmentDefinition): Array<{ line: number; message: string }> {
    const range = segment.$cstNode?.range;
    if (!range) {
        return [];
    }
    return diagnostics
        .filter(d => d.code === ('logic/contradiction' satisfies DiagnosticCode) && d.range.start.line >= range.start.line && d.range.end.line <= range.end.line)
        .map(d => ({ line: d.range.start.line + 1, message: d.message }));
}
