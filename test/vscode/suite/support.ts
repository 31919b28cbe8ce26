/**
 * The contract the extension-host suite checks (ids, titles, seed example) and helpers for
 * waiting on a language server that answers asynchronously.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'segments-as-code.segment-language';
export const LANGUAGE_ID = 'segment';
export const RUN_COMMAND = 'segment.runAgainstSampleProfiles';
/** How the command appears in the palette: `category: title` from package.json. */
export const RUN_COMMAND_PALETTE_TITLE = 'Segment: Run Against Sample Profiles';
export const RUN_LENS_TITLE_PREFIX = '▶ Run against sample';

/** The seed example: a file of examples/ and a segment in it. */
export const SEED_FILE = 'sneakers.segment';
export const SEED_SEGMENT = 'sneaker_abandoners';
/** The bundled sample dataset has at least this many profiles. */
export const MIN_SAMPLE_PROFILES = 500;
/** The number of sample profiles `sneaker_abandoners` matches (test/engine/golden/sneaker_abandoners.json). */
export const EXPECTED_SEED_MATCHED: number | undefined = 31;
/** The size of the bundled sample dataset (scripts/generate-sample.mjs). */
export const EXPECTED_SAMPLE_TOTAL: number | undefined = 520;
/** What hover on `person.birthYear` must name as its type. */
export const BIRTH_YEAR_TYPE = /\b(integer|int|number)\b/i;
/** Fields that completion after `person.` must offer (from the bundled XDM profile schema). */
export const PERSON_FIELDS = ['birthYear', 'name', 'gender'];

let activation: Promise<vscode.Extension<unknown>> | undefined;

/**
 * The extension, activated. `SEGMENT_TEST_EXPECT_EXTENSION_PATH` (set by the runner) says where it
 * must have been loaded from: the source folder, or the extensions folder a `.vsix` was installed into.
 */
export function activatedExtension(): Promise<vscode.Extension<unknown>> {
    activation ??= (async () => {
        const extension = await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID), {
            timeoutMs: 20_000,
            what: `extension ${EXTENSION_ID} to be registered`,
        });
        await extension.activate();
        return extension;
    })();
    return activation;
}

export interface WaitOptions {
    timeoutMs?: number;
    intervalMs?: number;
    /** Names what is awaited in the timeout message; a function is called at the timeout, to show the state then. */
    what: string | (() => string);
}

/**
 * Polls `probe` until it returns a truthy value (returned) or the time is up. The error names what
 * was awaited and the last value seen, so a failure says more than "timed out".
 */
export async function waitFor<T>(probe: () => T | undefined | null | false | Thenable<T | undefined | null | false>, options: WaitOptions): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    let last: unknown;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value) {
                return value;
            }
            last = value;
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > deadline) {
            const detail = lastError !== undefined ? `last error: ${String(lastError)}` : `last value: ${JSON.stringify(last)}`;
            const what = typeof options.what === 'function' ? options.what() : options.what;
            throw new Error(`timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${what} (${detail})`);
        }
        await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 200));
    }
}

export function workspaceRoot(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open (the runner opens a copy of examples/)');
    return folder.uri;
}

/** Finds a file of the workspace by name, wherever it is in the examples tree. */
export async function findWorkspaceFile(name: string): Promise<vscode.Uri> {
    const found = await vscode.workspace.findFiles(`**/${name}`, '**/node_modules/**', 2);
    assert.ok(found.length > 0, `${name} is not in the workspace (examples/ must contain it)`);
    return found[0];
}

/** Writes `text` to `name` at the workspace root and opens it in an editor. */
export async function openNewFile(name: string, text: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.joinPath(workspaceRoot(), name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
}

export async function openFile(uri: vscode.Uri): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Replaces the whole text of a document through a WorkspaceEdit, as an edit from another tool would. */
export async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit refused the edit');
}

/** A diagnostic's code as a string (`code` may be a string, a number or `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    if (code === undefined) {
        return '';
    }
    return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
    return JSON.stringify(diagnostics.map(diagnostic => ({
        code: codeOf(diagnostic),
        severity: vscode.DiagnosticSeverity[diagnostic.severity],
        line: diagnostic.range.start.line,
        message: diagnostic.message,
    })));
}

/** The plain text of a hover's contents, whatever form they take. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
    return hovers.flatMap(hover => hover.contents).map(content => {
        if (typeof content === 'string') {
            return content;
        }
        return content.value;
    }).join('\n');
}

export function completionLabels(list: vscode.CompletionList | undefined): string[] {
    return (list?.items ?? []).map(item => typeof item.label === 'string' ? item.label : item.label.label);
}
