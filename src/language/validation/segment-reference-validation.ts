import { AstUtils, WorkspaceCache, type ValidationAcceptor } from 'langium';
import type { SegmentDefinition } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';
import { InSegmentGraph } from './segment-cycles.js';
import { report } from './segment-diagnostics.js';

/** Rules across segments: unique ids in the workspace and no `inSegment` cycles. */
export class SegmentReferenceValidation {
    private readonly segments: SegmentIndexManager;
    /** References change with any document, so one graph per workspace state. */
    private readonly graph: WorkspaceCache<'graph', InSegmentGraph>;

    constructor(services: SegmentServices) {
        this.segments = services.shared.workspace.IndexManager as SegmentIndexManager;
        this.graph = new WorkspaceCache(services.shared);
    }

    segmentIdMustBeUniqueInWorkspace = (segment: SegmentDefinition, accept: ValidationAcceptor): void => {
        const uri = AstUtils.getDocument(segment).uri.toString();
        const others = this.segments.segmentsWithId(segment.name)
            .filter(d => !(d.documentUri.toString() === uri && d.node === segment));
        // Within one file, only the later declarations are reported; across files, each file reports its own.
        const earlierHere = others.some(d => d.documentUri.toString() === uri && (d.nameSegment?.range.start.line ?? 0) < (segment.$cstNode?.range.start.line ?? 0));
        const elsewhere = others.filter(d => d.documentUri.toString() !== uri);
        if (earlierHere || elsewhere.length > 0) {
            const where = elsewhere.length > 0 ? ` (also declared in ${elsewhere[0].documentUri.path.split('/').pop()})` : '';
            report(accept, 'segment/duplicate-id', `Segment id '${segment.name}' is declared more than once${where}.`,
                { node: segment, property: 'name' });
        }
    };

    segmentMustNotDependOnItself = (segment: SegmentDefinition, accept: ValidationAcceptor): void => {
        const path = this.graph.get('graph', () => new InSegmentGraph()).cycleThrough(segment);
        if (path) {
            report(accept, 'reference/cycle', `Segment '${segment.name}' depends on itself: ${path.map(s => s.name).join(' → ')}.`,
                { node: segment, property: 'name' });
        }
    };
}
