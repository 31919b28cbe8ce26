/** The Test Explorer: the workspace's `test` declarations are listed, run from VS Code's testing commands, and pass or fail. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SegmentExtensionApi } from '../../../src/extension/main.js';
import { test } from './harness.js';
import { activatedExtension, findWorkspaceFile, openFile, openNewFile, SEED_FILE, waitFor } from './support.js';

/** The test of examples/sneakers.segment. */
const SEED_TEST = 'searched_without_buying_matches';

async function testController(): Promise<SegmentExtensionApi['tests']> {
    const extension = await activatedExtension();
    const api = extension.exports as SegmentExtensionApi | undefined;
    assert.ok(api?.tests, 'the extension exports no test controller');
    return api.tests;
}

/** The Test Explorer item of a test, once the controller lists it. */
async function testItem(tests: SegmentExtensionApi['tests'], uri: vscode.Uri, name: string): Promise<vscode.TestItem> {
    return waitFor(() => tests.controller.items.get(uri.toString())?.children.get(`${uri.toString()}#${name}`), {
        timeoutMs: 30_000,
        what: () => {
            const listed: string[] = [];
            tests.controller.items.forEach(file => listed.push(`${file.label} (${file.children.size})`));
            return `test ${name} of ${uri.path} in the Test Explorer (listed: ${listed.join(', ') || 'nothing'})`;
        },
    });
}

/** Puts the cursor inside the test and runs VS Code's "Run Test at Cursor", as a user would. */
async function runAtCursor(uri: vscode.Uri, item: vscode.TestItem): Promise<void> {
    const editor = await openFile(uri);
    const position = item.range!.start.translate(1, 4);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('testing.runAtCursor');
}

test(`the Test Explorer lists ${SEED_TEST} and runs it: passed`, async () => {
    const tests = await testController();
    const uri = await findWorkspaceFile(SEED_FILE);
    const item = await testItem(tests, uri, SEED_TEST);
    assert.equal(item.description, 'sneaker_abandoners');
    await runAtCursor(uri, item);
    const outcome = await waitFor(() => tests.outcomes.get(item.id), { timeoutMs: 60_000, what: `an outcome for ${SEED_TEST}` });
    console.log(`[suite]   ${SEED_TEST}: ${outcome.status} (${outcome.summary})`);
    assert.equal(outcome.status, 'passed', outcome.message);
}, 120_000);

test('a wrong expectation fails in the Test Explorer with expected vs got and the explanation', async () => {
    const tests = await testController();
    const editor = await openNewFile('wrong-expectation.segment', [
        'test wrong_expectation {',
        '    segment: sneaker_abandoners',
        '    now: "2026-11-01T12:00:00Z"',
        '    profile: { "_id": "buyer", "xEvent": [{ "eventType": "commerce.purchases", "timestamp": "2026-10-28T10:00:00Z" }] }',
        '    expect: match',
        '}',
        '',
    ].join('\n'));
    const uri = editor.document.uri;
    const item = await testItem(tests, uri, 'wrong_expectation');
    await runAtCursor(uri, item);
    const outcome = await waitFor(() => tests.outcomes.get(item.id), { timeoutMs: 60_000, what: 'an outcome for wrong_expectation' });
    console.log(`[suite]   wrong_expectation: ${outcome.status} (${outcome.summary})`);
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.expected, 'match');
    assert.equal(outcome.actual, 'no match');
    assert.match(outcome.message, /profile buyer: expected match, got no match/u);
    assert.match(outcome.message, /why it did not match:\n\s+✗ select X from xEvent/u);
}, 120_000);

test('with segment.testing.showUncoveredClauses on, clauses the tests never made false are underlined', async () => {
    const extension = await activatedExtension();
    const api = extension.exports as SegmentExtensionApi;
    const uri = await findWorkspaceFile('loyalty.segment');
    await openFile(uri);
    await vscode.workspace.getConfiguration().update('segment.testing.showUncoveredClauses', true, vscode.ConfigurationTarget.Workspace);
    try {
        // examples/loyalty.segment's tests never make `consents.marketing.email.val = "y"` false (both profiles consent).
        const shown = await waitFor(() => (api.coverage.shown.get(uri.toString()) ?? []).find(d => d.hover.includes('never false')), {
            timeoutMs: 60_000, what: () => `an uncovered-clause decoration in loyalty.segment (now: ${JSON.stringify(api.coverage.shown.get(uri.toString()))})`,
        });
        const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri.toString())!;
        console.log(`[suite]   decorated: "${editor.document.getText(shown.range)}": ${shown.hover}`);
        assert.equal(editor.document.getText(shown.range), 'consents.marketing.email.val = "y"');
    } finally {
        await vscode.workspace.getConfiguration().update('segment.testing.showUncoveredClauses', undefined, vscode.ConfigurationTarget.Workspace);
    }
}, 120_000);
