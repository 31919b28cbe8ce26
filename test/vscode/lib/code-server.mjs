// Starts and stops code-server (VS Code 1.100.3 server + web workbench) for one test run, with
// every piece of state (config, user data, extensions) in the run's temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stopProcessTree } from './processes.mjs';

/** A free TCP port on the loopback interface. */
export function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/** User settings that keep the workbench quiet and deterministic (no welcome page, no network, no tips). */
const USER_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'files.autoSave': 'off',
    'editor.codeLens': true,
    'window.restoreWindows': 'none',
    'chat.commandCenter.enabled': false,
};

/** The folders of a code-server instance inside `runDir`; creates them and the config file. */
export function prepareCodeServerDirs(runDir) {
    const dirs = {
        config: path.join(runDir, 'code-server', 'config.yaml'),
        userData: path.join(runDir, 'code-server', 'user-data'),
        extensions: path.join(runDir, 'code-server', 'extensions'),
    };
    mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    mkdirSync(dirs.extensions, { recursive: true });
    // An explicit config file: without --config code-server writes ~/.config/code-server/config.yaml.
    writeFileSync(dirs.config, 'auth: none\ncert: false\n');
    writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 4)}\n`);
    return dirs;
}

function baseArgs(dirs) {
    return [
        '--config', dirs.config,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--extensions-dir', dirs.extensions,
        '--user-data-dir', dirs.userData,
    ];
}

/** Installs a packaged build (`.vsix`) into the run's extensions folder; returns the installed folder(s). */
export function installVsix(codeServerBin, dirs, vsixPath, logFile) {
    const entry = realpathSync(codeServerBin);
    const result = spawnSync(process.execPath, [entry, ...baseArgs(dirs), '--install-extension', path.resolve(vsixPath), '--force'], {
        encoding: 'utf8',
        timeout: 120_000,
    });
    writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.error || result.status !== 0) {
        throw new Error(`code-server --install-extension ${vsixPath} failed (${result.error?.message ?? `exit ${result.status}`}); see ${logFile}:\n${result.stdout}${result.stderr}`);
    }
    const installed = readdirSync(dirs.extensions, { withFileTypes: true })
        .filter((entryDir) => entryDir.isDirectory())
        .map((entryDir) => path.join(dirs.extensions, entryDir.name));
    if (installed.length === 0) {
        throw new Error(`code-server --install-extension reported success but ${dirs.extensions} is empty; see ${logFile}`);
    }
    return installed;
}

/**
 * Starts code-server on a free loopback port, opening `workspace`, and waits until it answers.
 * Its output goes to `logFile`. Returns `{ port, url, child, stop() }`; `stop()` is safe to call twice.
 */
export async function startCodeServer({ codeServerBin, dirs, workspace, logFile, env = {}, readyTimeoutMs = 60_000 }) {
    const port = await freePort();
    const entry = realpathSync(codeServerBin);
    const logFd = openSync(logFile, 'a');
    // Started with the Node running this script: code-server 4.100.3 requires Node 20.
    const child = spawn(process.execPath, [entry, ...baseArgs(dirs), '--bind-addr', `127.0.0.1:${port}`, workspace], {
        stdio: ['ignore', logFd, logFd],
        env: { ...process.env, ...env },
    });
    closeSync(logFd);
    let exited;
    const exitPromise = new Promise((resolve) => {
        child.on('exit', (code, sig) => {
            exited = { code, signal: sig };
            resolve(exited);
        });
        child.on('error', (error) => {
            exited = { error };
            resolve(exited);
        });
    });
    let stopped = false;
    const stop = async () => {
        if (stopped) {
            return [];
        }
        stopped = true;
        return stopProcessTree(child);
    };
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
        if (exited) {
            throw new Error(`code-server exited before it was ready (${JSON.stringify(exited)}); see ${logFile}`);
        }
        try {
            const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
            if (response.ok) {
                break;
            }
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) {
            await stop();
            throw new Error(`code-server did not answer on ${url}/healthz within ${readyTimeoutMs / 1000} s; see ${logFile}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { port, url, child, stop, exitPromise, hasExited: () => exited !== undefined };
}
