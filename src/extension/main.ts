import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { startSegmentClient } from './segment-client.js';
import { OUTPUT_CHANNEL_NAME, SegmentOutput } from './segment-output.js';
import { SegmentResultsPanel } from './segment-results-panel.js';
import { registerRunCommand } from './segment-run-command.js';

let client: LanguageClient | undefined;

/** Starts the language server (IPC) and registers the run command, its results panel and output channel. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    client = await startSegmentClient(context);
    const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
    const panel = new SegmentResultsPanel(client);
    context.subscriptions.push(channel, panel, registerRunCommand(client, panel, new SegmentOutput(channel)));
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
