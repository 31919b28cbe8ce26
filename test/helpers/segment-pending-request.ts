import { expect } from 'vitest';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import type { StdioLspClient } from './segment-lsp-client.js';

/**
 * Sends a request whose evaluation takes minutes, asks for hover and completion on
 * `person.birthYear` (which `text`, the open document `uri`, must contain) while it is pending,
 * expects both answered before the request settles, then cancels it and expects RequestCancelled
 * (-32800). A server that evaluated on its own thread answered nothing until the evaluation ended.
 */
export async function expectAnsweredWhilePending(client: StdioLspClient, uri: string, text: string, method: string, params: object): Promise<void> {
    const source = new CancellationTokenSource();
    let settled = false;
    const pending = client.connection.sendRequest<unknown>(method, params, source.token);
    void pending.then(() => { settled = true; }, () => { settled = true; });
    // Give the request time to reach the evaluation (the old server then answered nothing else).
    await new Promise(resolve => setTimeout(resolve, 1_000));

    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('person.birthYear'));
    const [hover, completion] = await Promise.all([
        client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('birthYear') + 2 } }),
        client.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].indexOf('person.') + 'person.'.length } }),
    ]);
    expect(JSON.stringify(hover?.contents)).toContain('birthYear');
    expect(completion?.items.map(i => i.label)).toContain('birthYear');
    // Both answered while the request is still evaluating.
    expect(settled).toBe(false);

    source.cancel();
    await expect(pending).rejects.toMatchObject({ code: -32800 });
}
