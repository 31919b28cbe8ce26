import { AstUtils, type ValidationAcceptor } from 'langium';
import { isInSegmentExpression, type SegmentDefinition } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';
import { report } from './segment-diagnostics.js';

/** Rules across segments: unique ids in the workspace and no `inSegment` cycles. */
export class SegmentReferenceValidation {
    private readonly segments: SegmentIndexManager;

    constructor(services: SegmentServices) {
        this.segments = services.shared.workspace.IndexManager as SegmentIndexManager;
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
        const path = findCycle(segment);
        if (path) {
            report(accept, 'reference/cycle', `Segment '${segment.name}' depends on itself: ${path.map(s => s.name).join(' → ')}.`,
                { node: segment, property: 'name' });
        }
    };
}

/** The local segments a segment references through `inSegment`. */
export function referencedSegments(segment: SegmentDefinition): SegmentDefinition[] {
    if (!segment.condition) {
        return [];
    }
    return AstUtils.streamAst(segment.condition)
        .filter(isInSegmentExpression)
        .map(e => e.segment?.ref)
        .nonNullable()
        .toArray();
}

/** A path `segment → … → segment` through `inSegment` references, if the segment lies on a cycle. */
export function findCycle(start: SegmentDefinition): SegmentDefinition[] | undefined {
    const visited = new Set<SegmentDefinition>();
    const walk = (segment: SegmentDefinition, path: SegmentDefinition[]): SegmentDefinition[] | undefined => {
        for (const next of referencedSegments(segment)) {
            if (next === start) {
                return [...path, next];
            }
            if (!visited.has(next)) {
                visited.add(next);
                const found = walk(next, [...path, next]);
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    };
    return walk(start, [start]);
}
