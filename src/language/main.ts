import * as path from 'node:path';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { guardConnection } from './segment-fault-barrier.js';
import { createSegmentServices } from './segment-module.js';
import { SegmentNodeFileSystem } from './workspace/segment-node-file-system.js';
import { SegmentConfigDiagnostics } from './lsp/segment-config-diagnostics.js';
import { createRunEnvironment } from './evaluation/segment-run-environment.js';
import { SegmentNodeModule } from './evaluation/segment-run-clock-node.js';
import { registerRunRequests } from './evaluation/segment-run-handler.js';
import { registerTestRequests } from './evaluation/segment-test-handler.js';
import { registerGenerateRequest } from './evaluation/segment-generate-handler.js';
import { WorkerEvaluator } from './evaluation/segment-worker-evaluator.js';

// `createConnection` picks the transport from the command line: `--stdio` for editors such as neovim, IPC for VS Code.
const connection = createConnection(ProposedFeatures.all);

// An internal failure must not take the editor's language support down: log it once per message and keep serving.
const reported = new Set<string>();
const logOnce = (error: unknown): void => {
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    if (!reported.has(message)) {
        reported.add(message);
        connection.console.error(`Segment language server: internal error (the server keeps running): ${message}`);
    }
};
process.on('uncaughtException', logOnce);
process.on('unhandledRejection', logOnce);

const guarded = guardConnection(connection, message => connection.console.error(message));
const { shared, Segment } = createSegmentServices({ connection: guarded, ...SegmentNodeFileSystem }, SegmentNodeModule);
startLanguageServer(shared);
// After the schema provider's listener (created with the services), so the configs are loaded when it publishes.
new SegmentConfigDiagnostics(shared, Segment.schema.SchemaProvider);
// Node-only: running segments reads datasets from disk, so the language module does not import it.
// On the raw connection: the run answers with refusals, and an unexpected failure must reach the
// user as an error rather than as the fault barrier's empty result.
// Runs, explanations, tests, coverage and generated profiles evaluate in a worker thread
// (out/language/evaluation-worker.cjs, bundled next to this file), so a long evaluation never keeps
// hover, completion or its own cancellation from being answered.
const evaluator = new WorkerEvaluator(path.join(__dirname, 'evaluation-worker.cjs'));
registerRunRequests(connection, shared, { ...createRunEnvironment(Segment), evaluator });
registerTestRequests(connection, shared, evaluator);
registerGenerateRequest(connection, shared, evaluator);
