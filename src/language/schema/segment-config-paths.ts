import { UriUtils, type FileSystemProvider, type URI } from 'langium';

/**
 * Where the paths of a segment.config.json may point (docs/semantics.md, "Paths in
 * segment.config.json"). The editor reads the config of a cloned repository as soon as the folder
 * is opened, so a config must not make the editor or the CLI read files elsewhere on the machine
 * (`"schema": "/etc/passwd"`). A path may point inside the config's own folder, the git repository
 * holding the config (the nearest folder above it with a `.git`; examples/acme reads
 * `../schemas/…`), or the editor's workspace folder holding it (for the CLI, the working folder and the folders named on its command line);
 * `"allowPathsOutsideWorkspace": true`
 * lifts the rule. Paths are compared as written, `..` resolved; symbolic links are not followed
 * (a link inside the repository is the repository's own choice, and no message quotes a file that
 * is not what it should be).
 */
export const ALLOW_OUTSIDE_KEY = 'allowPathsOutsideWorkspace';

/** The folders a config's paths may point into: the config's folder, its repository, the workspace folders holding it. */
export async function pathRoots(fileSystem: FileSystemProvider, configFolder: URI, workspaceFolders: readonly URI[]): Promise<URI[]> {
    const roots = [configFolder];
    const repository = await repositoryRoot(fileSystem, configFolder);
    if (repository) {
        roots.push(repository);
    }
    roots.push(...workspaceFolders.filter(folder => isInside(configFolder, folder)));
    return roots;
}

/** Whether `target` is `folder` or below it. */
export function isInside(target: URI, folder: URI): boolean {
    if (target.scheme !== folder.scheme || target.authority !== folder.authority) {
        return false;
    }
    // Windows drive letters (`/c:/…`) compare without case, as the file system does.
    const fold = (path: string): string => /^\/[a-z]:/iu.test(path) ? path.toLowerCase() : path;
    const base = fold(folder.path.replace(/\/+$/u, ''));
    const path = fold(target.path);
    return path === base || path.startsWith(`${base}/`);
}

/** Why `target`, named by `key` in the config, may not be read; undefined when it may. */
export function outsideProblem(key: string, target: URI, roots: readonly URI[] | undefined): string | undefined {
    if (!roots || roots.some(root => isInside(target, root))) {
        return undefined;
    }
    return `"${key}" names ${target.path}, outside the project's folder, git repository and workspace; `
        + `set "${ALLOW_OUTSIDE_KEY}": true in segment.config.json to read files elsewhere`;
}

async function repositoryRoot(fileSystem: FileSystemProvider, folder: URI): Promise<URI | undefined> {
    for (let current = folder; ;) {
        if (await exists(fileSystem, UriUtils.joinPath(current, '.git'))) {
            return current;
        }
        const parent = UriUtils.dirname(current);
        if (parent.toString() === current.toString() || current.path === '/' || current.path === '') {
            return undefined;
        }
        current = parent;
    }
}

async function exists(fileSystem: FileSystemProvider, uri: URI): Promise<boolean> {
    try {
        return await fileSystem.exists(uri);
    } catch {
        return false;
    }
}
