import type { ClauseTreeNode, RunResult } from '../shared/segment-protocol.js';
import { formatPercent } from './results/segment-results-html.js';
import { treeOfClauses } from './results/segment-results-model.js';

/** The setting that turns the hints off. */
export const CLAUSE_HINTS_SETTING = 'segment.results.inlayHints';

/** One hint: where it goes (the end of the line a clause ends on) and what it says. */
export interface ClauseHint {
    line: number;
    character: number;
    label: string;
    tooltip: string;
}

/**
 * The last run's counts in the editor: after each top-level clause of the segment that ran, how many
 * profiles it held for. When the condition is one event selection, its where-clauses get a hint too
 * (profiles with at least one such event), since the top level alone would say only the total.
 * The counts of clauses that end on one line are joined at the line's end.
 * Pure: the provider below turns these into inlay hints.
 */
export function clauseHints(result: RunResult, lineLength: (line: number) => number): ClauseHint[] {
    const tree = result.clauseTree ?? treeOfClauses(result);
    if (!tree) {
        return [];
    }
    const top = tree.kind === 'and' || tree.kind === 'or' ? tree.children ?? [] : [tree];
    const nodes: ClauseTreeNode[] = [...top];
    if (top.length === 1) {
        const declarations = (top[0].children ?? []).filter(child => child.kind === 'declaration');
        if (declarations.length === 1) {
            nodes.push(...(declarations[0].children ?? []));
        }
    }
    // One hint per line, at its end: a count in the middle of a line would split the code apart.
    const byLine = new Map<number, ClauseTreeNode[]>();
    for (const node of nodes.filter(n => n.range)) {
        const line = node.range!.end.line;
        byLine.set(line, [...(byLine.get(line) ?? []), node]);
    }
    return [...byLine].map(([line, onLine]) => ({
        line,
        character: lineLength(line),
        label: onLine.map(node => `${node.profiles} / ${result.total}`).join(' · '),
        tooltip: `Last run of ${result.segment} on ${result.total} sample profiles:\n`
            + onLine.map(node => `${node.text}: ${node.profiles} profiles (${formatPercent(node.profiles, result.total)})`
                + (node.events !== undefined ? `, ${node.events} of ${node.of} events satisfied it` : '')).join('\n')
            + `\nTurn these hints off with the ${CLAUSE_HINTS_SETTING} setting.`,
    }));
}
