// Debian packages unpacked into a folder of the user's cache instead of installed system-wide:
// `apt-get download` needs neither root nor a change to the machine, and the test scripts then
// locate the tools they need by path (never whatever happens to be on PATH).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARKER = '.segment-unpacked';

/** Runs a command with inherited output; throws, naming it, when it cannot start or exits non-zero. */
export function run(command, args, options = {}) {
    const result = spawnSync(command, args, { stdio: 'inherit', ...options });
    if (result.error) {
        throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
    }
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    }
    return result;
}

/** True when apt knows the package (its lists are present); `apt-get download` needs that. */
function aptKnows(name) {
    const result = spawnSync('apt-cache', ['show', '--no-all-versions', name], { stdio: 'ignore' });
    return result.status === 0;
}

/**
 * Downloads `packages` (without their dependencies: list every one that is needed) and unpacks
 * them into `dir/root` unless that was done already. Returns the unpacked root folder.
 * @param {string} dir a folder of its own under the tools cache
 * @param {string[]} packages Debian package names
 * @param {(message: string) => void} log
 */
export function ensureLocalDebs(dir, packages, log) {
    const root = path.join(dir, 'root');
    const marker = path.join(dir, MARKER);
    if (existsSync(marker)) {
        return root;
    }
    if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
        throw new Error(`apt-get not found: these scripts fetch ${packages.join(', ')} from Debian's archive. `
            + 'Install them by hand.');
    }
    if (!packages.every(aptKnows)) {
        if (process.getuid?.() !== 0) {
            throw new Error(`apt does not know ${packages.join(', ')} (no package lists): run  apt-get update  as root.`);
        }
        log('apt package lists are missing: apt-get update');
        run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']);
    }
    rmSync(dir, { recursive: true, force: true });
    const debs = path.join(dir, 'debs');
    mkdirSync(debs, { recursive: true });
    log(`downloading ${packages.join(', ')} into ${dir}`);
    // As root, apt hands the download to the unprivileged _apt user, who cannot write into a
    // private cache folder; it then downloads as root after a warning. Say it is fine.
    const sandbox = process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : [];
    run('apt-get', [...sandbox, 'download', ...packages], { cwd: debs });
    for (const deb of readdirSync(debs).filter((name) => name.endsWith('.deb'))) {
        run('dpkg-deb', ['-x', path.join(debs, deb), root]);
    }
    rmSync(debs, { recursive: true, force: true });
    writeFileSync(marker, `${packages.join('\n')}\n`);
    return root;
}

/** The folder holding the unpacked packages' shared libraries, for LD_LIBRARY_PATH. */
export function libraryDir(root) {
    const triplet = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch] ?? `${process.arch}-linux-gnu`;
    return path.join(root, 'usr', 'lib', triplet);
}
