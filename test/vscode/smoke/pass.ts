/**
 * Smoke suite for the harness itself (no extension needed): passes on VS Code 1.100.x, the version
 * inside code-server 4.100.3. `run-code-server.mjs --self-test` expects exit code 0 from it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runRegisteredTests, test } from '../suite/harness.js';

test('the extension host runs VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `vscode.version is ${vscode.version}`);
});

test('the workspace folder is open', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
});

export async function run(): Promise<void> {
    await runRegisteredTests('harness smoke (passing)');
}
