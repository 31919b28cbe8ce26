#!/usr/bin/env node
// Runs the same extension-host suite (out/test/suite.cjs) in desktop VS Code through
// @vscode/test-electron, for machines with internet: it downloads VS Code on first use (into
// .vscode-test/). On the project's offline machines that download fails; use
// run-code-server.mjs there. Build first: `npm run build && node test/vscode/build-suite.mjs`.
//
//   node test/vscode/electron-runner.mjs [--version 1.100.3] [--grep REGEX]
// Set VSCODE_EXECUTABLE to use an installed VS Code instead of downloading one.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: options } = parseArgs({
    options: {
        // The engine the extension declares is ^1.82; 1.100.3 is what the code-server runner tests.
        version: { type: 'string', default: process.env.VSCODE_VERSION ?? '1.100.3' },
        grep: { type: 'string' },
    },
});

const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'suite.cjs');
for (const required of [path.join(repoRoot, 'out', 'extension', 'main.cjs'), extensionTestsPath]) {
    if (!existsSync(required)) {
        console.error(`[electron-runner] ${path.relative(repoRoot, required)} is missing: run \`npm run build && node test/vscode/build-suite.mjs\``);
        process.exit(1);
    }
}

// The suite writes probe files into the workspace: give it a copy of examples/.
const runDir = mkdtempSync(path.join(os.tmpdir(), 'segment-electron-'));
const workspace = path.join(runDir, 'workspace');
cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });

let exitCode = 1;
try {
    exitCode = await runTests({
        version: options.version,
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath,
        launchArgs: [
            workspace,
            '--disable-extensions', // other installed extensions stay out; the one under development still loads
            '--disable-workspace-trust',
            '--skip-welcome',
            '--skip-release-notes',
            '--user-data-dir', path.join(runDir, 'user-data'),
        ],
        extensionTestsEnv: {
            SEGMENT_TEST_EXPECT_EXTENSION_PATH: repoRoot,
            SEGMENT_TEST_REPORT: path.join(repoRoot, 'test-output', 'vscode', 'electron-suite-report.json'),
            ...(options.grep ? { SEGMENT_TEST_GREP: options.grep } : {}),
        },
    });
} catch (error) {
    console.error(`[electron-runner] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error('[electron-runner] (offline machines cannot download VS Code: use `node test/vscode/run-code-server.mjs`)');
    exitCode = 1;
} finally {
    rmSync(runDir, { recursive: true, force: true });
}
process.exit(exitCode);
