import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SegmentFile } from '../../src/language/generated/ast.js';
import { createSegmentServices } from '../../src/language/segment-module.js';

/** Services on an in-memory file system, as the tests of every layer use them. */
export function createTestServices() {
    return createSegmentServices(EmptyFileSystem);
}

/** A parse function over fresh services, plus a way to forget previous documents between tests. */
export function createParser() {
    const services = createTestServices();
    const parse = parseHelper<SegmentFile>(services.Segment);
    return {
        services,
        parse: (text: string, options?: { validation?: boolean; documentUri?: string }) => parse(text, options),
        clear: () => clearDocuments(services.shared),
    };
}

/**
 * Services on the real file system, for tests whose documents live in a project folder: the
 * segment.config.json above a document and the schema files it names apply, as in the editor.
 */
export function createNodeServices() {
    return createSegmentServices(NodeFileSystem);
}

/**
 * The diagnostics of `text` validated as the document at `filePath` (the file itself need not
 * exist; the configuration above it applies). The document is removed afterwards, so a path can be reused.
 */
export async function diagnosticsAt(services: ReturnType<typeof createNodeServices>, filePath: string, text: string): Promise<Diagnostic[]> {
    const { shared } = services;
    const document = shared.workspace.LangiumDocumentFactory.fromString<SegmentFile>(text, URI.file(filePath));
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        return [...document.diagnostics ?? []];
    } finally {
        await clearDocuments(shared, [document]);
    }
}

/** Wraps a PQL condition in a segment declaration. */
export function inSegment(condition: string, id = 't'): string {
    return `segment ${id} {\n    where: ${condition}\n}\n`;
}

export function syntaxErrors(document: LangiumDocument): string[] {
    return [...document.parseResult.lexerErrors, ...document.parseResult.parserErrors].map(e => e.message);
}
