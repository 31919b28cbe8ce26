import type { CstNode } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import { unquotedRange } from './segment-quoted-ranges.js';

/** Go to definition from `inSegment("vip")`: the link underlines `vip`, not the quotes around it. */
export class SegmentDefinitionProvider extends DefaultDefinitionProvider {

    protected override async collectLocationLinks(sourceCstNode: CstNode, params: DefinitionParams): Promise<LocationLink[] | undefined> {
        return (await super.collectLocationLinks(sourceCstNode, params))
            ?.map(link => ({ ...link, originSelectionRange: unquotedRange(sourceCstNode) }));
    }
}
