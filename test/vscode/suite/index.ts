/**
 * The extension-host suite, in the shape @vscode/test-electron and VS Code's browser test mechanism
 * load as `extensionTestsPath`: a module exporting `run()`. Bundled to out/test/suite.cjs by
 * test/vscode/build-suite.mjs; run by test/vscode/run-code-server.mjs (here) or
 * test/vscode/electron-runner.mjs (machines with internet).
 */
import { runRegisteredTests } from './harness.js';
import './activation.js';
import './diagnostics.js';
import './editing.js';
import './run-command.js';
import './test-explorer.js';
import './generate-profile.js';

export async function run(): Promise<void> {
    await runRegisteredTests('segment extension (real VS Code)');
}
