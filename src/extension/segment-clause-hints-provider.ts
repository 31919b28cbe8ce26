import * as vscode from 'vscode';
import { CLAUSE_HINTS_SETTING, clauseHints } from './segment-clause-hints.js';
import type { SegmentResultsPanel, ShownRun } from './results/segment-results-panel.js';

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
            return clauseHints(run.result, line => line < document.lineCount ? document.lineAt(line).text.length : 0).map(hint => {
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
