import type { CstNode, DocumentSegment } from 'langium';
import type { Range } from 'vscode-languageserver-types';

/**
 * `inSegment("vip")` references its segment by a string, so the reference's CST node includes the
 * quotes. Navigation, highlights and rename work on the id inside them: `"vip"` → `vip`.
 * Strings are single-line (grammar), so shrinking by one character per side stays on the line.
 */
export function isQuoted(text: string): boolean {
    return text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0];
}

/** The range of a reference's text without its quotes. */
export function unquotedRange(node: CstNode): Range {
    const range = node.range;
    if (!isQuoted(node.text)) {
        return range;
    }
    return {
        start: { line: range.start.line, character: range.start.character + 1 },
        end: { line: range.end.line, character: range.end.character - 1 },
    };
}

/** The document segment of a reference's text without its quotes. */
export function unquotedSegment(node: CstNode): DocumentSegment {
    const range = unquotedRange(node);
    const quoted = isQuoted(node.text);
    return { range, offset: node.offset + (quoted ? 1 : 0), end: node.end - (quoted ? 1 : 0), length: node.length - (quoted ? 2 : 0) };
}
