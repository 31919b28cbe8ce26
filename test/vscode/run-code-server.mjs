#!/usr/bin/env node
// Runs the extension-host suite (out/test/suite.cjs) in real VS Code 1.100.3, served by
// code-server on loopback and driven by headless Debian Chromium through playwright-core.
// Build first: `npm run build && node test/vscode/build-suite.mjs`. See test/vscode/README.md.
//
//   node test/vscode/run-code-server.mjs                    suite against the source folder (extensionDevelopmentPath = repo)
//   node test/vscode/run-code-server.mjs --installed X.vsix suite against a packaged build installed into code-server
//   node test/vscode/run-code-server.mjs --screenshot       also the results-panel scenario (test-output/results-panel.png)
//   node test/vscode/run-code-server.mjs --self-test        the harness alone: a passing suite must exit 0, a failing one 1
// More: --no-suite, --grep REGEX, --workspace DIR, --suite FILE, --timeout SECONDS, --keep, --verbose.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureTools } from './install-tools.mjs';
import { installVsix, prepareCodeServerDirs, startCodeServer } from './lib/code-server.mjs';
import { runResultsPanelScenario } from './lib/results-panel-scenario.mjs';
import { launchBrowser, startSuiteInWorkbench, workbenchUrl } from './lib/workbench.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION_ID = 'segments-as-code.segment-language';

const { values: options } = parseArgs({
    options: {
        'installed': { type: 'string' },
        'screenshot': { type: 'boolean', default: false },
        'no-suite': { type: 'boolean', default: false },
        'self-test': { type: 'boolean', default: false },
        'grep': { type: 'string' },
        'workspace': { type: 'string', default: path.join(repoRoot, 'examples') },
        'suite': { type: 'string', default: path.join(repoRoot, 'out', 'test', 'suite.cjs') },
        'timeout': { type: 'string', default: process.env.SEGMENT_VSCODE_TIMEOUT ?? '300' },
        'keep': { type: 'boolean', default: false },
        'verbose': { type: 'boolean', default: false },
    },
});

const timeoutMs = Number(options.timeout) * 1000;
const started = Date.now();
const deadline = started + timeoutMs;
const log = (message) => console.log(`[vscode-test ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
let phase = 'starting';
const cleanups = [];

/** Waits for `promise` within the run's overall time limit, naming the phase when the time is up. */
function bounded(promise, what) {
    phase = what;
    const remaining = deadline - Date.now();
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`TIMEOUT: the run exceeded its ${timeoutMs / 1000} s limit while ${what} (raise it with --timeout SECONDS)`)), Math.max(remaining, 0));
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function cleanUp() {
    while (cleanups.length > 0) {
        const [name, fn] = cleanups.pop();
        try {
            await Promise.race([fn(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
        } catch (error) {
            console.error(`[vscode-test] cleanup of ${name} failed: ${error.message}`);
        }
    }
}

for (const signalName of ['SIGINT', 'SIGTERM']) {
    process.on(signalName, () => {
        console.error(`[vscode-test] ${signalName}: cleaning up`);
        cleanUp().finally(() => process.exit(130));
    });
}

/** A folder VS Code accepts as extensionDevelopmentPath that contributes nothing (for --installed and --self-test). */
function createPlaceholderExtension(dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({
        name: 'segment-test-placeholder',
        displayName: 'Placeholder extension for the segment test harness',
        publisher: 'segments-as-code-tests',
        version: '0.0.0',
        engines: { vscode: '^1.82.0' },
    }, null, 4)}\n`);
    return dir;
}

/** The console lines worth echoing live: the suite's own lines, and failures of the extension host. */
function isInteresting(line) {
    return options.verbose
        || line.includes('[suite]')
        || line.includes('[harness]')
        || /\[Extension Host\].*(error|exception|fail)/i.test(line)
        || line.startsWith('[page error]');
}

/** Runs one suite module in a fresh browser context; returns its exit code. */
async function runSuite({ browser, server, workspace, extensionDevelopmentPath, suitePath, artifactsDir }) {
    mkdirSync(artifactsDir, { recursive: true });
    const url = workbenchUrl(server.port, { workspace, extensionDevelopmentPath, extensionTestsPath: suitePath });
    writeFileSync(path.join(artifactsDir, 'url.txt'), `${url}\n`);
    log(`running ${path.relative(repoRoot, suitePath) || suitePath} (extensionDevelopmentPath ${extensionDevelopmentPath})`);
    const session = await bounded(startSuiteInWorkbench({
        browser,
        url,
        artifactsDir,
        onLine: (line) => isInteresting(line) && console.log(`    ${line.includes('[suite]') ? line.slice(line.indexOf('[suite]')) : line}`),
    }), 'opening the workbench');
    try {
        const exitCode = await bounded(Promise.race([
            session.exit,
            server.exitPromise.then((exit) => Promise.reject(new Error(`code-server exited during the suite: ${JSON.stringify(exit)}`))),
        ]), `waiting for the suite ${path.basename(suitePath)} to report`);
        log(`suite ${path.basename(suitePath)} exited with code ${exitCode}`);
        return exitCode;
    } catch (error) {
        await session.page.screenshot({ path: path.join(artifactsDir, 'suite-timeout.png') }).catch(() => undefined);
        throw error;
    } finally {
        session.flush();
        await session.context.close().catch(() => undefined);
    }
}

