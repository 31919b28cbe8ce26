#!/usr/bin/env node
// `npm run fuzz`: bundles the TypeScript harness (test/fuzz/main.ts) with esbuild into out/fuzz/ and runs it.
// The language server and the CLI it drives are the bundles `npm run build` made in out/.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = path.join(root, 'out', 'fuzz', 'main.mjs');
await esbuild.build({
    entryPoints: [path.join(root, 'test', 'fuzz', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // vscode-jsonrpc is CommonJS inside; give the ESM bundle a `require`.
    banner: { js: "import { createRequire as __fuzzCreateRequire } from 'node:module'; const require = __fuzzCreateRequire(import.meta.url);" },
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
