import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

/**
 * How many nodes a walk that may be cancelled (validation, semantic highlighting) visits between two
 * checks for cancellation: Langium awaits a check at every node, which costs more than most nodes' work.
 */
export const NODES_PER_CHECK = 500;

/**
 * Visits every node under `root` (root included, parents before children) and every reference (a
 * node's references before its children).
 *
 * A plain loop over the nodes' properties: Langium's `streamAst`/`streamReferences` allocate a
 * stream and an `Object.keys` array per node, and parsing, linking and indexing a 5,000-line file
 * walked its ~100,000 nodes that way four times (~15 % of the time to first diagnostics). A loop
 * with its own stack, not a recursion: the parser measures nesting with it (`depth`, 0 at `root`)
 * to refuse trees too deep for the recursive walks that come later.
 */
export function walkAst(root: AstNode, visitNode: (node: AstNode, depth: number) => void, visitReference?: (info: ReferenceInfo) => void): void {
    const nodes: AstNode[] = [root];
    const depths: number[] = [0];
    const children: AstNode[] = [];
    while (nodes.length > 0) {
        const node = nodes.pop()!;
        const depth = depths.pop()!;
        visitNode(node, depth);
        const record = node as unknown as Record<string, unknown>;
        for (const property in record) {
            if (property.startsWith('$')) {
                continue;
            }
            const value = record[property];
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    visitValue(value[index], node, property, children, visitReference, index);
                }
            } else {
                visitValue(value, node, property, children, visitReference);
            }
        }
        // Reversed onto the stack, so that the first child is visited first.
        while (children.length > 0) {
            nodes.push(children.pop()!);
            depths.push(depth + 1);
        }
    }
}

function visitValue(
    value: unknown, container: AstNode, property: string,
    children: AstNode[], visitReference: ((info: ReferenceInfo) => void) | undefined, index?: number,
): void {
    if (isAstNode(value)) {
        children.push(value);
    } else if (visitReference && (isReference(value) || isMultiReference(value))) {
        visitReference({ reference: value, container, property, index });
    }
}

/** Every reference under `root`. */
export function forEachReference(root: AstNode, visit: (info: ReferenceInfo) => void): void {
    walkAst(root, () => undefined, visit);
}
