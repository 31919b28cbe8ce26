import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CstNode } from 'langium';

/** Grammar element → the feature of the assignment around it (`null`: none), found once per element. */
const features = new WeakMap<AstNode, string | null>();

function featureOf(element: AstNode): string | null {
    let feature = features.get(element);
    if (feature === undefined) {
        feature = AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature ?? null;
        features.set(element, feature);
    }
    return feature;
}

/**
 * The CST nodes of `node` assigned to `property`: Langium's `GrammarUtils.findNodesForProperty`, with the
 * assignment around each grammar element looked up once instead of climbing the grammar for every CST
 * node. Semantic highlighting asks this for every name in the file (a 185 KB document of member paths
 * spent 0.3 s of its 0.5 s there).
 */
export function findPropertyNodes(node: CstNode | undefined, property: string): CstNode[] {
    const found: CstNode[] = [];
    if (!node) {
        return found;
    }
    const owner = node.astNode;
    const visit = (current: CstNode, first: boolean) => {
        if (!first && current.grammarSource && featureOf(current.grammarSource) === property) {
            found.push(current);
        } else if (isCompositeCstNode(current) && current.astNode === owner) {
            for (const child of current.content) {
                visit(child, false);
            }
        }
    };
    visit(node, true);
    return found;
}
