// A stand-in language server for the harness's own tests (test/fuzz/fuzz.test.ts): it answers like a
// healthy server except for the one fault named on its command line, so a test can check that the
// harness notices that fault.
//   node fake-server.mjs <fault>   fault: none | drop-highlight | crash-on-third-document | log-internal-error | leak | warm-up-growth
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const fault = process.argv[2] ?? 'none';
const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
let documents = 0;
/** What the `leak` fault keeps: 4 MB per edit, written so that the pages are resident. */
const leaked = [];

connection.onRequest('initialize', () => ({ capabilities: {} }));
connection.onRequest('shutdown', () => null);
connection.onNotification('exit', () => process.exit(0));
connection.onRequest((method, params) => {
    if (fault === 'drop-highlight' && method === 'textDocument/documentHighlight') {
        return new Promise(() => undefined);
    }
    return null;
});
const edited = params => {
    // The harness's warm-up document is not one of the fuzzed documents.
    documents += params.textDocument.uri.includes('warm-up') ? 0 : 1;
    if (fault === 'crash-on-third-document' && documents === 3) {
        process.exit(3);
    }
    if (fault === 'warm-up-growth' && documents <= 60) {
        // Like a real server's first documents (compiled code, caches, schemas): growth that stops.
        leaked.push(Buffer.alloc(3 * 1024 * 1024, documents));
    }
    if (fault === 'leak') {
        leaked.push(Buffer.alloc(4 * 1024 * 1024, documents));
    }
    if (fault === 'log-internal-error') {
        void connection.sendNotification('window/logMessage', { type: 1, message: 'Segment language server: internal error (the server keeps running): TypeError: boom' });
    }
    void connection.sendNotification('textDocument/publishDiagnostics', { uri: params.textDocument.uri, diagnostics: [] });
};
connection.onNotification('textDocument/didOpen', edited);
connection.onNotification('textDocument/didChange', edited);
// As Langium does for a buffer that leaves the workspace (the harness waits for it before sampling memory).
connection.onNotification('textDocument/didClose', params => {
    void connection.sendNotification('textDocument/publishDiagnostics', { uri: params.textDocument.uri, diagnostics: [] });
});
connection.onNotification(() => undefined);
connection.listen();
