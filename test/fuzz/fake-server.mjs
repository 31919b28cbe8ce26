// A stand-in language server for the harness's own tests (test/fuzz/fuzz.test.ts): it answers like a
// healthy server except for the one fault named on its command line, so a test can check that the
// harness notices that fault.
//   node fake-server.mjs <fault>   fault: none | drop-highlight | crash-on-third-document | log-internal-error
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const fault = process.argv[2] ?? 'none';
const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
let documents = 0;

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
    if (fault === 'log-internal-error') {
        void connection.sendNotification('window/logMessage', { type: 1, message: 'Segment language server: internal error (the server keeps running): TypeError: boom' });
    }
    void connection.sendNotification('textDocument/publishDiagnostics', { uri: params.textDocument.uri, diagnostics: [] });
};
connection.onNotification('textDocument/didOpen', edited);
connection.onNotification('textDocument/didChange', edited);
connection.onNotification(() => undefined);
connection.listen();
