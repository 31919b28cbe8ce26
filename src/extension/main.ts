import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { startSegmentClient } from './segment-client.js';
import { OUTPUT_CHANNEL_NAME, SegmentOutput } from './segment-output.js';
import { registerClauseHints } from './segment-clause-hints-provider.js';
import { SegmentResultsPanel } from './results/segment-results-panel.js';
import { registerRunCommand } from './segment-run-command.js';
import { SegmentCoverageDecorations } from './segment-coverage-decorations.js';
import { registerGenerateCommand } from './segment-generate-command.js';
import { SegmentTestController } from './segment-test-controller.js';
import { registerWalkthroughCommands } from './segment-walkthrough.js';

let client: LanguageClient | undefined;

/** What the extension exports to other extensions (and to its own extension-host tests). */
export interface SegmentExtensionApi {
    tests: SegmentTestController;
    coverage: SegmentCoverageDecorations;
}

/** Starts the language server (IPC) and registers the run command, its results panel and output channel, and the Test Explorer. */
export async function activate(context: vscode.ExtensionContext): Promise<SegmentExtensionApi> {
    client = await startSegmentClient(context);
    const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
    const panel = new SegmentResultsPanel(client, context.extensionUri);
    const tests = new SegmentTestController(client);
    const coverage = new SegmentCoverageDecorations(client);
    context.subscriptions.push(channel, panel, registerClauseHints(panel), registerRunCommand(client, panel, new SegmentOutput(channel)), registerWalkthroughCommands(context), tests, coverage, registerGenerateCommand(client));
    void tests.refresh();
    void coverage.refresh();
    return { tests, coverage };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
