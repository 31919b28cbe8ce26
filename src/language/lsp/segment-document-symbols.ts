import { GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { SegmentFile } from '../generated/ast.js';

/**
 * The outline lists the segments of a file: id as the symbol, `name:` as its detail. Langium's
 * default would also list every iteration variable (`X`, `E`) as a child, which only adds noise.
 */
export class SegmentDocumentSymbolProvider implements DocumentSymbolProvider {

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): MaybePromise<DocumentSymbol[]> {
        const file = document.parseResult.value as SegmentFile;
        const symbols: DocumentSymbol[] = [];
        for (const segment of file.segments) {
            const nameNode = GrammarUtils.findNodeForProperty(segment.$cstNode, 'name');
            if (!segment.$cstNode || !nameNode || !segment.name) {
                continue;
            }
            symbols.push({
                name: segment.name,
                detail: segment.title ?? '',
                kind: SymbolKind.Class,
                range: segment.$cstNode.range,
                selectionRange: nameNode.range,
            });
        }
        return symbols;
    }
}
