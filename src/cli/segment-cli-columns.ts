import type { LangiumDocument } from 'langium';
import type { Position } from 'vscode-languageserver-types';

/**
 * The 1-based column of an LSP position counted in Unicode code points. LSP positions count UTF-16
 * code units, so a character outside the Basic Multilingual Plane (an emoji) counts twice there;
 * people and most command-line tools count it once. (The document's text has no BOM: the CLI's
 * file system leaves it out, so it never shifts line 1.)
 */
export function codePointColumn(document: LangiumDocument, position: Position): number {
    const before = document.textDocument.getText({ start: { line: position.line, character: 0 }, end: position });
    // A string's iterator yields code points: a surrogate pair is one step.
    return [...before].length + 1;
}

/** The same for a position in a file's text (a configuration file the CLI reports on). */
export function codePointColumnIn(text: string, position: Position): number {
    const line = text.split(/\r\n|\r|\n/u)[position.line] ?? '';
    return [...line.slice(0, position.character)].length + 1;
}
