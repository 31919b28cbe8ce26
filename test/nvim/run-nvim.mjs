#!/usr/bin/env node
// The language server under a second real LSP client: Debian's neovim (0.7.2), headless, through
// test/nvim/check.lua, with the bundled server `node out/language/main.cjs --stdio`.
// Build first (`npm run build`). Uses Debian's neovim unpacked into the tools cache folder by
// test/vscode/install-tools.mjs (never an nvim found on PATH); a machine where that is impossible
// FAILS this check (it is never skipped silently).
//
//   node test/nvim/run-nvim.mjs        exit 0 when every case passed; results in test-output/nvim/
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNeovim } from '../vscode/install-tools.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = path.join(repoRoot, 'out', 'language', 'main.cjs');
const checkLua = path.join(repoRoot, 'test', 'nvim', 'check.lua');
const artifacts = path.join(repoRoot, 'test-output', 'nvim');
const NVIM_TIMEOUT_MS = 60_000;

const CASES = [
    {
        name: 'a syntax error reaches neovim as an error diagnostic with a syntax/ code',
        file: 'broken.segment',
        text: 'segment broken { where: person.birthYear > }\n',
        expect: 'errors',
        verify: (result) => {
            const syntax = result.diagnostics.filter((diagnostic) => String(diagnostic.code ?? '').startsWith('syntax/'));
            assert.ok(syntax.length > 0, `no syntax/ diagnostic among ${JSON.stringify(result.diagnostics)}`);
            const [first] = syntax;
            assert.equal(first.severity, 1, 'a syntax error must be an Error (severity 1)');
            assert.equal(first.range.start.line, 0, 'the error is on the first line');
            assert.ok(typeof first.message === 'string' && first.message.length > 0, 'the diagnostic has no message');
            assert.ok(result.neovim_diagnostic_count > 0, 'neovim did not register the diagnostics (vim.diagnostic.get is empty)');
        },
    },
    {
        name: 'a valid file gets an empty diagnostics list',
        file: 'valid.segment',
        text: 'segment valid {\n    name: "Born after 1990"\n    where: person.birthYear > 1990\n}\n',
        expect: 'clean',
        verify: (result) => {
            assert.deepEqual(result.diagnostics, [], `unexpected diagnostics ${JSON.stringify(result.diagnostics)}`);
        },
    },
];

function ensureNvim() {
    const nvim = ensureNeovim();
    const env = { ...process.env, ...nvim.env };
    if (spawnSync(nvim.bin, ['--version'], { stdio: 'ignore', env }).status !== 0) {
        throw new Error(`${nvim.bin} --version failed after unpacking Debian's neovim`);
    }
    return { bin: nvim.bin, env };
}

/** Runs check.lua on one file; resolves with the exit code and the parsed result. */
function runNvim(nvim, dir, testCase) {
    const file = path.join(dir, testCase.file);
    const outFile = path.join(dir, `${testCase.file}.json`);
    writeFileSync(file, testCase.text);
    return new Promise((resolve) => {
        const child = spawn(nvim.bin, ['--headless', '--clean', '-c', `luafile ${checkLua}`, testCase.file], {
            cwd: dir,
            stdio: ['ignore', 'pipe', 'pipe'],
            env: {
                ...nvim.env,
                SEGMENT_NVIM_SERVER: server,
                SEGMENT_NVIM_OUT: outFile,
                SEGMENT_NVIM_EXPECT: testCase.expect,
            },
        });
        let output = '';
        child.stdout.on('data', (chunk) => { output += chunk; });
        child.stderr.on('data', (chunk) => { output += chunk; });
        const timer = setTimeout(() => {
            output += `\n[nvim-test] nvim still running after ${NVIM_TIMEOUT_MS / 1000} s: killing pid ${child.pid}`;
            child.kill('SIGKILL');
        }, NVIM_TIMEOUT_MS);
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            const result = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : undefined;
            resolve({ code: code ?? signal, result, output });
        });
    });
}

async function main() {
    const nvim = ensureNvim();
    if (!existsSync(server)) {
        throw new Error(`${path.relative(repoRoot, server)} is missing: run \`npm run build\` first`);
    }
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const version = spawnSync(nvim.bin, ['--version'], { encoding: 'utf8', env: nvim.env }).stdout.split('\n')[0];
    console.log(`[nvim-test] ${version}; server ${path.relative(repoRoot, server)}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'segment-nvim-'));
    let failed = 0;
    try {
        for (const testCase of CASES) {
            const { code, result, output } = await runNvim(nvim, dir, testCase);
            writeFileSync(path.join(artifacts, `${testCase.file}.json`), `${JSON.stringify(result ?? { code, output }, null, 2)}\n`);
            try {
                assert.ok(result, `check.lua wrote no result (exit ${code}):\n${output}`);
                assert.equal(code, 0, `check.lua exited with ${code}: ${result.error ?? ''}`);
                testCase.verify(result);
                console.log(`[nvim-test] PASS ${testCase.name} (${result.elapsed_ms} ms)`);
                for (const diagnostic of result.diagnostics) {
                    console.log(`[nvim-test]   ${diagnostic.code} line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
                }
            } catch (error) {
                failed++;
                console.log(`[nvim-test] FAIL ${testCase.name}: ${error.message}`);
            }
            if (result?.server_errors?.length) {
                console.log(`[nvim-test]   server logged errors: ${JSON.stringify(result.server_errors)}`);
            }
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    console.log(`[nvim-test] ${CASES.length - failed} passed, ${failed} failed (results in ${path.relative(repoRoot, artifacts)}/)`);
    // Counted by scripts/ci-summary.mjs in CI's closing "N passed, N failed" line.
    writeFileSync(path.join(repoRoot, 'test-output', 'nvim.results.json'), JSON.stringify({ passed: CASES.length - failed, failed }));
    return failed === 0 ? 0 : 1;
}

try {
    process.exitCode = await main();
} catch (error) {
    console.error(`[nvim-test] FAILED: ${error.message}`);
    process.exitCode = 1;
}
