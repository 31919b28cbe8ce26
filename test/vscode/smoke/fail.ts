/**
 * Smoke suite for the harness itself: one test fails on purpose, so the run must exit with 1.
 * `run-code-server.mjs --self-test` checks that a failing suite is reported as a failure.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runRegisteredTests, test } from '../suite/harness.js';

test('a passing test before the failing one', () => {
    assert.ok(vscode.version.length > 0);
});

test('a deliberately failing test', () => {
    assert.equal(vscode.version, '0.0.0-deliberately-wrong');
});

export async function run(): Promise<void> {
    await runRegisteredTests('harness smoke (deliberately failing)');
}
