import { DefaultReferenceDescriptionProvider, type ReferenceDescription, type ReferenceInfo } from 'langium';
import { unquotedSegment } from './segment-quoted-ranges.js';

/**
 * Indexes `inSegment("vip")` references with the range of `vip`, not `"vip"`: find references,
 * document highlights and rename all read this range, and rename must keep the quotes.
 */
export class SegmentReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {

    protected override createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[] {
        const descriptions = super.createInfoDescriptions(refInfo);
        const refNode = refInfo.reference.$refNode;
        return refNode ? descriptions.map(description => ({ ...description, segment: unquotedSegment(refNode) })) : descriptions;
    }
}
