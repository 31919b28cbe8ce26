// Drives the VS Code web workbench that code-server serves, in Debian's Chromium through
// playwright-core. Extension-host tests use the mechanism of VS Code's own browser integration
// tests: a `payload` query parameter naming extensionDevelopmentPath and extensionTestsPath, and
// two functions the workbench calls when the suite is done (codeAutomationExit) or logs
// (codeAutomationLog).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/** Headless Debian Chromium; playwright gives it a fresh temporary profile. */
export function launchBrowser(executablePath) {
    return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** `vscode-remote://127.0.0.1:PORT/abs/path`: a path on the code-server machine, as the workbench names it. */
export function remoteUri(port, fsPath) {
    return `vscode-remote://127.0.0.1:${port}${pathToFileURL(path.resolve(fsPath)).pathname}`;
}

/**
 * The workbench URL opening `workspace`; `payload` entries (extensionDevelopmentPath,
 * extensionTestsPath) are absolute paths on this machine.
 */
export function workbenchUrl(port, { workspace, extensionDevelopmentPath, extensionTestsPath }) {
    const payload = [];
    if (extensionDevelopmentPath) {
        payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
    }
    if (extensionTestsPath) {
        payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
    }
    payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
    return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remoteUri(port, workspace))}`
        + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Text of one browser console message, or undefined for the workbench's styled log lines
 * (`%c INFO`, `color: …`, message), which arrive in full through codeAutomationLog as well.
 */
function consoleText(message) {
    const text = message.text();
    if (/^\s*(%c)?\s*(INFO|ERR|WARN|DEBUG|TRACE)\b/.test(text)) {
        return undefined;
    }
    return text;
}

/** Writes the workbench's own logs (window, extension host, server) handed over at exit. */
function saveWorkbenchLogs(logs, dir) {
    if (!Array.isArray(logs)) {
        return 0;
    }
    for (const { relativePath, contents } of logs) {
        if (typeof relativePath === 'string' && !relativePath.includes('..')) {
            const file = path.join(dir, relativePath);
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, contents ?? '');
        }
    }
    return logs.length;
}

/**
 * Opens the payload URL. Returns `{ exit, page, context, flush }` at once: `exit` resolves with the
 * suite's exit code once the workbench reports it (the caller bounds the wait), `flush()` writes
 * every console line of the page to `artifactsDir/browser-console.log`; each line also goes to `onLine`.
 */
export async function startSuiteInWorkbench({ browser, url, artifactsDir, onLine }) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const lines = [];
    const record = (line) => {
        lines.push(line);
        onLine?.(line);
    };
    let settle;
    const exit = new Promise((resolve, reject) => {
        settle = { resolve, reject };
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
        // The workbench's log, including what the extension host (and so the suite) logs.
        const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
        record(`[workbench ${type}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
        const dir = path.join(artifactsDir, 'workbench-logs');
        const saved = saveWorkbenchLogs(logs, dir);
        record(`[harness] the workbench reported exit code ${code} (${saved} log files saved under ${dir})`);
        settle.resolve(typeof code === 'number' ? code : 1);
    });
    page.on('console', (message) => {
        const text = consoleText(message);
        if (text !== undefined) {
            record(`[console ${message.type()}] ${text}`);
        }
    });
    page.on('pageerror', (error) => record(`[page error] ${error.message}`));
    page.on('crash', () => settle.reject(new Error('the workbench page crashed')));
    const flush = () => writeFileSync(path.join(artifactsDir, 'browser-console.log'), `${lines.join('\n')}\n`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return { exit, page, context, flush };
}
