#!/usr/bin/env node
// Makes sure the tools the real-editor tests need are present, installing only what is missing:
//   - Debian packages: libkrb5-dev (code-server's native kerberos module) and chromium;
//   - code-server 4.100.3 (VS Code 1.100.3 on Node 20) in a cache folder outside the repository,
//     reused by later runs (it is ~300 MB, so it must not be a project dependency);
//   - Debian's ripgrep (seeds @vscode/ripgrep, whose postinstall would otherwise download rg from
//     GitHub) and neovim with its libraries, unpacked into the same cache folder (no root needed).
// Nothing depends on the user's ~/.npmrc or on files left in /tmp by an earlier run.
// Idempotent and quick (well under a second) when everything is already installed.
//
//   node test/vscode/install-tools.mjs            install what is missing, print the tool paths
//   node test/vscode/install-tools.mjs --nvim     also make sure neovim is installed
//   node test/vscode/install-tools.mjs --force    reinstall code-server into the cache
//
// Environment: SEGMENT_VSCODE_TOOLS_DIR overrides the cache folder
// (default: ${XDG_CACHE_HOME:-~/.cache}/segment-vscode-tools).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureLocalDebs, libraryDir, run } from './lib/local-debs.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
/** The VS Code version inside that code-server; the suite's smoke test checks it. */
export const VSCODE_VERSION = '1.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';
const BASE_APT_PACKAGES = ['libkrb5-dev', 'chromium'];
// Neovim 0.7.2 and every library it needs beyond the base system (Debian 12's `neovim` Depends).
const NEOVIM_DEBS = ['neovim', 'neovim-runtime', 'libluajit-5.1-2', 'libluajit-5.1-common', 'libmsgpackc2',
    'libtermkey1', 'libtree-sitter0', 'libunibilium4', 'libuv1', 'libvterm0', 'lua-luv'];
// @vscode/ripgrep as pinned by code-server 4.100.3: its postinstall looks for this archive in
// $TMPDIR/vscode-ripgrep-cache-<version>/ before trying to download it; the install runs with
// TMPDIR inside the tools folder, so no shared /tmp folder is involved.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const INSTALL_MARKER = '.segment-install-complete';

const log = (message) => console.log(`[install-tools] ${message}`);

/** The cache folder for tools too large or too slow to be project dependencies. */
export function toolsDir() {
    if (process.env.SEGMENT_VSCODE_TOOLS_DIR) {
        return path.resolve(process.env.SEGMENT_VSCODE_TOOLS_DIR);
    }
    const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    return path.join(cache, 'segment-vscode-tools');
}


