/** "Run against sample profiles": the command's result and the code lens that runs it. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness.js';
import {
    activatedExtension, EXPECTED_SAMPLE_TOTAL, EXPECTED_SEED_MATCHED, findWorkspaceFile, MIN_SAMPLE_PROFILES, openFile,
    RUN_COMMAND, RUN_LENS_TITLE_PREFIX, SEED_FILE, SEED_SEGMENT, waitFor,
} from './support.js';

interface RunResult {
    matched: number;
    total: number;
    [key: string]: unknown;
}

test(`${RUN_COMMAND} on ${SEED_SEGMENT} returns { matched > 0, total >= ${MIN_SAMPLE_PROFILES} }`, async () => {
    await activatedExtension();
    const uri = await findWorkspaceFile(SEED_FILE);
    await openFile(uri);
    const result = await vscode.commands.executeCommand<RunResult | undefined>(RUN_COMMAND, { uri: uri.toString(), segmentId: SEED_SEGMENT });
    assert.ok(result && typeof result === 'object', `the command returned ${JSON.stringify(result)}, not an object`);
    console.log(`[suite]   ${SEED_SEGMENT}: matched ${result.matched} of ${result.total}; result keys: ${Object.keys(result).join(', ')}`);
    assert.equal(typeof result.matched, 'number', 'result.matched must be a number');
    assert.equal(typeof result.total, 'number', 'result.total must be a number');
    assert.ok(result.matched > 0, `no sample profile matched ${SEED_SEGMENT}`);
    assert.ok(result.total >= MIN_SAMPLE_PROFILES, `only ${result.total} sample profiles; expected at least ${MIN_SAMPLE_PROFILES}`);
    assert.ok(result.matched <= result.total, 'more profiles matched than exist');
    if (EXPECTED_SEED_MATCHED !== undefined) {
        assert.equal(result.matched, EXPECTED_SEED_MATCHED, 'the pinned match count changed');
    }
    if (EXPECTED_SAMPLE_TOTAL !== undefined) {
        assert.equal(result.total, EXPECTED_SAMPLE_TOTAL, 'the pinned dataset size changed');
    }
}, 120_000);

test(`a code lens "${RUN_LENS_TITLE_PREFIX}…" is shown on the segments of ${SEED_FILE}`, async () => {
    await activatedExtension();
    const uri = await findWorkspaceFile(SEED_FILE);
    await openFile(uri);
    let titles: string[] = [];
    const lenses = await waitFor(async () => {
        // The second argument resolves up to that many lenses, so their commands are filled in.
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
        titles = (found ?? []).map(lens => lens.command?.title ?? '(unresolved)');
        const runLenses = (found ?? []).filter(lens => lens.command?.title.startsWith(RUN_LENS_TITLE_PREFIX));
        return runLenses.length > 0 && runLenses;
    }, { timeoutMs: 30_000, what: () => `a "${RUN_LENS_TITLE_PREFIX}" lens (lenses now: ${JSON.stringify(titles)})` });
    console.log(`[suite]   ${lenses.length} run lenses; first: ${JSON.stringify({ title: lenses[0].command?.title, command: lenses[0].command?.command, arguments: lenses[0].command?.arguments })}`);
});

test(`after a run, ${SEED_FILE} shows the last run's count of each top-level clause as inlay hints`, async () => {
    await activatedExtension();
    const uri = await findWorkspaceFile(SEED_FILE);
    const editor = await openFile(uri);
    const result = await vscode.commands.executeCommand<RunResult | undefined>(RUN_COMMAND, { uri: uri.toString(), segmentId: SEED_SEGMENT });
    assert.ok(result, 'the run returned nothing');
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    let labels: string[] = [];
    await waitFor(async () => {
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole);
        labels = (hints ?? []).map(hint => typeof hint.label === 'string' ? hint.label : hint.label.map(part => part.value).join(''));
        return labels.some(label => label.split(' · ').includes(`${result.matched} / ${result.total}`));
    }, { timeoutMs: 30_000, what: () => `an inlay hint "${result.matched} / ${result.total}" (hints now: ${JSON.stringify(labels)})` });
    console.log(`[suite]   inlay hints: ${JSON.stringify(labels)}`);
});