async function main() {
    const tools = await bounded(ensureTools(), 'installing tools');
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'segment-vscode-'));
    cleanups.push(['temporary folder', () => options.keep ? log(`kept ${runDir}`) : rmSync(runDir, { recursive: true, force: true })]);
    const mode = options['self-test'] ? 'self-test' : options.installed ? 'installed' : 'source';
    const artifactsRoot = path.join(repoRoot, 'test-output', 'vscode', mode);
    rmSync(artifactsRoot, { recursive: true, force: true });
    mkdirSync(artifactsRoot, { recursive: true });

    // The workspace is a copy: the suite writes probe files into it.
    phase = 'preparing the workspace';
    const workspace = path.join(runDir, 'workspace');
    if (options['self-test']) {
        cpSync(path.join(repoRoot, 'test', 'vscode', 'fixtures', 'fake-workspace'), workspace, { recursive: true });
    } else {
        if (!existsSync(options.workspace)) {
            throw new Error(`workspace folder ${options.workspace} does not exist`);
        }
        cpSync(options.workspace, workspace, { recursive: true });
    }

    const dirs = prepareCodeServerDirs(runDir);
    // Runs after code-server has stopped (cleanups run last-in first-out): the server's logs, among
    // them the extension host's and the language server's output channel, outlive the temporary folder.
    cleanups.push(['copy of the server logs', () => {
        const logs = path.join(dirs.userData, 'logs');
        if (existsSync(logs)) {
            cpSync(logs, path.join(artifactsRoot, 'server-logs'), { recursive: true });
        }
    }]);
    let extensionDevelopmentPath = repoRoot;
    let expectedExtensionPath = repoRoot;
    if (options['self-test']) {
        extensionDevelopmentPath = path.join(repoRoot, 'test', 'vscode', 'fixtures', 'fake-extension');
        expectedExtensionPath = '';
    } else if (options.installed) {
        phase = `installing ${options.installed} into code-server`;
        if (!existsSync(options.installed)) {
            throw new Error(`${options.installed} does not exist: package it first (\`npm run package\`)`);
        }
        const installed = installVsix(tools.codeServer, dirs, options.installed, path.join(artifactsRoot, 'install-extension.log'));
        const ours = installed.find((dir) => path.basename(dir).toLowerCase().startsWith(`${EXTENSION_ID}-`));
        if (!ours) {
            throw new Error(`${options.installed} did not install ${EXTENSION_ID} (installed: ${installed.map((dir) => path.basename(dir)).join(', ')})`);
        }
        log(`installed ${path.basename(options.installed)} into ${ours}`);
        // VS Code runs extensionTestsPath only together with an extensionDevelopmentPath; a placeholder
        // extension keeps the installed build the only copy of ours.
        extensionDevelopmentPath = createPlaceholderExtension(path.join(runDir, 'placeholder-extension'));
        expectedExtensionPath = ours;
    } else if (!existsSync(path.join(repoRoot, 'out', 'extension', 'main.cjs'))) {
        throw new Error('out/extension/main.cjs is missing: run `npm run build` first');
    }
    if (!options['self-test'] && !options['no-suite'] && !existsSync(options.suite)) {
        throw new Error(`${options.suite} is missing: run \`node test/vscode/build-suite.mjs\` first`);
    }

    const reportFile = path.join(artifactsRoot, 'suite-report.json');
    const server = await bounded(startCodeServer({
        codeServerBin: tools.codeServer,
        dirs,
        workspace,
        logFile: path.join(artifactsRoot, 'code-server.log'),
        // The extension host inherits code-server's environment: this is how the suite learns the run's expectations.
        env: {
            SEGMENT_TEST_EXPECT_EXTENSION_PATH: expectedExtensionPath,
            SEGMENT_TEST_REPORT: reportFile,
            ...(options.grep ? { SEGMENT_TEST_GREP: options.grep } : {}),
        },
    }), 'starting code-server');
    cleanups.push(['code-server', async () => {
        const killed = await server.stop();
        if (killed.length > 0) {
            log(`had to SIGKILL code-server processes ${killed.join(', ')}`);
        }
    }]);
    log(`code-server ${server.url} (pid ${server.child.pid}) serving ${workspace}`);

    const browser = await bounded(launchBrowser(tools.chromium), 'launching Chromium');
    cleanups.push(['Chromium', () => browser.close()]);

    if (options['self-test']) {
        return selfTest({ browser, server, workspace, extensionDevelopmentPath, artifactsRoot });
    }
    let exitCode = 0;
    if (!options['no-suite']) {
        exitCode = await runSuite({ browser, server, workspace, extensionDevelopmentPath, suitePath: path.resolve(options.suite), artifactsDir: artifactsRoot });
        summarizeReport(reportFile);
    }
    if (options.screenshot) {
        const screenshotName = options.installed ? 'results-panel-installed.png' : 'results-panel.png';
        // A fresh copy, so the screenshot shows the examples without the suite's probe files.
        const scenarioWorkspace = path.join(runDir, 'scenario-workspace');
        cpSync(options.workspace, scenarioWorkspace, { recursive: true });
        const { ok } = await bounded(runResultsPanelScenario({
            browser,
            url: workbenchUrl(server.port, { workspace: scenarioWorkspace, extensionDevelopmentPath: options.installed ? undefined : extensionDevelopmentPath }),
            workspace: scenarioWorkspace,
            artifactsDir: artifactsRoot,
            screenshotPath: path.join(repoRoot, 'test-output', screenshotName),
            log,
        }), 'running the results-panel scenario');
        exitCode = exitCode || (ok ? 0 : 1);
    }
    return exitCode;
}

