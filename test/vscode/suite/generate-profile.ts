/** "Generate a matching profile": the code action is offered, its command inserts a verified test after the segment. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness.js';
import { activatedExtension, openNewFile, waitFor } from './support.js';

test('"Generate a matching profile" is offered on a segment and inserts a test that matches it', async () => {
    await activatedExtension();
    const editor = await openNewFile('generate-probe.segment', 'segment gold_probe {\n    where: loyalty.tier = "gold" and loyalty.points > 100\n}\n');
    const uri = editor.document.uri;
    const actions = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(1, 12, 1, 12));
        return (found ?? []).filter(a => a.title.startsWith('Generate a matching profile')).length > 0 && found;
    }, { timeoutMs: 30_000, what: 'a "Generate a matching profile" code action' });
    const generate = actions.find(a => a.title.startsWith('Generate a matching profile'))!;
    console.log(`[suite]   code actions: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(generate.command, 'the code action has no command');
    const response = await vscode.commands.executeCommand<{ status: string }>(generate.command.command, ...(generate.command.arguments ?? []));
    assert.equal(response?.status, 'ok', JSON.stringify(response));
    const text = await waitFor(() => editor.document.getText().includes('test gold_probe_matches') && editor.document.getText(), { timeoutMs: 10_000, what: 'the inserted test' });
    console.log(`[suite]   inserted:\n${text.slice(text.indexOf('// Generated'))}`);
    assert.match(text, /"tier": "gold"/u);
    assert.match(text, /expect: match/u);
}, 120_000);
