import { accessSync, constants, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { InputError } from './segment-cli-usage-error.js';

/** Folders never searched: dependencies, version control, build output. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out']);

/** What a search for `.segment` files found, and what it passed over. */
export interface SegmentFileSearch {
    /** Absolute paths, each real file once, in search order. */
    files: string[];
    /** Entries that could not be read (a folder or file without permission): the command must fail. */
    unreadable: string[];
    /** Entries named like segment files that are not regular files (a FIFO, a device): skipped. */
    notRegular: string[];
    /** Symbolic links not followed: to a folder or file already searched (loops, `me -> .`) or dangling. */
    skippedLinks: number;
}

/** "a FIFO", "a socket" …: what a non-regular entry is, for messages. */
export function kindOf(stat: Stats): string {
    if (stat.isFIFO()) {
        return 'a FIFO (named pipe)';
    }
    if (stat.isSocket()) {
        return 'a socket';
    }
    if (stat.isCharacterDevice() || stat.isBlockDevice()) {
        return 'a device';
    }
    return stat.isDirectory() ? 'a folder' : 'not a regular file';
}

/**
 * The `.segment` files named by `paths`; folders are searched recursively. Every real folder is
 * searched once and every real file listed once, so a symlink loop (`a/up -> ..`) ends and a link
 * to the folder itself (`me -> .`) does not list its files twice. Files are never opened here:
 * a FIFO named `x.segment` is reported, not read (reading it would wait forever).
 * A path named explicitly must exist; it may have any extension.
 */
export function findSegmentFiles(paths: string[]): SegmentFileSearch {
    const search: SegmentFileSearch = { files: [], unreadable: [], notRegular: [], skippedLinks: 0 };
    const seenFolders = new Set<string>();
    const seenFiles = new Set<string>();
    // Each real file and folder is visited once; a link back to one already seen is counted as skipped.
    const firstVisit = (seen: Set<string>, entry: string, viaLink: boolean): boolean => {
        const real = realpathSync(entry);
        if (seen.has(real)) {
            search.skippedLinks += viaLink ? 1 : 0;
            return false;
        }
        seen.add(real);
        return true;
    };
    const addFile = (file: string, viaLink: boolean): void => {
        if (!firstVisit(seenFiles, file, viaLink)) {
            return;
        }
        try {
            accessSync(file, constants.R_OK);
        } catch (error) {
            search.unreadable.push(`${file} (${(error as NodeJS.ErrnoException).code})`);
            return;
        }
        search.files.push(path.resolve(file));
    };
    const searchFolder = (folder: string, viaLink: boolean): void => {
        if (!firstVisit(seenFolders, folder, viaLink)) {
            return;
        }
        let entries: string[];
        try {
            entries = readdirSync(folder).sort();
        } catch (error) {
            search.unreadable.push(`${folder}${path.sep} (${(error as NodeJS.ErrnoException).code})`);
            return;
        }
        for (const entry of entries.filter(e => !SKIPPED_FOLDERS.has(e))) {
            visitEntry(path.join(folder, entry));
        }
    };
    const visitEntry = (entry: string): void => {
        let link: Stats;
        let stat: Stats;
        try {
            link = lstatSync(entry);
            stat = link.isSymbolicLink() ? statSync(entry) : link;
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ELOOP') {
                search.skippedLinks++; // a dangling link or a link to itself
            } else {
                search.unreadable.push(`${entry} (${code})`);
            }
            return;
        }
        if (stat.isDirectory()) {
            searchFolder(entry, link.isSymbolicLink());
        } else if (entry.endsWith('.segment')) {
            if (stat.isFile()) {
                addFile(entry, link.isSymbolicLink());
            } else {
                search.notRegular.push(`${entry} (${kindOf(stat)})`);
            }
        }
    };
    for (const target of paths) {
        let stat: Stats;
        try {
            stat = statSync(target);
        } catch {
            throw new InputError(/[*?[\]{}]/u.test(target)
                ? `no .segment files found matching '${target}' (the pattern matched nothing).`
                : `cannot read '${target}': no such file or folder.`);
        }
        if (stat.isDirectory()) {
            searchFolder(target, false);
        } else if (stat.isFile()) {
            addFile(target, false);
        } else {
            throw new InputError(`'${target}' is ${kindOf(stat)}, not a .segment file or a folder.`);
        }
    }
    return search;
}

/**
 * The files of a search the user asked for: prints what was passed over to stderr; an empty
 * result is a usage error (a CI job pointed at the wrong path must fail, as ESLint's does).
 */
export function requestedSegmentFiles(paths: string[]): { files: string[]; unreadable: number } {
    const search = findSegmentFiles(paths);
    search.notRegular.forEach(entry => process.stderr.write(`warning: skipped ${entry}: not a regular file.\n`));
    search.unreadable.forEach(entry => process.stderr.write(`error: cannot read ${entry}.\n`));
    if (search.skippedLinks > 0) {
        process.stderr.write(`${search.skippedLinks} symbolic link(s) not followed (already searched, a loop, or dangling).\n`);
    }
    if (search.files.length === 0 && search.unreadable.length === 0) {
        throw new InputError(`no .segment files found in ${paths.map(p => `'${p}'`).join(', ')}.`);
    }
    return { files: search.files, unreadable: search.unreadable.length };
}
