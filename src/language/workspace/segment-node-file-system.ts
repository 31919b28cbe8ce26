import { promises as fs } from 'node:fs';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { SizedFileSystemProvider } from './segment-document-factory.js';

/**
 * Node's file system as Langium reads it, and the size of a file without reading it, so that a
 * `.segment` file too large to analyse is refused before it is read (segment-document-factory.ts).
 * The server and the CLI use it; the language module itself stays free of `fs`.
 */
export class SegmentNodeFileSystemProvider extends NodeFileSystemProvider implements SizedFileSystemProvider {
    async fileSize(uri: URI): Promise<number> {
        return (await fs.stat(uri.fsPath)).size;
    }
}

/** The file-system context for createSegmentServices, like Langium's NodeFileSystem. */
export const SegmentNodeFileSystem = {
    fileSystemProvider: () => new SegmentNodeFileSystemProvider(),
};
