/** Schema-driven completion and hover, and the formatter, through VS Code's provider commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness.js';
import {
    activatedExtension, BIRTH_YEAR_TYPE, codeOf, completionLabels, describeDiagnostics, hoverText, openNewFile,
    PERSON_FIELDS, waitFor,
} from './support.js';

const FORMAT_OPTIONS: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
const BADLY_FORMATTED = 'segment   formatProbe{where:person.birthYear>1990   and   person.gender="female"}\n';

test(`completion after "person." offers ${PERSON_FIELDS.join(', ')}`, async () => {
    await activatedExtension();
    const line = '    where: person.';
    const editor = await openNewFile('completion-probe.segment', `segment completionProbe {\n${line}\n}\n`);
    const position = new vscode.Position(1, line.length);
    let labels: string[] = [];
    await waitFor(async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider', editor.document.uri, position, '.');
        labels = completionLabels(list);
        return PERSON_FIELDS.every(field => labels.includes(field));
    }, { timeoutMs: 30_000, what: () => `completion items ${PERSON_FIELDS.join(', ')} (got: ${labels.slice(0, 40).join(', ')})` });
});

test('hover on person.birthYear shows its type', async () => {
    await activatedExtension();
    const line = '    where: person.birthYear > 1990';
    const editor = await openNewFile('hover-probe.segment', `segment hoverProbe {\n${line}\n}\n`);
    const position = new vscode.Position(1, line.indexOf('birthYear') + 3);
    let text = '';
    await waitFor(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
        text = hoverText(hovers ?? []);
        return BIRTH_YEAR_TYPE.test(text);
    }, { timeoutMs: 30_000, what: () => `a hover naming the type ${BIRTH_YEAR_TYPE} (got: ${JSON.stringify(text)})` });
    console.log(`[suite]   hover: ${JSON.stringify(text.slice(0, 200))}`);
});

async function formattingEdits(uri: vscode.Uri): Promise<vscode.TextEdit[]> {
    return (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, FORMAT_OPTIONS)) ?? [];
}

async function applyEdits(uri: vscode.Uri, edits: vscode.TextEdit[]): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit refused the formatting edits');
}

test('formatting a badly formatted file returns edits, and formatting again returns none', async () => {
    await activatedExtension();
    const editor = await openNewFile('format-probe.segment', BADLY_FORMATTED);
    const uri = editor.document.uri;
    const edits = await waitFor(async () => {
        const found = await formattingEdits(uri);
        return found.length > 0 && found;
    }, { timeoutMs: 30_000, what: 'formatting edits for a badly formatted file' });
    await applyEdits(uri, edits);
    const formatted = editor.document.getText();
    console.log(`[suite]   formatted: ${JSON.stringify(formatted)}`);
    assert.notEqual(formatted, BADLY_FORMATTED, 'the formatting edits changed nothing');
    assert.equal(formatted.replace(/\s+/g, ''), BADLY_FORMATTED.replace(/\s+/g, ''), 'formatting changed more than white space');
    // The server answers for the version it has; give it the edited text before asking again.
    await new Promise(resolve => setTimeout(resolve, 500));
    const again = await formattingEdits(uri);
    assert.deepEqual(again.map(edit => ({ range: edit.range, newText: edit.newText })), [], 'formatting is not idempotent');
    const errors = vscode.languages.getDiagnostics(uri).filter(diagnostic => codeOf(diagnostic).startsWith('syntax/'));
    assert.equal(errors.length, 0, `the formatted text has syntax errors: ${describeDiagnostics(errors)}`);
    await editor.document.save();
});
