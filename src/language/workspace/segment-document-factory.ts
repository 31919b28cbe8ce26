import {
    DefaultLangiumDocumentFactory, DocumentState, type AstNode, type Cancellation, type FileSystemProvider, type LangiumDocument, type Mutable, type ParseResult, type URI,
} from 'langium';
import { MAX_DOCUMENT_LENGTH, TOO_LARGE } from '../parser/segment-document-size.js';
import { refusedParse } from '../parser/segment-nesting.js';

/**
 * The size in bytes past which a file cannot hold at most `MAX_DOCUMENT_LENGTH` characters: UTF-8
 * spends at most 3 bytes on a UTF-16 code unit (4 on a surrogate pair, which is 2 units; an
 * invalid byte decodes to one U+FFFD), plus 3 for a byte order mark, which is not text.
 */
export const MAX_FILE_BYTES = 3 * MAX_DOCUMENT_LENGTH + 3;

/** A file system that can tell a file's size without reading it (the Node one: segment-node-file-system.ts). */
export interface SizedFileSystemProvider extends FileSystemProvider {
    fileSize(uri: URI): Promise<number>;
}

function isSized(provider: FileSystemProvider): provider is SizedFileSystemProvider {
    return typeof (provider as Partial<SizedFileSystemProvider>).fileSize === 'function';
}

/**
 * Langium's document factory, which reads a file not open in the editor as one string. A file over
 * `MAX_FILE_BYTES` is not read: it becomes an empty document with the `syntax/too-large` error the
 * parser gives a long text. Reading it first cost as much memory as the file, and a file over
 * ~512 MB (V8's longest string) failed with "RangeError: Invalid string length", an internal error
 * in `segment check` and in the server's indexing of the workspace. Files between the character
 * limit and `MAX_FILE_BYTES` are read and refused by the parser, which names their length.
 */
export class SegmentLangiumDocumentFactory extends DefaultLangiumDocumentFactory {
    override async fromUri<T extends AstNode = AstNode>(uri: URI, cancellationToken?: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const bytes = await this.oversized(uri);
        if (bytes !== undefined) {
            return this.createLangiumDocument(this.refused(uri, bytes) as ParseResult<T>, uri, undefined, '');
        }
        return super.fromUri<T>(uri, cancellationToken);
    }

    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        // An open document's text comes from the editor, never from the file.
        const bytes = this.textDocuments?.get(document.uri.toString()) ? undefined : await this.oversized(document.uri);
        if (bytes === undefined) {
            return super.update(document, cancellationToken);
        }
        // What Langium's update does with a text read from the file, with the empty text and the refusal.
        const textDocument = this.createTextDocumentGetter(document.uri, '');
        Object.defineProperty(document, 'textDocument', { get: textDocument });
        const refused = this.refused(document.uri, bytes) as ParseResult<Mutable<T>>;
        refused.value.$document = document;
        document.parseResult = refused;
        document.state = DocumentState.Parsed;
        return document;
    }

    /** The file's size when it is over `MAX_FILE_BYTES`; undefined when it may be read (or its size is unknown). */
    private async oversized(uri: URI): Promise<number | undefined> {
        if (!isSized(this.fileSystemProvider)) {
            return undefined;
        }
        let bytes: number;
        try {
            bytes = await this.fileSystemProvider.fileSize(uri);
        } catch {
            // Reading it reports what is wrong (no such file, permission denied), as before.
            return undefined;
        }
        return bytes > MAX_FILE_BYTES ? bytes : undefined;
    }

    private refused(uri: URI, bytes: number): ParseResult {
        const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
        const mib = (Math.ceil(bytes / (1024 * 1024) * 10) / 10).toFixed(1);
        return refusedParse(parser, text => parser.parse(text), TOO_LARGE, `This file has ${bytes.toLocaleString('en-US')} bytes (${mib} MiB), `
            + `more than the ${MAX_DOCUMENT_LENGTH.toLocaleString('en-US')} characters (1 MiB) that this tool analyses; it is not read. `
            + 'Expected a smaller file: split its segments across files of at most 1 MiB.');
    }
}
