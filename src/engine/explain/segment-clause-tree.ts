/**
 * Per-clause counts at every level of a condition, inside event selections and chains too: the
 * explanation trees of the profiles are summed node by node (nodes are matched by their path).
 *
 * - a clause of the condition's Boolean skeleton, an iteration, a chain step: `profiles` = how many
 *   profiles it held for (for a step: how many profiles reached it);
 * - a declaration (`X from xEvent`) or a clause of its where-condition: `events` = how many
 *   candidates (events) satisfied it, `of` = how many were tried, and `profiles` = how many profiles
 *   had at least one such event.
 *
 * An iteration nested inside a where-condition is explained for one representative event per
 * profile only, so nothing below it is counted: its node keeps its own counts and has no children.
 */
import type { ClauseInfo, ExplainNode } from './segment-explain.js';

export interface ClauseTreeNode extends ClauseInfo {
    /** Profiles for which the clause held, or (inside an iteration) that had at least one event satisfying it. */
    profiles: number;
    /** Inside an iteration: events that satisfied the clause, summed over the profiles. */
    events?: number;
    /** Inside an iteration: events the clause was tried on, summed over the profiles. */
    of?: number;
    children?: ClauseTreeNode[];
}

export class ClauseTreeTally {
    private root: ClauseTreeNode | undefined;
    private readonly byPath = new Map<string, ClauseTreeNode>();
    /** How many profiles were added. */
    profiles = 0;

    /** Adds one profile's explanation tree. */
    add(tree: ExplainNode): void {
        this.profiles++;
        this.root = this.merge(tree, undefined);
    }

    /** The summed tree; undefined before the first `add`. */
    get tree(): ClauseTreeNode | undefined {
        return this.root;
    }

    private merge(node: ExplainNode, parent: ClauseTreeNode | undefined): ClauseTreeNode {
        let target = this.byPath.get(node.path);
        if (!target) {
            target = { path: node.path, kind: node.kind, text: node.text, ...(node.range ? { range: node.range } : {}), profiles: 0 };
            this.byPath.set(node.path, target);
            if (parent) {
                (parent.children ??= []).push(target);
            }
        }
        const values = node.values ?? {};
        const satisfied = numberOr(values.satisfied, undefined);
        const tried = numberOr(values.of, numberOr(values.elements, undefined));
        if (satisfied !== undefined && tried !== undefined) {
            // A clause over events: "held" means at least one event satisfied it, whatever `result`
            // says (a later conjunct's result also needs the earlier ones).
            target.events = (target.events ?? 0) + satisfied;
            target.of = (target.of ?? 0) + tried;
            target.profiles += satisfied > 0 ? 1 : 0;
        } else {
            target.profiles += node.result ? 1 : 0;
        }
        // Below a representative event the counts would be of that one event per profile: not summed.
        if (values.explainedFor === undefined) {
            for (const child of node.children ?? []) {
                this.merge(child, target);
            }
        }
        return target;
    }
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
    return typeof value === 'number' ? value : fallback;
}
