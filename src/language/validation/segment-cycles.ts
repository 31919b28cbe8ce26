import { isInSegmentExpression, type SegmentDefinition } from '../generated/ast.js';
import { walkAst } from '../segment-ast-walk.js';

/**
 * The `inSegment` graph of one workspace state: which segments lie on a cycle.
 *
 * Searching a path back to each segment from scratch explored everything reachable from it, once per
 * segment: quadratic in a file of 700 segments that reference earlier ones (~5 % of its time to first
 * diagnostics). Strongly connected components (Tarjan) visit each reachable segment once; the path
 * for the message is searched only for segments that do lie on a cycle.
 */
export class InSegmentGraph {
    private readonly edges = new Map<SegmentDefinition, SegmentDefinition[]>();
    private readonly order = new Map<SegmentDefinition, number>();
    private readonly lowest = new Map<SegmentDefinition, number>();
    private readonly stack: SegmentDefinition[] = [];
    private readonly onStack = new Set<SegmentDefinition>();
    private readonly cyclic = new Set<SegmentDefinition>();

    /** A path `segment → … → segment`, if the segment lies on a cycle. */
    cycleThrough(segment: SegmentDefinition): SegmentDefinition[] | undefined {
        if (!this.order.has(segment)) {
            this.connect(segment);
        }
        return this.cyclic.has(segment) ? findCycle(segment, s => this.next(s)) : undefined;
    }

    private next(segment: SegmentDefinition): SegmentDefinition[] {
        let next = this.edges.get(segment);
        if (!next) {
            next = referencedSegments(segment);
            this.edges.set(segment, next);
        }
        return next;
    }

    private connect(segment: SegmentDefinition): void {
        const index = this.order.size;
        this.order.set(segment, index);
        this.lowest.set(segment, index);
        this.stack.push(segment);
        this.onStack.add(segment);
        for (const next of this.next(segment)) {
            if (!this.order.has(next)) {
                this.connect(next);
                this.lowest.set(segment, Math.min(this.lowest.get(segment)!, this.lowest.get(next)!));
            } else if (this.onStack.has(next)) {
                this.lowest.set(segment, Math.min(this.lowest.get(segment)!, this.order.get(next)!));
            }
        }
        if (this.lowest.get(segment) === index) {
            const component = this.stack.splice(this.stack.lastIndexOf(segment));
            component.forEach(s => this.onStack.delete(s));
            if (component.length > 1 || this.next(segment).includes(segment)) {
                component.forEach(s => this.cyclic.add(s));
            }
        }
    }
}

/** The segments a segment references through `inSegment`. */
export function referencedSegments(segment: SegmentDefinition): SegmentDefinition[] {
    const referenced: SegmentDefinition[] = [];
    if (segment.condition) {
        walkAst(segment.condition, node => {
            const target = isInSegmentExpression(node) ? node.segment?.ref : undefined;
            if (target) {
                referenced.push(target);
            }
        });
    }
    return referenced;
}

/** A path `segment → … → segment` through `inSegment` references, if the segment lies on a cycle. */
export function findCycle(start: SegmentDefinition, next = referencedSegments): SegmentDefinition[] | undefined {
    const visited = new Set<SegmentDefinition>();
    const walk = (segment: SegmentDefinition, path: SegmentDefinition[]): SegmentDefinition[] | undefined => {
        for (const target of next(segment)) {
            if (target === start) {
                return [...path, target];
            }
            if (!visited.has(target)) {
                visited.add(target);
                const found = walk(target, [...path, target]);
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    };
    return walk(start, [start]);
}
