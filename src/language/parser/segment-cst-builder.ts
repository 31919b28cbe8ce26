import {
    CompositeCstNodeImpl, CstNodeBuilder, LeafCstNodeImpl, type CompositeCstNode, type CstNode, type GrammarAST, type LangiumParser,
    type LeafCstNode, type RootCstNode,
} from 'langium';
import type { Range } from 'vscode-languageserver-types';

type HiddenToken = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

/** Roots of trees the parser has finished: their nodes' bounds never change again. */
const finishedRoots = new WeakSet<RootCstNode>();

/**
 * A composite node whose bounds are found in a loop and remembered once its tree is finished.
 *
 * Langium computes a composite node's `offset` from its first child's, recursively: it costs the
 * depth of the node's leftmost path, and a member path `person.a.a.…` nests one level per step
 * along it. Finding the leaf at an offset (completion, hover, go-to-definition) binary-searches the
 * children at every level on the way down, asking each candidate for its `offset`: n levels times
 * n steps, so completion inside a 1,000-step path took seconds. Every node on a leftmost path
 * shares its offset (and every node on a rightmost path its `end`), so one walk down answers them
 * all. The walk is a loop: Langium's recursion overflowed the stack on paths of tens of thousands
 * of steps (the parser asks for the length of each rule's node), depending on how much stack the
 * JIT-compiled getters took. While the tree is being built, only the bounds of finished nodes are
 * remembered: the parser asks each rule's node for its length as the rule ends, and unclosed brackets
 * `not (not (…` nest one level per bracket along the rightmost path, so asking without remembering was
 * depth² (half the parse of a 9 KB fuzz document of unclosed brackets: 0.3 s, now 0.15 s).
 */
class SegmentCompositeCstNode extends CompositeCstNodeImpl {
    knownOffset: number | undefined;
    knownEnd: number | undefined;
    /** Set when the parser has built the node's AST node: its content (and every descendant's) no longer changes. */
    finished = false;

    override get offset(): number {
        return this.knownOffset ?? this.walk('offset');
    }

    override get end(): number {
        return this.knownEnd ?? this.walk('end');
    }

    /** Down the leftmost (`offset`) or rightmost (`end`) path to a leaf or a node that knows the answer. */
    private walk(bound: 'offset' | 'end'): number {
        const known = bound === 'offset' ? 'knownOffset' : 'knownEnd';
        const path: SegmentCompositeCstNode[] = [];
        let node: CstNode | undefined = this;
        while (node instanceof SegmentCompositeCstNode && node[known] === undefined) {
            path.push(node);
            const children = node as unknown as { firstNonHiddenNode?: CstNode; lastNonHiddenNode?: CstNode };
            node = bound === 'offset' ? children.firstNonHiddenNode : children.lastNonHiddenNode;
        }
        // A node that knows, a leaf, or no child at all (an empty node, which Langium also counts as 0).
        const value = node instanceof SegmentCompositeCstNode ? node[known]! : node?.[bound] ?? 0;
        // Below a finished node every node is finished too, so the bounds found hold for the whole path.
        if (this.finished || finishedRoots.has(this.root)) {
            for (const step of path) {
                step[known] = value;
            }
        }
        return value;
    }
}

type Token = Parameters<CstNodeBuilder['buildLeafNode']>[0];

/**
 * A leaf that builds its range when asked. Langium's leaves build it (three objects) for every token
 * as the parser goes: a tenth of the time parsing a document of long member paths, and more in
 * garbage collection, for ranges that only the few nodes with a diagnostic or under the cursor need.
 */
class SegmentLeafCstNode extends LeafCstNodeImpl {
    private readonly startLine: number;
    private readonly startColumn: number;
    private readonly endLine: number;
    private readonly endColumn: number;

    constructor(token: Token, hidden: boolean) {
        super(token.startOffset, token.image.length, undefined as unknown as Range, token.tokenType, hidden);
        this.startLine = token.startLine!;
        this.startColumn = token.startColumn!;
        this.endLine = token.endLine!;
        this.endColumn = token.endColumn!;
    }

    /** As Langium's `tokenToRange`: lines and the start column from 1, the end column from 0. */
    override get range(): Range {
        return {
            start: { line: this.startLine - 1, character: this.startColumn - 1 },
            end: { line: this.endLine - 1, character: this.endColumn },
        };
    }
}

