import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { COVERAGE_REQUEST, type CoverageParams, type SegmentCoverageSummary } from '../shared/segment-protocol.js';

/** The setting that turns the decoration on. */
export const SHOW_UNCOVERED_SETTING = 'segment.testing.showUncoveredClauses';

/**
 * Marks the clauses that the workspace's tests never made true, or never made false (clause
 * coverage, docs/testing.md), in the visible `.segment` editors while the setting is on. Computed
 * by the language server (`segment/coverage`) when an editor is shown and after each save.
 */
export class SegmentCoverageDecorations implements vscode.Disposable {
    private readonly decoration = vscode.window.createTextEditorDecorationType({
        textDecoration: 'underline dotted',
        overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
    private readonly disposables: vscode.Disposable[] = [];
    /** The last decorations per document, for the extension's own tests. */
    readonly shown = new Map<string, Array<{ range: vscode.Range; hover: string }>>();

    constructor(private readonly client: LanguageClient) {
        this.disposables.push(
            this.decoration,
            vscode.window.onDidChangeVisibleTextEditors(() => void this.refresh()),
            vscode.workspace.onDidSaveTextDocument(document => document.languageId === 'segment' && void this.refresh()),
            vscode.workspace.onDidChangeConfiguration(event => event.affectsConfiguration(SHOW_UNCOVERED_SETTING) && void this.refresh()),
        );
    }

    async refresh(): Promise<void> {
        const enabled = vscode.workspace.getConfiguration().get<boolean>(SHOW_UNCOVERED_SETTING, false);
        for (const editor of vscode.window.visibleTextEditors.filter(e => e.document.languageId === 'segment')) {
            const options = enabled ? await this.uncovered(editor.document.uri) : [];
            this.shown.set(editor.document.uri.toString(), options.map(o => ({ range: o.range, hover: String((o.hoverMessage as vscode.MarkdownString).value) })));
            editor.setDecorations(this.decoration, options);
        }
    }

    private async uncovered(uri: vscode.Uri): Promise<vscode.DecorationOptions[]> {
        const segments = await this.client.sendRequest<SegmentCoverageSummary[]>(COVERAGE_REQUEST, { uri: uri.toString() } satisfies CoverageParams);
        return segments.flatMap(segment => segment.clauses
            .filter(clause => clause.range && (clause.whenTrue === 0 || clause.whenFalse === 0))
            .map(clause => {
                const never = clause.whenTrue === 0 && clause.whenFalse === 0 ? 'never evaluated' : clause.whenTrue === 0 ? 'never true' : 'never false';
                const { start, end } = clause.range!;
                return {
                    range: new vscode.Range(start.line, start.character, end.line, end.character),
                    hoverMessage: new vscode.MarkdownString(`Clause coverage of \`${segment.segment}\` (${segment.percent.toFixed(0)} %, ${segment.tests} test(s)): this clause was ${never} in the tests.`),
                };
            }));
    }

    dispose(): void {
        this.disposables.forEach(d => d.dispose());
    }
}
