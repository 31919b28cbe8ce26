import * as vscode from 'vscode';

/** Commands the Getting Started walkthrough links to (package.json `contributes.walkthroughs`). */
export const OPEN_EXAMPLE_COMMAND = 'segment.openExample';
export const CREATE_CONFIG_COMMAND = 'segment.createConfig';

/** What a new segment.config.json holds: the keys with the bundled defaults' shape, to be edited. */
export const CONFIG_TEMPLATE = `{
    "schema": "schemas/profile.schema.json",
    "eventSchema": "schemas/experience-event.schema.json",
    "sample": "sample-profiles.jsonl",
    "now": "2026-11-01T12:00:00Z",
    "timeZone": "UTC"
}
`;

export function registerWalkthroughCommands(context: vscode.ExtensionContext): vscode.Disposable {
    return vscode.Disposable.from(
        // An untitled copy: the example can be edited and run without touching the extension's files.
        vscode.commands.registerCommand(OPEN_EXAMPLE_COMMAND, async () => {
            const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'examples', 'sneakers.segment'));
            const document = await vscode.workspace.openTextDocument({ language: 'segment', content: new TextDecoder().decode(bytes) });
            await vscode.window.showTextDocument(document, { preview: false });
        }),
        // Opens the workspace's segment.config.json, creating it from the template when there is none.
        vscode.commands.registerCommand(CREATE_CONFIG_COMMAND, async () => {
            const folder = vscode.workspace.workspaceFolders?.[0];
            if (!folder) {
                void vscode.window.showInformationMessage('Segment: open a folder first; segment.config.json goes at its root.');
                return;
            }
            const uri = vscode.Uri.joinPath(folder.uri, 'segment.config.json');
            const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
            if (!exists) {
                await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG_TEMPLATE));
            }
            await vscode.window.showTextDocument(uri, { preview: false });
        }),
    );
}
