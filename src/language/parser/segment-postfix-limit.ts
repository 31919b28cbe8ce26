import type { AstNode, CstNode, GrammarAST, LangiumParser } from 'langium';
import type { SegmentDefinition } from '../generated/ast.js';
import { NodeMemo } from '../segment-node-memo.js';
import { MAX_NESTING, TooDeepError } from './segment-nesting.js';

interface ParserInternals {
    action($type: string, action: GrammarAST.Action): void;
    /** The AST nodes under construction, outermost first. */
    stack: Array<{ $type: string; receiver?: object; name?: unknown }>;
    nodeBuilder: { nodeStack: CstNode[] };
}

/** A node's steps along its path (on the node, not in a WeakMap: see NodeMemo). */
const steps = new NodeMemo<number>('steps');

/**
 * Stops the parser as soon as a member path or a chain of filters (`person.a.a.…`, `xEvent[…][…]…`)
 * nests deeper than `MAX_NESTING`: the tree would be refused as it comes out of the parser anyway,
 * and a 256 KB path of 130,000 steps cost 2 s of parsing first (the server answered nothing meanwhile).
 */
export function usePostfixLimit(parser: LangiumParser): void {
    const internals = parser as unknown as ParserInternals;
    const action = internals.action.bind(parser);
    internals.action = ($type, grammarAction) => {
        action($type, grammarAction);
        // `{infer MemberAccess.receiver=current}` and `{infer FilterExpression.receiver=current}`: one step more.
        if (grammarAction.feature !== 'receiver') {
            return;
        }
        const node = internals.stack[internals.stack.length - 1] as unknown as AstNode & { receiver?: AstNode };
        const depth = (node.receiver ? steps.get(node.receiver) ?? 0 : 0) + 1;
        if (depth > MAX_NESTING) {
            throw segmentTooDeep(internals);
        }
        steps.set(node, depth);
    };
}

/** The error for the segment being parsed, at its name (the segment's node has no concrete syntax yet). */
function segmentTooDeep(internals: ParserInternals): TooDeepError {
    const segment = internals.stack.find(node => node.$type === 'SegmentDefinition');
    const name = typeof segment?.name === 'string' ? segment.name : undefined;
    const container = internals.nodeBuilder.nodeStack.find(node => 'content' in node
        && (node.content as CstNode[]).some(child => child.text === 'segment') && (node.content as CstNode[]).some(child => child.text === name));
    const nameNode = container && (container as unknown as { content: CstNode[] }).content.find(child => child.text === name);
    return new TooDeepError(segment as unknown as SegmentDefinition | undefined, nameNode);
}
