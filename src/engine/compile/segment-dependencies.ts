/**
 * The order in which a run compiles and evaluates local segments that reference each other through
 * `inSegment`: the segments a segment references come before it. Found without recursion, so that
 * a chain of thousands of segments, each referencing the next (`s1 inSegment s2 … s5000`), is
 * compiled from its far end instead of one nested compilation per link (which overflowed the stack
 * at about 2,000 links).
 */
import { AstUtils } from 'langium';
import { isInSegmentExpression, type InSegmentExpression, type SegmentDefinition } from '../../language/generated/ast.js';
import { segmentCondition } from '../../language/segment-properties.js';

/** The local segments a segment's condition references, each once, in the order they appear. */
export function referencedSegments(definition: SegmentDefinition, resolve: (node: InSegmentExpression) => SegmentDefinition | undefined): SegmentDefinition[] {
    const found = new Set<SegmentDefinition>();
    const condition = segmentCondition(definition);
    if (condition) {
        for (const node of AstUtils.streamAst(condition)) {
            const target = isInSegmentExpression(node) ? resolve(node) : undefined;
            if (target) {
                found.add(target);
            }
        }
    }
    return [...found];
}

/**
 * `root` and every segment it reaches whose `isKnown` is false, each after the segments it
 * references (a depth-first post-order, with an explicit stack). On a cycle (which the validator
 * reports as an error) the segment that closes it comes first.
 */
export function dependencyOrder(root: SegmentDefinition, referencesOf: (definition: SegmentDefinition) => SegmentDefinition[],
    isKnown: (definition: SegmentDefinition) => boolean): SegmentDefinition[] {
    const order: SegmentDefinition[] = [];
    if (isKnown(root)) {
        return order;
    }
    const seen = new Set<SegmentDefinition>([root]);
    const stack: { definition: SegmentDefinition; references: SegmentDefinition[]; next: number }[] = [
        { definition: root, references: referencesOf(root), next: 0 },
    ];
    while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (top.next < top.references.length) {
            const reference = top.references[top.next++];
            if (!seen.has(reference) && !isKnown(reference)) {
                seen.add(reference);
                stack.push({ definition: reference, references: referencesOf(reference), next: 0 });
            }
        } else {
            order.push(top.definition);
            stack.pop();
        }
    }
    return order;
}