/**
 * Langium's CST builder, placing comments in linear time, with composite nodes that remember their
 * bounds (`SegmentCompositeCstNode`).
 *
 * Before each token the parser hands over the comments in front of it (usually none). When the node
 * being built is still empty, Langium finds where they go by looking that node up among its
 * siblings with `indexOf`, from the first sibling, then the same for each ancestor: the node is
 * almost always the last sibling, and an infix chain keeps all its operands as siblings, so parsing
 * a chain of n operands cost n²/2 comparisons (a 16,000-operand `and` chain: 1.3 s of 4 s).
 * Nothing to place is now nothing to do, and the lookup starts from the last sibling.
 */
export class SegmentCstNodeBuilder extends CstNodeBuilder {
    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNodeImpl {
        // As Langium's, with nodes that remember their bounds (above).
        const node = new SegmentCompositeCstNode();
        node.grammarSource = feature;
        node.root = (this as unknown as { rootNode: RootCstNode }).rootNode;
        append(this.current, node);
        (this as unknown as { nodeStack: CstNode[] }).nodeStack.push(node);
        return node;
    }

    override buildLeafNode(token: Parameters<CstNodeBuilder['buildLeafNode']>[0], feature: GrammarAST.AbstractElement): LeafCstNode {
        // As Langium's, appended without the node list's variadic `push`.
        const leaf = new SegmentLeafCstNode(token, !feature);
        leaf.grammarSource = feature;
        leaf.root = (this as unknown as { rootNode: RootCstNode }).rootNode;
        append(this.current, leaf);
        return leaf;
    }

    /** As Langium's; the node whose AST node is built is finished (its bounds may be remembered from now on). */
    override construct(item: { $type: string | symbol | undefined; $cstNode?: CstNode }): void {
        const node = this.current;
        super.construct(item as Parameters<CstNodeBuilder['construct']>[0]);
        if (node instanceof SegmentCompositeCstNode) {
            node.finished = true;
        }
    }

    /** As Langium's; the node removed (an empty one, or the left side of an action) is nearly always the last child. */
    override removeNode(node: CstNode): void {
        const siblings = node.container?.content;
        if (siblings && siblings[siblings.length - 1] === node) {
            Array.prototype.pop.call(siblings);
        } else {
            super.removeNode(node);
        }
    }

    /** Called when the parser is done with the tree it built last: from now on its nodes' bounds may be remembered. */
    finish(): void {
        finishedRoots.add((this as unknown as { rootNode: RootCstNode }).rootNode);
    }

    /**
     * Forgets the tree built last. Langium's builder keeps it until the next parse: the whole tree of the
     * last document parsed, closed or not (a 256 KB document's is over 100 MB).
     */
    release(): void {
        const state = this as unknown as { rootNode?: RootCstNode; nodeStack: CstNode[] };
        state.rootNode = undefined;
        state.nodeStack = [];
    }

    override addHiddenNodes(tokens: HiddenToken[]): void {
        if (tokens.length === 0) {
            return;
        }
        const root = (this as unknown as { rootNode: RootCstNode }).rootNode;
        const nodes = tokens.map(token => {
            const leaf = new SegmentLeafCstNode(token, true);
            leaf.root = root;
            return leaf;
        });
        let current: CstNode = this.current;
        if (this.current.content.length > 0) {
            this.current.content.push(...nodes);
            return;
        }
        while (current.container) {
            const siblings = current.container.content;
            const index = siblings.lastIndexOf(current);
            if (index > 0) {
                siblings.splice(index, 0, ...nodes);
                return;
            }
            current = current.container;
        }
        root.content.unshift(...nodes);
    }
}

/**
 * Adds `node` as the last child of `parent`, as Langium's node lists do in `push`: through a variadic
 * method that spreads its arguments twice, about a tenth of the parser's time on long member paths.
 */
function append(parent: CompositeCstNode, node: CstNode): void {
    Array.prototype.push.call(parent.content, node);
    (node as { container?: CompositeCstNode }).container = parent;
}

/** Makes `parser` build its CST with `SegmentCstNodeBuilder` (Langium creates its own in the constructor). */
export function useSegmentCstBuilder(parser: LangiumParser): SegmentCstNodeBuilder {
    const builder = new SegmentCstNodeBuilder();
    (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = builder;
    return builder;
}
