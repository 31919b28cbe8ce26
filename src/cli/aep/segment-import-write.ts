import { closeSync, lstatSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../segment-cli-usage-error.js';

/** What happened to one file of an import. */
export interface WriteOutcome {
    file: string;
    action: 'written' | 'replaced' | 'skipped';
    /** Why a file was skipped. */
    reason?: string;
}

/** The output folder: created if missing; an existing file of that name is an input error, not EEXIST. */
export function prepareOutputFolder(out: string): void {
    let stat;
    try {
        stat = statSync(out);
    } catch {
        mkdirSync(out, { recursive: true });
        return;
    }
    if (!stat.isDirectory()) {
        throw new InputError(`--out: '${out}' exists and is not a folder.`);
    }
}

/**
 * Writes `text` to `file` without ever writing through what is already there. Without `force` an
 * existing entry is kept (skipped). With `force` a regular file is replaced, and a symbolic link
 * is removed and replaced by a regular file: the link's target, maybe outside the output folder,
 * is never written. The file is created with O_EXCL, which fails rather than follow a link that
 * appears meanwhile.
 */
export function writeNewFile(file: string, text: string, force: boolean): WriteOutcome {
    let existing;
    try {
        existing = lstatSync(file);
    } catch {
        existing = undefined;
    }
    if (existing) {
        if (!force) {
            return { file, action: 'skipped', reason: `${existing.isSymbolicLink() ? 'a symbolic link' : 'a file'} of that name exists (--force replaces it)` };
        }
        if (!existing.isFile() && !existing.isSymbolicLink()) {
            return { file, action: 'skipped', reason: 'it exists and is not a file' };
        }
        unlinkSync(file);
    }
    const fd = openSync(file, 'wx', 0o644);
    try {
        writeSync(fd, text);
    } finally {
        closeSync(fd);
    }
    return { file, action: existing ? 'replaced' : 'written' };
}

/** `out/<id>.segment`; ids are slugs (letters, digits, `_`), so the name never leaves the folder. */
export function outputFile(out: string, id: string): string {
    return path.join(out, `${id}.segment`);
}
