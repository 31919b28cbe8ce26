import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { SERVER_EXEC_ARGV } from '../shared/segment-server-launch.js';


/**
 * Starts the Segment language server over IPC. The server is told about changes to what it reads
 * besides open documents: the project config, schema files and closed `.segment` files (for
 * `inSegment` references), and the `segment.*` settings.
 */
export async function startSegmentClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
    const module = context.asAbsolutePath(path.join('out', 'language', 'main.cjs'));
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
    };
    const watchers = ['**/segment.config.json', '**/*.schema.json', '**/*.segment']
        .map(glob => vscode.workspace.createFileSystemWatcher(glob));
    context.subscriptions.push(...watchers);
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'segment' }, { scheme: 'untitled', language: 'segment' }],
        synchronize: {
            // Deprecated in favour of the pull model, but still the simplest way to push `segment.*`
            // to the server on every change; Langium's ConfigurationProvider reads it either way.
            configurationSection: 'segment',
            fileEvents: watchers,
        },
    };
    const client = new LanguageClient('segment', 'Segment Language Server', serverOptions, clientOptions);
    await client.start();
    return client;
}
