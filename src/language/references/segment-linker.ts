import { Cancellation, DefaultLinker, interruptAndCheck, type LangiumDocument } from 'langium';
import { forEachReference } from '../segment-ast-walk.js';

/** Links like Langium, finding the references with one plain walk of the tree (segment-ast-walk.ts). */
export class SegmentLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        await interruptAndCheck(cancelToken);
        forEachReference(document.parseResult.value, reference => this.doLink(reference, document));
    }
}