function summarizeReport(reportFile) {
    if (!existsSync(reportFile)) {
        log('the suite wrote no report (did it load? see browser-console.log and workbench-logs/)');
        return;
    }
    const { results } = JSON.parse(readFileSync(reportFile, 'utf8'));
    const failed = results.filter((result) => !result.passed);
    log(`suite report: ${results.length - failed.length} passed, ${failed.length} failed (${path.relative(repoRoot, reportFile)})`);
    for (const result of failed) {
        log(`  FAILED: ${result.name}: ${String(result.error).split('\n')[0]}`);
    }
}

/**
 * The harness checks itself, against a fake extension (test/vscode/fixtures/): the passing smoke
 * suite must give 0 and the failing one 1; the results-panel scenario must pass on a panel that
 * escapes the hostile name and fail on one that injects it.
 */
async function selfTest({ browser, server, workspace, extensionDevelopmentPath, artifactsRoot }) {
    const verdicts = [];
    const expect = (what, actual, expected) => {
        verdicts.push(actual === expected);
        log(`self-test: ${what}: ${actual}, ${actual === expected ? 'as expected' : `EXPECTED ${expected}`}`);
    };
    for (const [name, expected] of [['smoke-pass.cjs', 0], ['smoke-fail.cjs', 1]]) {
        const suitePath = path.join(repoRoot, 'out', 'test', name);
        if (!existsSync(suitePath)) {
            throw new Error(`${suitePath} is missing: run \`node test/vscode/build-suite.mjs\` first`);
        }
        const code = await runSuite({ browser, server, workspace, extensionDevelopmentPath, suitePath, artifactsDir: path.join(artifactsRoot, name.replace('.cjs', '')) });
        expect(`${name} exit code`, code, expected);
    }
    const url = workbenchUrl(server.port, { workspace, extensionDevelopmentPath });
    for (const [variant, expected] of [['escaping', true], ['injecting', false]]) {
        const artifactsDir = path.join(artifactsRoot, `scenario-${variant}`);
        mkdirSync(artifactsDir, { recursive: true });
        if (variant === 'injecting') {
            writeFileSync(path.join(workspace, '.fake-unsafe'), 'the fake panel pastes names into its HTML unescaped\n');
        }
        const { ok, failure } = await bounded(runResultsPanelScenario({
            browser, url, workspace, artifactsDir, screenshotPath: path.join(artifactsDir, 'results-panel.png'), log, waitForLens: false, interactions: false,
        }), `running the results-panel scenario on the ${variant} fake panel`);
        expect(`results-panel scenario on a panel ${variant} the hostile name passes`, ok, expected);
        if (!expected) {
            // It must fail because of the injection, not for an unrelated reason.
            expect('the failure names the injected markup', /injected|script .* ran/.test(failure ?? ''), true);
        }
    }
    const ok = verdicts.every(Boolean);
    log(`self-test ${ok ? 'passed' : 'FAILED'}`);
    return ok ? 0 : 1;
}

// A last resort if cleanup itself hangs after the time limit.
const watchdog = setTimeout(() => {
    console.error(`[vscode-test] TIMEOUT: still running ${timeoutMs / 1000 + 60} s after the start (phase: ${phase}); exiting`);
    process.exit(124);
}, timeoutMs + 60_000);

let exitCode = 1;
try {
    exitCode = await main();
} catch (error) {
    console.error(`[vscode-test] FAILED while ${phase}: ${error.message}`);
    exitCode = 1;
} finally {
    await cleanUp();
    clearTimeout(watchdog);
}
log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${exitCode}; artifacts under test-output/vscode/`);
process.exit(exitCode);
