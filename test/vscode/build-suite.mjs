#!/usr/bin/env node
// Bundles the extension-host test suite (and the harness's own smoke suites) into CommonJS modules
// that VS Code loads as `extensionTestsPath`:
//   out/test/suite.cjs        the real suite (test/vscode/suite/index.ts)
//   out/test/smoke-pass.cjs   harness self-test, must exit 0 (test/vscode/smoke/pass.ts)
//   out/test/smoke-fail.cjs   harness self-test, must exit 1 (test/vscode/smoke/fail.ts)
// `vscode` stays external: the extension host provides it.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();

await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: {
        'suite': 'test/vscode/suite/index.ts',
        'smoke-pass': 'test/vscode/smoke/pass.ts',
        'smoke-fail': 'test/vscode/smoke/fail.ts',
    },
    outdir: 'out/test',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
});
console.log(`[build-suite] out/test/suite.cjs, smoke-pass.cjs, smoke-fail.cjs built in ${Date.now() - started} ms`);
