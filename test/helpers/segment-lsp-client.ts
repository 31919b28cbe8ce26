import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_BUNDLE = path.resolve('out/language/main.cjs');

/** The bundled language server over stdio, driven by a plain JSON-RPC client (no VS Code involved). */
export class StdioLspClient {
    readonly connection: MessageConnection;
    private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
    private readonly waiters: Array<() => void> = [];
    readonly stderr: string[] = [];

    private constructor(readonly process: ChildProcess) {
        this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        process.stderr!.on('data', chunk => this.stderr.push(String(chunk)));
        this.connection.listen();
    }

    /** `nodeArgs`: options for the server's Node process (the heap budget the editor gives it, say). */
    static async start(rootFolder?: string, nodeArgs: readonly string[] = []): Promise<StdioLspClient> {
        if (!existsSync(SERVER_BUNDLE)) {
            throw new Error(`${SERVER_BUNDLE} is missing: run 'npm run build' first.`);
        }
        const client = new StdioLspClient(spawn(process.execPath, [...nodeArgs, SERVER_BUNDLE, '--stdio'], { stdio: 'pipe' }));
        const rootUri = rootFolder ? pathToFileURL(rootFolder).toString() : null;
        await client.connection.sendRequest('initialize', {
            processId: process.pid, rootUri, capabilities: { workspace: { configuration: true } },
            workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
        });
        await client.connection.sendNotification('initialized', {});
        return client;
    }

    open(uri: string, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'segment', version: 1, text } });
    }

    change(uri: string, version: number, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** The diagnostics last published for `uri`, if any were. */
    latest(uri: string): PublishDiagnosticsParams | undefined {
        return this.diagnostics.get(uri);
    }

    /** Waits until diagnostics for `uri` satisfy `accept`. */
    async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeout = 10_000): Promise<PublishDiagnosticsParams> {
        const deadline = Date.now() + timeout;
        for (;;) {
            const current = this.diagnostics.get(uri);
            if (current && accept(current)) {
                return current;
            }
            if (Date.now() > deadline) {
                throw new Error(`No matching diagnostics for ${uri} within ${timeout} ms; got ${JSON.stringify(current)}`);
            }
            await new Promise<void>(resolve => {
                this.waiters.push(resolve);
                setTimeout(resolve, 200);
            });
        }
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } finally {
            this.connection.dispose();
            this.process.kill();
        }
    }
}
