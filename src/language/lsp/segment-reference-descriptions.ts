import {
    Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck,
    type LangiumDocument, type ReferenceDescription, type ReferenceInfo,
} from 'langium';
import { forEachReference } from '../segment-ast-walk.js';
import { unquotedSegment } from './segment-quoted-ranges.js';

/**
 * Indexes `inSegment("vip")` references with the range of `vip`, not `"vip"`: find references,
 * document highlights and rename all read this range, and rename must keep the quotes.
 */
export class SegmentReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {

    /** As Langium, with one plain walk of the tree to find the references (segment-ast-walk.ts). */
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        await interruptAndCheck(cancelToken);
        const descriptions: ReferenceDescription[] = [];
        forEachReference(document.parseResult.value, info => {
            if (!info.reference.error) {
                descriptions.push(...this.createInfoDescriptions(info));
            }
        });
        return descriptions;
    }

    protected override createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[] {
        const descriptions = super.createInfoDescriptions(refInfo);
        const refNode = refInfo.reference.$refNode;
        return refNode ? descriptions.map(description => ({ ...description, segment: unquotedSegment(refNode) })) : descriptions;
    }
}
