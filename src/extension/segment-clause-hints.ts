import * as vscode from 'vscode';
import type { ClauseTreeNode, RunResult } from '../shared/segment-protocol.js';
import { formatPercent } from './segment-results-html.js';
import type { SegmentResultsPanel, ShownRun } from './segment-results-panel.js';
import { treeOfClauses } from './segment-results-model.js';

/** The setting that turns the hints off. */
export const CLAUSE_HINTS_SETTING = 'segment.results.inlayHints';

/** One hint: where it goes (the end of a clause) and what it says. */
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
 * Pure: the provider below turns these into inlay hints.
 */
export function clauseHints(result: RunResult): ClauseHint[] {
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
    return nodes.filter(node => node.range).map(node => {
        const events = node.events !== undefined ? `; ${node.events} of ${node.of} events satisfied it` : '';
        return {
            line: node.range!.end.line,
            character: node.range!.end.character,
            label: `${node.profiles} / ${result.total}`,
            tooltip: `Last run of ${result.segment}: ${node.profiles} of ${result.total} sample profiles (${formatPercent(node.profiles, result.total)})${events}.`
                + ` Turn these hints off with the ${CLAUSE_HINTS_SETTING} setting.`,
        };
    });
}

/** Shows `clauseHints` of the run the results panel shows, as long as its document is unchanged. */
export function registerClauseHints(panel: SegmentResultsPanel): vscode.Disposable {
    const changed = new vscode.EventEmitter<void>();
    const provider: vscode.InlayHintsProvider = {
        onDidChangeInlayHints: changed.event,
        provideInlayHints(document: vscode.TextDocument): vscode.InlayHint[] {
            const run: ShownRun | undefined = panel.current;
            if (!run || run.uri !== document.uri.toString() || !vscode.workspace.getConfiguration('segment', document.uri).get<boolean>('results.inlayHints', true)) {
                return [];
            }
            return clauseHints(run.result).map(hint => {
                const inlay = new vscode.InlayHint(new vscode.Position(hint.line, hint.character), hint.label);
                inlay.paddingLeft = true;
                inlay.tooltip = hint.tooltip;
                return inlay;
            });
        },
    };
    return vscode.Disposable.from(
        changed,
        vscode.languages.registerInlayHintsProvider({ language: 'segment' }, provider),
        panel.onDidChangeRun(() => changed.fire()),
        vscode.workspace.onDidChangeConfiguration(event => event.affectsConfiguration(CLAUSE_HINTS_SETTING) && changed.fire()),
    );
}
