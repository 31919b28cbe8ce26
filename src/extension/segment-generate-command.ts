import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    GENERATE_PROFILE_COMMAND, GENERATE_PROFILE_REQUEST, LIST_SEGMENTS_REQUEST,
    type GenerateProfileParams, type GenerateProfileResponse, type ListSegmentsParams, type SegmentSummary,
} from '../shared/segment-protocol.js';

/**
 * "Segment: Generate a Matching Profile" (palette, for the segment at the cursor) and the command
 * behind the "Generate a matching profile" / "Generate a near miss" code actions: asks the server
 * for a `test` with a verified generated profile and inserts it after the segment, or says why
 * there is none. Returns the server's answer (for tests).
 */
export function registerGenerateCommand(client: LanguageClient): vscode.Disposable {
    return vscode.commands.registerCommand(GENERATE_PROFILE_COMMAND, async (args?: GenerateProfileParams) => {
        const params = args ?? await paramsAtCursor(client);
        if (!params) {
            void vscode.window.showInformationMessage('Put the cursor in a segment to generate a profile for it.');
            return undefined;
        }
        const response = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: `Generating a profile for ${params.segment}` },
            () => client.sendRequest<GenerateProfileResponse>(GENERATE_PROFILE_REQUEST, params),
        );
        if (response.status === 'ok') {
            const edit = new vscode.WorkspaceEdit();
            edit.insert(vscode.Uri.parse(params.uri), new vscode.Position(response.position.line, response.position.character), response.text);
            await vscode.workspace.applyEdit(edit);
        } else {
            void vscode.window.showWarningMessage(response.message);
        }
        return response;
    });
}

async function paramsAtCursor(client: LanguageClient): Promise<GenerateProfileParams | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'segment') {
        return undefined;
    }
    const uri = editor.document.uri.toString();
    const segments = await client.sendRequest<SegmentSummary[]>(LIST_SEGMENTS_REQUEST, { uri } satisfies ListSegmentsParams);
    const cursor = editor.selection.active;
    const segment = segments.find(s => new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character).contains(cursor));
    return segment && { uri, segment: segment.id };
}
