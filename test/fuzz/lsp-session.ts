import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { SERVER_EXEC_ARGV } from '../../src/shared/segment-server-launch.js';


const GC_HOOK = 'gc-hook.cjs';

/** The line gc-hook.cjs writes to stderr after each collection. */
export const GC_DONE = 'segment-fuzz: garbage collected';

/** How long a server may take to answer `initialize` on a loaded machine. */
const STARTUP_MS = 60_000;

/** The bundled server with the extension's heap cap, and a hook that collects garbage on SIGUSR2 (for RSS samples). */
export function bundledServerCommand(root: string): string[] {
    return [process.execPath, ...SERVER_EXEC_ARGV, '--expose-gc', '--require', path.join(root, 'test/fuzz', GC_HOOK),
        path.join(root, 'out/language/main.cjs'), '--stdio'];
}

export interface Diagnostic {
    message: string;
    code?: string | number;
    severity?: number;
}

export interface RequestOutcome {
    method: string;
    /** Milliseconds until the answer, or until the harness gave up. */
    ms: number;
    answered: boolean;
    /** A JSON-RPC error answer (code and message). */
    error?: { code: number; message: string };
}

/**
 * One language server process over stdio: requests with their answer times, the log messages and
 * diagnostics it sends, its exit, and its resident memory.
 */
export class LspSession {
    readonly connection: MessageConnection;
    readonly logs: Array<{ type: number; message: string }> = [];
    readonly stderr: string[] = [];
    private gcReports = 0;
    /** The end of stderr that may hold the start of a GC report split across chunks. */
    private stderrTail = '';
    exit: { code: number | null; signal: string | null } | undefined;
    private readonly published = new Map<string, { seq: number; diagnostics: Diagnostic[] }>();
    private seq = 0;
    private wake: Array<() => void> = [];
    /** Resolved when the process exits: a request pending then is never answered, and waiting for it would only cost the hang limit. */
    private readonly exited: Promise<void>;