function isAptPackageInstalled(name) {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs the Debian packages that are not installed yet; `apt-get update` only if one is missing. */
export function ensureAptPackages(packages) {
    if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
        throw new Error('dpkg-query not found: this script installs tools with apt-get on Debian/Ubuntu only. '
            + `Install ${packages.join(', ')} by hand.`);
    }
    const missing = packages.filter((name) => !isAptPackageInstalled(name));
    if (missing.length === 0) {
        log(`apt packages already installed: ${packages.join(', ')}`);
        return;
    }
    const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
    if (sudo.length > 0 && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
        throw new Error(`missing apt packages ${missing.join(', ')} and not root (no password-less sudo): `
            + `run  apt-get install -y ${missing.join(' ')}  as root.`);
    }
    const aptGet = (args) => {
        const [command, ...rest] = [...sudo, 'apt-get', ...args];
        run(command, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    };
    log(`installing apt packages: ${missing.join(', ')} (apt-get update first)`);
    const started = Date.now();
    // Another run (or a package manager) may hold the dpkg lock: wait for it instead of failing.
    aptGet(['-o', 'DPkg::Lock::Timeout=600', 'update']);
    aptGet(['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing]);
    log(`apt packages installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks (under `tmpDir`) before it downloads from GitHub. */
function seedRipgrepCache(tmpDir) {
    const rg = path.join(ensureLocalDebs(path.join(toolsDir(), 'ripgrep'), ['ripgrep'], log), 'usr', 'bin', 'rg');
    if (!existsSync(rg)) {
        throw new Error(`${rg} missing after unpacking Debian's ripgrep`);
    }
    const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
    if (!target) {
        throw new Error(`no known @vscode/ripgrep archive name for architecture ${process.arch}`);
    }
    const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
    const archive = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
    if (existsSync(archive) && statSync(archive).size > 0) {
        log(`ripgrep cache already seeded: ${archive}`);
        return;
    }
    mkdirSync(cacheDir, { recursive: true });
    run('tar', ['czf', archive, '-C', path.dirname(rg), path.basename(rg)]);
    log(`seeded ripgrep cache from ${rg}: ${archive}`);
}

function codeServerDir() {
    return path.join(toolsDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server launcher inside the cache folder (whether or not it is installed). */
export function codeServerBin() {
    return path.join(codeServerDir(), 'node_modules', '.bin', 'code-server');
}

function isCodeServerInstalled() {
    const dir = codeServerDir();
    try {
        const manifest = JSON.parse(readFileSync(path.join(dir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
        return manifest.version === CODE_SERVER_VERSION
            && existsSync(path.join(dir, INSTALL_MARKER))
            && missingPostinstallOutputs().length === 0;
    } catch {
        return false;
    }
}

/** Files that exist only if code-server's postinstall ran (npm may skip install scripts). */
function missingPostinstallOutputs() {
    const vscode = path.join(codeServerDir(), 'node_modules', 'code-server', 'lib', 'vscode');
    return [
        codeServerBin(),
        path.join(vscode, 'out'),
        path.join(vscode, 'node_modules.asar'),
        path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
    ].filter((file) => !existsSync(file));
}

/** The prefix of the running Node's installation, whose include/node holds the headers native modules build against. */
export function nodeHeadersPrefix() {
    const prefix = path.dirname(path.dirname(process.execPath));
    if (!existsSync(path.join(prefix, 'include', 'node', 'node.h'))) {
        throw new Error(`Node's headers are not installed with ${process.execPath} (no ${path.join(prefix, 'include', 'node', 'node.h')}); `
            + 'code-server\'s argon2 module cannot be built offline without them.');
    }
    return prefix;
}

/**
 * Neovim unpacked into the tools folder; returns how to start it.
 * @returns {{ bin: string, env: Record<string, string> }}
 */
export function ensureNeovim() {
    const root = ensureLocalDebs(path.join(toolsDir(), 'neovim'), NEOVIM_DEBS, log);
    const bin = path.join(root, 'usr', 'bin', 'nvim');
    const libs = [libraryDir(root), process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
    // VIMRUNTIME: the unpacked runtime, not one found relative to a system-wide install.
    return { bin, env: { LD_LIBRARY_PATH: libs, VIMRUNTIME: path.join(root, 'usr', 'share', 'nvim', 'runtime') } };
}

/** A lock folder, so that two runs at once do not install into the same cache folder. */
async function withInstallLock(fn) {
    const lock = path.join(toolsDir(), `code-server-${CODE_SERVER_VERSION}.lock`);
    mkdirSync(toolsDir(), { recursive: true });
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
        try {
            mkdirSync(lock);
            writeFileSync(path.join(lock, 'pid'), String(process.pid));
            break;
        } catch (error) {
            if (error.code !== 'EEXIST') {
                throw error;
            }
            let holder;
            try {
                holder = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
            } catch {
                holder = NaN;
            }
            let alive = false;
            if (Number.isInteger(holder) && holder > 0) {
                try {
                    process.kill(holder, 0);
                    alive = true;
                } catch {
                    alive = false;
                }
            }
            const ageMs = Date.now() - statSync(lock).mtimeMs;
            if (!alive && ageMs > 5_000) {
                log(`removing stale install lock ${lock}`);
                rmSync(lock, { recursive: true, force: true });
                continue;
            }
            if (Date.now() > deadline) {
                throw new Error(`timed out waiting for another code-server install to finish (lock ${lock})`);
            }
            await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
    }
    try {
        return await fn();
    } finally {
        rmSync(lock, { recursive: true, force: true });
    }
}

/** Installs code-server into the cache folder unless a complete install of the same version is there. */
export async function ensureCodeServer({ force = false } = {}) {
    if (!force && isCodeServerInstalled()) {
        log(`code-server ${CODE_SERVER_VERSION} already installed: ${codeServerBin()}`);
        return codeServerBin();
    }
    return withInstallLock(() => {
        if (!force && isCodeServerInstalled()) {
            return codeServerBin(); // another run installed it while this one waited
        }
        const dir = codeServerDir();
        // A folder without the marker is a half-finished install: start it again from scratch.
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
        const tmpDir = path.join(dir, 'tmp');
        mkdirSync(tmpDir, { recursive: true });
        seedRipgrepCache(tmpDir);
        log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (about a minute)`);
        const started = Date.now();
        run('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
            cwd: dir,
            env: {
                ...process.env,
                TMPDIR: tmpDir,
                npm_config_yes: 'true',
                npm_config_unsafe_perm: 'true',
                npm_config_update_notifier: 'false',
                // argon2's install script (node-pre-gyp) downloads a prebuilt binary, then Node's
                // headers; both are unreachable offline. The headers installed with this Node let
                // node-gyp compile it locally, whatever the user's ~/.npmrc says.
                npm_config_nodedir: nodeHeadersPrefix(),
            },
        });
        rmSync(tmpDir, { recursive: true, force: true });
        const missing = missingPostinstallOutputs();
        if (missing.length > 0) {
            throw new Error(`npm install finished but code-server's install scripts did not complete; missing: ${missing.join(', ')}`);
        }
        writeFileSync(path.join(dir, INSTALL_MARKER), `${new Date().toISOString()}\n`);
        log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return codeServerBin();
    });
}

/**
 * Ensures every tool of the real-editor tests; returns their paths.
 * @param {{ nvim?: boolean, force?: boolean }} [options]
 */
export async function ensureTools({ nvim = false, force = false } = {}) {
    const started = Date.now();
    ensureAptPackages(BASE_APT_PACKAGES);
    if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(`${CHROMIUM_PATH} missing although the chromium package is installed`);
    }
    const codeServer = await ensureCodeServer({ force });
    log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { codeServer, chromium: CHROMIUM_PATH, nvim: nvim ? ensureNeovim().bin : undefined };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    try {
        const tools = await ensureTools({
            nvim: process.argv.includes('--nvim'),
            force: process.argv.includes('--force'),
        });
        for (const [name, where] of Object.entries(tools)) {
            if (where) {
                log(`${name}: ${where}`);
            }
        }
    } catch (error) {
        console.error(`[install-tools] FAILED: ${error.message}`);
        process.exit(1);
    }
}
