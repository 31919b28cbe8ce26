import * as path from 'node:path';
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node.js';
import {
    LIST_SEGMENTS_REQUEST, RUN_COMMAND, RUN_REQUEST,
    type ListSegmentsParams, type RunInputs, type RunParams, type RunRefusal, type RunResponse, type RunResult, type SegmentSummary,
} from '../shared/segment-protocol.js';
import { resolveSettingPath } from '../shared/segment-setting-path.js';
import type { SegmentOutput } from './segment-output.js';
import type { SegmentResultsPanel } from './results/segment-results-panel.js';

/** What the code lens passes; tests pass the same. */
export interface RunTarget {
    uri: string;
    segmentId: string;
}

/** The run result the command returns: everything but the table rows and explanations, which only the panel needs. */
export type RunCommandResult = Omit<RunResult, 'rows' | 'explanations'>;

/**
 * Registers "Segment: Run Against Sample Profiles". It accepts `{ uri, segmentId }` (code lens,
 * tests), a `vscode.Uri` (the editor-title button passes the file) or nothing (palette: the
 * segment at the cursor, the only one, or a pick). It returns the result, or undefined when
 * nothing ran (no segment, refusal, cancellation).
 */
export function registerRunCommand(client: LanguageClient, panel: SegmentResultsPanel, output: SegmentOutput): vscode.Disposable {
    return vscode.commands.registerCommand(RUN_COMMAND, async (argument?: unknown): Promise<RunCommandResult | undefined> => {
        if (!vscode.workspace.isTrusted) {
            // package.json `capabilities.untrustedWorkspaces` says why: a run reads files the folder names.
            void refuseUntrusted();
            return undefined;
        }
        const target = await resolveTarget(client, argument);
        if (!target) {
            return undefined;
        }
        const params: RunParams = { ...target, ...readRunSettings(vscode.Uri.parse(target.uri)), includeNonMatching: true };
        panel.running(target.uri, target.segmentId);
        let response: RunResponse;
        try {
            response = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Notification, title: `Running segment ${target.segmentId} against sample profiles…`, cancellable: true },
                (_progress, token) => client.sendRequest<RunResponse>(RUN_REQUEST, params, token),
            );
        } catch (error) {
            if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) {
                output.runRefused(target.segmentId, 'cancelled');
                panel.failed(`The run of ${target.segmentId} was cancelled.`);
                return undefined;
            }
            // An internal failure of the server: say so plainly instead of VS Code's generic "command failed".
            const message = error instanceof Error ? error.message : String(error);
            output.runRefused(target.segmentId, `failed: ${message}`);
            panel.failed(`${target.segmentId} could not run: ${message}`);
            void vscode.window.showErrorMessage(`Segment ${target.segmentId} could not run: ${message}`);
            return undefined;
        }
        if (response.status !== 'ok') {
            output.runRefused(target.segmentId, response.message);
            panel.failed(`${target.segmentId} was not run: ${response.message}`);
            void showRefusal(target.segmentId, response);
            return undefined;
        }
        output.runFinished(response.result);
        panel.show(response.result);
        const { rows: _rows, explanations: _explanations, ...summary } = response.result;
        return summary;
    });
}

/**
 * The `segment.*` run settings for a document. Relative paths are resolved against the document's
 * workspace folder (the first folder for files outside any), because the server has no notion of
 * which folder a setting came from.
 */
export function readRunSettings(documentUri: vscode.Uri): RunInputs {
    const config = vscode.workspace.getConfiguration('segment', documentUri);
    const folder = vscode.workspace.getWorkspaceFolder(documentUri) ?? vscode.workspace.workspaceFolders?.[0];
    const sample = config.get<string>('sample.path', '').trim();
    const now = config.get<string>('now', '').trim();
    const timeZone = config.get<string>('timeZone', '').trim();
    const engine = config.get<string>('engine', 'auto');
    return {
        engine: engine === 'js' || engine === 'duckdb' ? engine : 'auto',
        samplePath: sample ? resolveSettingPath(sample, folder?.uri.fsPath ?? path.dirname(documentUri.fsPath)) : undefined,
        now: now || undefined,
        timeZone: timeZone || undefined,
    };
}

async function resolveTarget(client: LanguageClient, argument: unknown): Promise<RunTarget | undefined> {
    if (isRunTarget(argument)) {
        return argument;
    }
    const editor = vscode.window.activeTextEditor;
    // The editor-title button passes the file's Uri; the palette passes nothing.
    const uri = argument instanceof vscode.Uri ? argument : editor?.document.languageId === 'segment' ? editor.document.uri : undefined;
    if (!uri) {
        void vscode.window.showErrorMessage('Segment: open a .segment file to run one of its segments.');
        return undefined;
    }
    const segments = await client.sendRequest<SegmentSummary[]>(LIST_SEGMENTS_REQUEST, { uri: uri.toString() } satisfies ListSegmentsParams);
    if (segments.length === 0) {
        void vscode.window.showErrorMessage(`Segment: ${path.basename(uri.fsPath)} declares no segment to run.`);
        return undefined;
    }
    const cursor = editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active : undefined;
    const atCursor = cursor && segments.find(s => new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character).contains(cursor));
    const chosen = atCursor ?? (segments.length === 1 ? segments[0] : await pickSegment(segments));
    return chosen && { uri: uri.toString(), segmentId: chosen.id };
}

function isRunTarget(value: unknown): value is RunTarget {
    const candidate = value as Partial<RunTarget> | undefined;
    return typeof candidate?.uri === 'string' && typeof candidate.segmentId === 'string';
}

async function pickSegment(segments: SegmentSummary[]): Promise<SegmentSummary | undefined> {
    const picked = await vscode.window.showQuickPick(
        segments.map(segment => ({ label: segment.id, description: segment.title, detail: `line ${segment.range.start.line + 1}`, segment })),
        { title: 'Run which segment against the sample profiles?', placeHolder: 'Segment' },
    );
    return picked?.segment;
}

async function showRefusal(segmentId: string, refusal: RunRefusal): Promise<void> {
    if (refusal.reason !== 'document-errors') {
        await vscode.window.showErrorMessage(`Segment ${segmentId} was not run: ${refusal.message}`);
        return;
    }
    const first = refusal.errors?.[0];
    const where = first ? ` First: ${first.line}:${first.column} ${first.message}` : '';
    const choice = await vscode.window.showErrorMessage(`Segment ${segmentId} was not run: ${refusal.message}${where}`, 'Show Problems');
    if (choice === 'Show Problems') {
        await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
}

async function refuseUntrusted(): Promise<void> {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showErrorMessage(
        'Segment: running segments is disabled in an untrusted folder, because a run reads the sample and schema files the folder\'s settings point at. Trust the folder to run.',
        manage,
    );
    if (choice === manage) {
        await vscode.commands.executeCommand('workbench.trust.manage');
    }
}
