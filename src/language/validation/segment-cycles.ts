import { isInSegmentExpression, type SegmentDefinition } from '../generated/ast.js';
import { walkAst } from '../segment-ast-walk.js';
import { segmentCondition } from '../segment-properties.js';

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

    /** Tarjan's algorithm with its own stack of frames: an `inSegment` chain thousands of segments long must not overflow the call stack. */
    private connect(start: SegmentDefinition): void {
        const frames: Array<{ segment: SegmentDefinition; next: SegmentDefinition[]; at: number }> = [];
        const enter = (segment: SegmentDefinition): void => {
            const index = this.order.size;
            this.order.set(segment, index);
            this.lowest.set(segment, index);
            this.stack.push(segment);
            this.onStack.add(segment);
            frames.push({ segment, next: this.next(segment), at: 0 });
        };
        enter(start);
        while (frames.length > 0) {
            const frame = frames[frames.length - 1];
            const { segment } = frame;
            if (frame.at < frame.next.length) {
                const next = frame.next[frame.at++];
                if (!this.order.has(next)) {
                    enter(next);
                } else if (this.onStack.has(next)) {
                    this.lowest.set(segment, Math.min(this.lowest.get(segment)!, this.order.get(next)!));
                }
                continue;
            }
            frames.pop();
            const caller = frames[frames.length - 1];
            if (caller) {
                this.lowest.set(caller.segment, Math.min(this.lowest.get(caller.segment)!, this.lowest.get(segment)!));
            }
            if (this.lowest.get(segment) === this.order.get(segment)) {
                const component = this.stack.splice(this.stack.lastIndexOf(segment));
                component.forEach(s => this.onStack.delete(s));
                if (component.length > 1 || frame.next.includes(segment)) {
                    component.forEach(s => this.cyclic.add(s));
                }
            }
        }
    }
}

/** The segments a segment references through `inSegment`. */
export function referencedSegments(segment: SegmentDefinition): SegmentDefinition[] {
    const referenced: SegmentDefinition[] = [];
    const condition = segmentCondition(segment);
    if (condition) {
        walkAst(condition, node => {
            const target = isInSegmentExpression(node) ? node.segment?.ref : undefined;
            if (target) {
                referenced.push(target);
            }
        });
    }
    return referenced;
}

/**
 * A shortest path `segment → … → segment` through `inSegment` references, if the segment lies on a
 * cycle (breadth first, with a queue: an `inSegment` chain can be thousands of segments long).
 */
export function findCycle(start: SegmentDefinition, next = referencedSegments): SegmentDefinition[] | undefined {
    const cameFrom = new Map<SegmentDefinition, SegmentDefinition>();
    const queue: SegmentDefinition[] = [start];
    for (let head = 0; head < queue.length; head++) {
        const segment = queue[head];
        for (const target of next(segment)) {
            if (target === start) {
                const path = [target];
                for (let at: SegmentDefinition | undefined = segment; at !== undefined; at = at === start ? undefined : cameFrom.get(at)) {
                    path.unshift(at);
                }
                return path;
            }
            if (!cameFrom.has(target)) {
                cameFrom.set(target, segment);
                queue.push(target);
            }
        }
    }
    return undefined;
}
