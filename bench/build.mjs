// Bundles the TypeScript benchmark entries into bench/out/*.mjs (ESM, Node 20) with esbuild.
import * as esbuild from 'esbuild';

export const ENTRIES = ['lsp', 'evaluator', 'e2e', 'sql', 'bigfile'];

export async function buildBench(entries = ENTRIES) {
    await esbuild.build({
        entryPoints: Object.fromEntries(entries.map(name => [name, `bench/${name}.ts`])),
        outdir: 'bench/out',
        outExtension: { '.js': '.mjs' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        sourcemap: true,
        logLevel: 'warning',
        // A native module: loaded from node_modules at run time.
        external: ['@duckdb/node-api'],
        // Langium and vscode-jsonrpc are CommonJS inside; give the ESM bundle a `require`.
        banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
    await buildBench(process.argv.slice(2).length ? process.argv.slice(2) : ['lsp']);
}
