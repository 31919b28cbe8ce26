import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';

/**
 * What a document closed in the editor becomes. Langium keeps it as the editor last sent it, so a
 * closed buffer that was never saved (an untitled file, a file deleted from disk) stayed in the
 * workspace for good: its segment ids kept producing `segment/duplicate-id` errors in other files.
 * A closed buffer without a file behind it leaves the workspace; one with a file is read again
 * from disk (unsaved changes are dropped with the buffer), unless the editor opened it again meanwhile.
 */
export class SegmentDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: LangiumSharedServices['workspace']['FileSystemProvider'];
    private readonly textDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
        this.textDocuments = services.workspace.TextDocuments;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const onDisk = uri.scheme === 'file' ? this.fileSystem.exists(uri).catch(() => false) : Promise.resolve(false);
        void onDisk.then(exists => {
            // Opened again meanwhile (editors close and reopen a tab at once): the open buffer is the document.
            if (this.textDocuments.get(event.document.uri)) {
                return;
            }
            return exists ? this.fireDocumentUpdate([uri], []) : this.fireDocumentUpdate([], [uri]);
        });
    }
}
