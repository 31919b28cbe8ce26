/** The extension loads from the expected place, claims `.segment` files and contributes its command. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness.js';
import {
    activatedExtension, EXTENSION_ID, findWorkspaceFile, LANGUAGE_ID, openNewFile, RUN_COMMAND,
    RUN_COMMAND_PALETTE_TITLE, SEED_FILE,
} from './support.js';

test(`the extension ${EXTENSION_ID} is present and activates`, async () => {
    const extension = await activatedExtension();
    assert.ok(extension.isActive, 'extension.activate() resolved but isActive is false');
    console.log(`[suite] VS Code ${vscode.version}; ${EXTENSION_ID} ${String(extension.packageJSON.version)} loaded from ${extension.extensionPath}`);
    const expected = process.env.SEGMENT_TEST_EXPECT_EXTENSION_PATH;
    if (expected) {
        const loadedFrom = extension.extensionPath;
        assert.ok(loadedFrom === expected || loadedFrom.startsWith(`${expected}/`),
            `the extension was loaded from ${loadedFrom}, expected ${expected} (source vs installed .vsix mix-up)`);
    }
});

test(`the language id ${LANGUAGE_ID} is assigned to *.segment files`, async () => {
    await activatedExtension();
    assert.ok((await vscode.languages.getLanguages()).includes(LANGUAGE_ID), `no language ${LANGUAGE_ID} is registered`);
    const seed = await vscode.workspace.openTextDocument(await findWorkspaceFile(SEED_FILE));
    assert.equal(seed.languageId, LANGUAGE_ID, `${SEED_FILE} opened as ${seed.languageId}`);
    const fresh = await openNewFile('language-probe.segment', 'segment probe {\n    where: person.birthYear > 1990\n}\n');
    assert.equal(fresh.document.languageId, LANGUAGE_ID, `a new .segment file opened as ${fresh.document.languageId}`);
});

test(`the command ${RUN_COMMAND} is registered as "${RUN_COMMAND_PALETTE_TITLE}"`, async () => {
    const extension = await activatedExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(RUN_COMMAND), `${RUN_COMMAND} is not among the ${commands.length} registered commands`);
    const contributed = (extension.packageJSON.contributes?.commands ?? []) as Array<{ command: string; title: string; category?: string }>;
    const entry = contributed.find(command => command.command === RUN_COMMAND);
    assert.ok(entry, `package.json contributes no entry for ${RUN_COMMAND}`);
    const paletteTitle = entry.category ? `${entry.category}: ${entry.title}` : entry.title;
    assert.equal(paletteTitle, RUN_COMMAND_PALETTE_TITLE);
});