    private constructor(readonly process: ChildProcess) {
        this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
            this.published.set(params.uri, { seq: ++this.seq, diagnostics: params.diagnostics });
            this.notify();
        });
        this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => { this.logs.push(params); });
        this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => { this.logs.push(params); });
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onError(() => undefined);
        process.stderr!.on('data', chunk => {
            const text = String(chunk);
            this.stderr.push(text);
            // Counted as it arrives: joining all of stderr per sample outgrew V8's longest string in a
            // 10,000-document run whose server logged an error on every rebuild.
            const scanned = this.stderrTail + text;
            this.gcReports += scanned.split(GC_DONE).length - 1;
            this.stderrTail = scanned.slice(-(GC_DONE.length - 1));
            this.notify();
        });
        this.exited = new Promise(resolve => process.on('exit', (code, signal) => {
            this.exit = { code, signal };
            this.notify();
            resolve();
        }));
        // A dead server's pipe errors are its exit, reported as a crash; not the harness's own failure.
        process.stdin!.on('error', () => undefined);
        this.connection.listen();
    }

    /** Whether the server collects garbage on SIGUSR2 (the bundled server with the hook; a test's fake server would die of it). */
    private collectsOnSignal = false;

    static async start(command: string[], rootFolder: string, timeoutMs = STARTUP_MS): Promise<LspSession> {
        const session = new LspSession(spawn(command[0], command.slice(1), { stdio: 'pipe' }));
        session.collectsOnSignal = command.some(argument => argument.endsWith(GC_HOOK));
        const rootUri = pathToFileURL(rootFolder).toString();
        const initialized = session.connection.sendRequest('initialize', {
            processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'fuzz' }],
            capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
        });
        if (await within(initialized.then(() => true), timeoutMs) !== true) {
            session.kill();
            throw new Error(`The server did not answer 'initialize' within ${timeoutMs} ms`);
        }
        await session.connection.sendNotification('initialized', {});
        return session;
    }

    /** Sequence number of the last diagnostics published (for waiting on the next). */
    get diagnosticsSeq(): number {
        return this.seq;
    }

    diagnosticsOf(uri: string): Diagnostic[] {
        return this.published.get(uri)?.diagnostics ?? [];
    }

    /** The first diagnostics for `uri` published after `afterSeq`, or undefined after `timeoutMs` or an exit. */
    async nextDiagnostics(uri: string, afterSeq: number, timeoutMs: number): Promise<Diagnostic[] | undefined> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const current = this.published.get(uri);
            if (current && current.seq > afterSeq) {
                return current.diagnostics;
            }
            if (this.exit || Date.now() >= deadline) {
                return undefined;
            }
            await new Promise<void>(resolve => {
                this.wake.push(resolve);
                setTimeout(resolve, Math.min(250, deadline - Date.now()));
            });
        }
    }

    notification(method: string, params: object): void {
        if (!this.exit) {
            void this.connection.sendNotification(method, params).catch(() => undefined);
        }
    }

    /** Sends a request and waits for its answer, at most `hangMs` (then cancels it), or until the server exits. */
    async request(method: string, params: object, hangMs: number): Promise<RequestOutcome> {
        const started = Date.now();
        if (this.exit) {
            return { method, ms: 0, answered: false };
        }
        let timer: NodeJS.Timeout | undefined;
        const cancellation = new CancellationTokenSource();
        const answer = this.connection.sendRequest(method, params, cancellation.token).then(
            () => ({ method, ms: Date.now() - started, answered: true }),
            (error: { code?: number; message?: string }) => ({
                method, ms: Date.now() - started, answered: !this.exit,
                error: { code: error?.code ?? 0, message: String(error?.message ?? error) },
            }),
        );
        const gaveUp = new Promise<RequestOutcome>(resolve => {
            timer = setTimeout(() => {
                if (!this.exit) {
                    // Cancelling sends a notification: not on the connection of a server that is gone.
                    cancellation.cancel();
                }
                resolve({ method, ms: Date.now() - started, answered: false });
            }, hangMs);
        });
        const died = this.exited.then((): RequestOutcome => ({ method, ms: Date.now() - started, answered: false }));
        const outcome = await Promise.race([answer, gaveUp, died]);
        clearTimeout(timer);
        return outcome;
    }

    /** Resident set size in bytes (Linux), after the server collected garbage (when it can be asked to). */
    async rss(timeoutMs = 10_000): Promise<number | undefined> {
        if (this.exit || this.process.pid === undefined || process.platform !== 'linux') {
            return undefined;
        }
        if (this.collectsOnSignal) {
            // The hook answers each collection with a line on stderr (gc-hook.cjs): wait for it, not for a fixed time.
            const before = this.collections();
            this.process.kill('SIGUSR2');
            const deadline = Date.now() + timeoutMs;
            while (this.collections() === before && !this.exit && Date.now() < deadline) {
                await new Promise<void>(resolve => {
                    this.wake.push(resolve);
                    setTimeout(resolve, Math.min(250, deadline - Date.now()));
                });
            }
        }
        try {
            const kb = /VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${this.process.pid}/status`, 'utf8'))?.[1];
            return kb ? Number(kb) * 1024 : undefined;
        } catch {
            return undefined;
        }
    }

    /** How many garbage collections the hook reported on stderr. */
    private collections(): number {
        return this.gcReports;
    }

    async stop(): Promise<void> {
        if (!this.exit) {
            await within(this.connection.sendRequest('shutdown').catch(() => undefined), 2_000);
            this.notification('exit', {});
            await within(this.exited, 2_000);
        }
        this.kill();
    }

    kill(): void {
        this.connection.dispose();
        if (!this.exit) {
            this.process.kill('SIGKILL');
        }
    }

    private notify(): void {
        this.wake.splice(0).forEach(wake => wake());
    }
}

/**
 * `promise`'s value, or undefined after `ms`. The timer is cleared as soon as the promise settles:
 * a pending timer kept the harness alive after its report (up to a minute after each restart).
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
        return await Promise.race([promise, new Promise<undefined>(resolve => { timer = setTimeout(() => resolve(undefined), Math.max(0, ms)); })]);
    } finally {
        clearTimeout(timer);
    }
}
