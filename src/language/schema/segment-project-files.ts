import type { FileSystemProvider, URI } from 'langium';

/**
 * Reads a file that segment.config.json names (or the config itself), or says why it cannot —
 * never with a word of its content. Only a regular file is read: a folder is named as one (it was
 * reported as "no such file"), and a FIFO or device is refused, since reading one could wait
 * forever or never end (`/dev/zero`).
 */
export async function readProjectFile(fileSystem: FileSystemProvider, uri: URI): Promise<{ text: string } | { problem: string }> {
    let node: Awaited<ReturnType<FileSystemProvider['stat']>>;
    try {
        node = await fileSystem.stat(uri);
    } catch {
        return { problem: 'no such file' };
    }
    if (node.isDirectory) {
        return { problem: 'it is a folder, not a file' };
    }
    if (!node.isFile) {
        return { problem: 'it is not a regular file' };
    }
    try {
        return { text: await fileSystem.readFile(uri) };
    } catch (error) {
        const code = (error as { code?: unknown } | undefined)?.code;
        return { problem: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `it cannot be read${typeof code === 'string' ? ` (${code})` : ''}` };
    }
}
