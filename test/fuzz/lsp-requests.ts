import type { Diagnostic } from './lsp-session.js';
import type { Random } from './random.js';

/** The request kinds an editor sends while the user types, each asked at a position or for the whole document. */
export const REQUEST_METHODS = [
    'textDocument/completion', 'textDocument/hover', 'textDocument/documentHighlight', 'textDocument/references',
    'textDocument/rename', 'textDocument/prepareRename', 'textDocument/formatting', 'textDocument/documentSymbol',
    'textDocument/semanticTokens/full', 'textDocument/codeAction', 'textDocument/codeLens', 'textDocument/definition',
    'textDocument/foldingRange',
] as const;

export type RequestMethod = typeof REQUEST_METHODS[number];

export interface Position {
    line: number;
    character: number;
}

/** The LSP position (UTF-16 columns, as JavaScript strings count) of an offset. */
export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
    const line = before.split('\n').length - 1;
    return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** The parameters of `method` for the document `uri` at `offset`. */
export function requestParams(method: RequestMethod, uri: string, text: string, offset: number, diagnostics: Diagnostic[], random: Random): object {
    const textDocument = { uri };
    const position = positionAt(text, offset);
    switch (method) {
        case 'textDocument/references':
            return { textDocument, position, context: { includeDeclaration: random.chance(0.5) } };
        case 'textDocument/rename':
            return { textDocument, position, newName: random.pick(['renamed', 'x', 'a b', '', '"', 'segment', '\u{1F600}', 'é_1']) };
        case 'textDocument/formatting':
            return { textDocument, options: { tabSize: random.pick([2, 4, 8]), insertSpaces: random.chance(0.8) } };
        case 'textDocument/codeAction': {
            const end = positionAt(text, offset + random.int(0, 40));
            return { textDocument, range: { start: position, end }, context: { diagnostics: diagnostics.slice(0, 20) } };
        }
        case 'textDocument/documentSymbol':
        case 'textDocument/semanticTokens/full':
        case 'textDocument/codeLens':
        case 'textDocument/foldingRange':
            return { textDocument };
        default:
            return { textDocument, position };
    }
}
