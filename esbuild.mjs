// Bundles the extension client, the language server and the CLI into out/ (CommonJS, Node 20).
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const options = {
    entryPoints: {
        'extension/main': 'src/extension/main.ts',
        'language/main': 'src/language/main.ts',
        // The server's evaluation thread (src/language/evaluation/segment-worker-evaluator.ts).
        'language/evaluation-worker': 'src/language/evaluation/segment-evaluation-worker.ts',
        'cli/main': 'src/cli/main.ts',
    },
    outdir: 'out',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // DuckDB's native binary is loaded at run time from node_modules (the CLI); the .vsix runs without it (docs/sql.md).
    external: ['vscode', '@duckdb/node-api'],
    loader: { '.ts': 'ts' },
    sourcemap: !minify,
    minify,
    logLevel: 'warning',
    // `segment --version` (src/cli/main.ts).
    define: { SEGMENT_VERSION: JSON.stringify(version) },
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
} else {
    await esbuild.build(options);
}
