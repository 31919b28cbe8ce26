/** Syntax errors reach VS Code's diagnostics with `syntax/…` codes and go away once fixed. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness.js';
import { activatedExtension, codeOf, describeDiagnostics, openNewFile, replaceAll, waitFor } from './support.js';

const BROKEN = 'segment broken { where: person.birthYear > }\n';
const FIXED = 'segment broken { where: person.birthYear > 1990 }\n';

test('a syntax error yields syntax/ diagnostics, which disappear once the text is fixed', async () => {
    await activatedExtension();
    const editor = await openNewFile('broken.segment', BROKEN);
    const uri = editor.document.uri;
    const reported = await waitFor(() => {
        const diagnostics = vscode.languages.getDiagnostics(uri);
        return diagnostics.some(diagnostic => codeOf(diagnostic).startsWith('syntax/')) && diagnostics;
    }, { timeoutMs: 30_000, what: () => `syntax/ diagnostics on ${uri.toString()} (diagnostics now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))})` });
    console.log(`[suite]   diagnostics of the broken file: ${describeDiagnostics(reported)}`);
    const syntax = reported.filter(diagnostic => codeOf(diagnostic).startsWith('syntax/'));
    assert.ok(syntax.every(diagnostic => diagnostic.severity === vscode.DiagnosticSeverity.Error), 'syntax diagnostics must be errors');
    assert.ok(syntax.every(diagnostic => diagnostic.range.start.line === 0), 'the syntax error is on the first line');

    await replaceAll(editor.document, FIXED);
    await waitFor(() => !vscode.languages.getDiagnostics(uri).some(diagnostic =>
        codeOf(diagnostic).startsWith('syntax/') || diagnostic.severity === vscode.DiagnosticSeverity.Error), {
        timeoutMs: 30_000,
        what: () => `the errors to disappear after the fix (diagnostics now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))})`,
    });
    const remaining = vscode.languages.getDiagnostics(uri);
    if (remaining.length > 0) {
        console.log(`[suite]   non-error diagnostics left on the fixed file: ${describeDiagnostics(remaining)}`);
    }
    await editor.document.save();
});
