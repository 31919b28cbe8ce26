import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { EXPLAIN_REQUEST, RUN_COMMAND, type ExplainParams, type ExplainResponse, type RunResult } from '../shared/segment-protocol.js';
import { renderResultsHtml } from './segment-results-html.js';

/** The webview type; the serializer and the `onWebviewPanel:` activation event name it. */
export const RESULTS_VIEW_TYPE = 'segment.results';

/** What the webview stores with `setState` (see segment-results-script.ts) and gets back after a reload. */
interface SavedState {
    runId?: string;
    result?: RunResult;
}

/**
 * The one results panel beside the editor. A new run refreshes it in place instead of opening
 * another one; a window reload restores it from the state the webview saved.
 */
export class SegmentResultsPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private result: RunResult | undefined;
    private runs = 0;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly client: LanguageClient) {
        this.disposables.push(vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
                const saved = state as SavedState | undefined;
                this.attach(panel);
                // The saved run id lets the page restore its sorting, page and selection too.
                this.render(saved?.result, saved?.runId);
            },
        }));
    }

    /** Shows a run's result, creating the panel beside the active editor or refreshing the open one. */
    show(result: RunResult): void {
        if (this.panel) {
            this.panel.reveal(undefined, true);
        } else {
            this.attach(vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, 'Segment', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions()));
        }
        this.render(result);
    }

    private attach(panel: vscode.WebviewPanel): void {
        this.panel?.dispose();
        this.panel = panel;
        panel.webview.options = webviewOptions();
        panel.onDidDispose(() => {
            if (this.panel === panel) {
                this.panel = undefined;
                this.result = undefined;
            }
        }, undefined, this.disposables);
        panel.webview.onDidReceiveMessage(message => this.onMessage(message), undefined, this.disposables);
    }

    private render(result: RunResult | undefined, runId?: string): void {
        if (!this.panel) {
            return;
        }
        this.result = result;
        this.runs += 1;
        this.panel.title = result ? `Segment: ${result.title ?? result.segment}` : 'Segment';
        // A fresh nonce per rendering: a page can only run the script it was rendered with.
        const nonce = randomBytes(16).toString('hex');
        const id = runId ?? (result ? `${result.segment}@${result.now}#${Date.now()}.${this.runs}` : 'none');
        this.panel.webview.html = renderResultsHtml({ runId: id, result }, { cspSource: this.panel.webview.cspSource, nonce });
    }

    private async onMessage(message: { type?: string; profileId?: unknown }): Promise<void> {
        const result = this.result;
        if (!result) {
            return;
        }
        if (message.type === 'rerun') {
            await vscode.commands.executeCommand(RUN_COMMAND, { uri: result.uri, segmentId: result.segment });
        } else if (message.type === 'select' && typeof message.profileId === 'string') {
            await this.explain(result, message.profileId);
        }
    }

    /** Explains one profile lazily, with the run's own inputs so that the answer agrees with the table. */
    private async explain(result: RunResult, profileId: string): Promise<void> {
        const params: ExplainParams = {
            uri: result.uri, segmentId: result.segment, profileId,
            samplePath: result.samplePath, now: result.now, timeZone: result.timeZone,
        };
        let reply: object;
        try {
            const response = await this.client.sendRequest<ExplainResponse>(EXPLAIN_REQUEST, params);
            reply = response.status === 'ok'
                ? { type: 'profile', profileId, result: response.result }
                : { type: 'profileError', profileId, message: response.message };
        } catch (error) {
            reply = { type: 'profileError', profileId, message: `Could not explain the profile: ${error instanceof Error ? error.message : String(error)}` };
        }
        await this.panel?.webview.postMessage(reply);
    }

    dispose(): void {
        this.panel?.dispose();
        this.disposables.forEach(d => d.dispose());
    }
}

function webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // No local resources: the page is self-contained (inline style and script under a nonce).
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [] };
}
