import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
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

/** Wraps a PQL condition in a segment declaration. */
export function inSegment(condition: string, id = 't'): string {
    return `segment ${id} {\n    where: ${condition}\n}\n`;
}

export function syntaxErrors(document: LangiumDocument): string[] {
    return [...document.parseResult.lexerErrors, ...document.parseResult.parserErrors].map(e => e.message);
}
