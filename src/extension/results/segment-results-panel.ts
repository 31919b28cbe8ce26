import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { EXPLAIN_REQUEST, RUN_COMMAND, type ExplainParams, type ExplainResponse, type ProtocolRange, type RunResult } from '../../shared/segment-protocol.js';
import { explanationLines } from './segment-explain-words.js';
import { renderResultsHtml } from './segment-results-html.js';
import { summarize, type HostMessage, type PageMessage, type ResultsView } from './segment-results-model.js';
import { runStarted } from './segment-results-status.js';

/** The webview type; the serializer and the `onWebviewPanel:` activation event name it. */
export const RESULTS_VIEW_TYPE = 'segment.results';

/** What the webview stores with `setState` (see segment-results-script.ts) and gets back after a reload. */
interface SavedState {
    view?: ResultsView;
}

/** A run's result as shown, and the document version it was computed from. */
export interface ShownRun {
    result: RunResult;
    uri: string;
    version: number | undefined;
}

/**
 * The one results panel beside the editor. The page is rendered once; runs, the running state and
 * "out of date" arrive as messages, so the page keeps its sorting, filter, selection and scroll.
 * A window reload restores it from the state the page saved.
 */
export class SegmentResultsPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private view: ResultsView = { seq: 0, status: 'idle', stale: false };
    private run: ShownRun | undefined;
    /** The version of the document when the current run started. */
    private runningVersion: number | undefined;
    private readonly profiles = new Map<string, unknown>();
    private readonly disposables: vscode.Disposable[] = [];
    private readonly changed = new vscode.EventEmitter<ShownRun | undefined>();
    /** Fires when the shown run changes or goes out of date (the inlay hints follow it). */
    readonly onDidChangeRun = this.changed.event;

    constructor(private readonly client: LanguageClient, private readonly extensionUri: vscode.Uri) {
        this.disposables.push(this.changed, vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
                const saved = (state as SavedState | undefined)?.view;
                if (saved) {
                    // The document may have changed while the window was closed: only a re-run can tell.
                    this.view = { ...saved, status: saved.status === 'running' ? 'idle' : saved.status, stale: saved.result !== undefined };
                }
                this.attach(panel);
            },
        }));
        this.disposables.push(vscode.workspace.onDidChangeTextDocument(event => {
            if (this.run && !this.view.stale && event.contentChanges.length > 0 && event.document.uri.toString() === this.run.uri) {
                this.update({ stale: true });
                this.changed.fire(undefined);
            }
        }));
    }

    /** The run the panel shows, when it is not out of date. */
    get current(): ShownRun | undefined {
        return this.view.stale ? undefined : this.run;
    }

    /** Shows that a run started: creates the panel if needed, keeps the previous result visible under a progress bar. */
    running(uri: string, segmentId: string): void {
        this.runningVersion = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri)?.version;
        this.ensurePanel();
        this.update(runStarted(segmentId));
    }

    /** Shows a run's result. */
    show(result: RunResult): void {
        this.ensurePanel();
        const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === result.uri);
        // The server names the version it ran (the text it checked, whatever was typed during the run);
        // an older server does not, and the version at the start of the run stands in for it.
        const version = result.version ?? this.runningVersion;
        this.run = { result, uri: result.uri, version };
        this.profiles.clear();
        // Edited since: the result is of the text before the edit.
        const stale = document !== undefined && version !== undefined && document.version !== version;
        this.update({ status: 'done', stale, message: undefined, result: summarize(result, this.sampleLabel(result)) });
        this.changed.fire(stale ? undefined : this.run);
    }

    /** Shows why a run did not happen (refused, failed or cancelled) above the last result, if the panel is open. */
    failed(message: string): void {
        if (this.panel) {
            this.update({ status: 'failed', message });
        }
    }

    private sampleLabel(result: RunResult): string {
        if (result.sampleSource === 'bundled') {
            return `${path.basename(result.samplePath)} (bundled with the extension)`;
        }
        return vscode.workspace.asRelativePath(result.samplePath, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
    }

    private update(change: Partial<ResultsView>): void {
        this.view = { ...this.view, ...change, seq: this.view.seq + 1 };
        this.post({ type: 'view', view: this.view });
    }

    private post(message: HostMessage): void {
        void this.panel?.webview.postMessage(message);
    }

    private ensurePanel(): void {
        if (this.panel) {
            this.panel.reveal(undefined, true);
            return;
        }
        this.attach(vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, 'Segment', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions()));
    }

    private attach(panel: vscode.WebviewPanel): void {
        this.panel?.dispose();
        this.panel = panel;
        panel.webview.options = webviewOptions();
        panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'segment.svg');
        panel.onDidDispose(() => {
            if (this.panel === panel) {
                this.panel = undefined;
            }
        }, undefined, this.disposables);
        panel.webview.onDidReceiveMessage((message: PageMessage) => this.onMessage(message), undefined, this.disposables);
        const result = this.view.result;
        panel.title = result ? `Segment: ${result.title ?? result.segment}` : 'Segment';
        // A fresh nonce per page: a page can only run the script it was rendered with.
        const nonce = randomBytes(16).toString('hex');
        panel.webview.html = renderResultsHtml(this.view, { cspSource: panel.webview.cspSource, nonce });
    }

    private async onMessage(message: PageMessage): Promise<void> {
        const result = this.view.result;
        if (this.panel && result) {
            this.panel.title = `Segment: ${result.title ?? result.segment}`;
        }
        switch (message.type) {
            case 'ready':
                this.post({ type: 'view', view: this.view });
                return;
            case 'rerun':
                if (result) {
                    await vscode.commands.executeCommand(RUN_COMMAND, { uri: result.uri, segmentId: result.segment });
                }
                return;
            case 'select':
                if (result && typeof message.profileId === 'string') {
                    await this.explain(message.profileId);
                }
                return;
            case 'openJson':
                if (result && typeof message.profileId === 'string') {
                    await this.openJson(message.profileId);
                }
                return;
            case 'reveal':
                if (result) {
                    await revealRange(vscode.Uri.parse(result.uri), message.range);
                }
                return;
        }
    }

    /** Explains one profile lazily, with the run's own inputs so that the answer agrees with the table. */
    private async explain(profileId: string): Promise<void> {
        const result = this.view.result;
        if (!result) {
            return;
        }
        const params: ExplainParams = {
            uri: result.uri, segmentId: result.segment, profileId,
            samplePath: result.samplePath, now: result.now, timeZone: result.timeZone,
        };
        try {
            const response = await this.client.sendRequest<ExplainResponse>(EXPLAIN_REQUEST, params);
            if (response.status !== 'ok') {
                this.post({ type: 'profileError', profileId, message: response.message });
                return;
            }
            const { explanation, profile, matched } = response.result;
            this.profiles.set(profileId, profile);
            const lines = explanation && explanationLines(explanation, { timeZone: result.timeZone });
            this.post({ type: 'profile', profileId, matched, ...(lines ? { lines } : {}), json: JSON.stringify(profile, undefined, 2) });
        } catch (error) {
            this.post({ type: 'profileError', profileId, message: `Could not explain the profile: ${error instanceof Error ? error.message : String(error)}` });
        }
    }

    /** Opens the profile as an untitled JSON document beside the results (not saved anywhere). */
    private async openJson(profileId: string): Promise<void> {
        if (!this.profiles.has(profileId)) {
            await this.explain(profileId);
        }
        if (!this.profiles.has(profileId)) {
            return;
        }
        const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(this.profiles.get(profileId), undefined, 2)}\n` });
        await vscode.window.showTextDocument(document, { viewColumn: editorColumn(this.run?.uri), preview: true });
    }

    dispose(): void {
        this.panel?.dispose();
        this.disposables.forEach(d => d.dispose());
    }
}

/** Reveals and selects a range of the segment's document, in the editor column that shows it (else the first). */
export async function revealRange(uri: vscode.Uri, range: ProtocolRange): Promise<void> {
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: editorColumn(uri.toString()), selection, preserveFocus: false, preview: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The column of a visible editor showing `uri`, else the first column. */
function editorColumn(uri: string | undefined): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri);
    return visible?.viewColumn ?? vscode.ViewColumn.One;
}

function webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // No local resources: the page is self-contained (inline style and script under a nonce).
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [] };
}
