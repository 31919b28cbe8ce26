// Parses benchmark segments with the real language services (parse, link, validate) and fails loudly on errors.
import { EmptyFileSystem, URI } from 'langium';
import type { SegmentDefinition, SegmentFile } from '../../src/language/generated/ast.js';
import { createSegmentServices } from '../../src/language/segment-module.js';

export async function parseSegments(text: string): Promise<Map<string, SegmentDefinition>> {
    const { shared } = createSegmentServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString<SegmentFile>(text, URI.parse('memory:/bench.segment'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const errors = [
        ...document.parseResult.lexerErrors.map(e => e.message),
        ...document.parseResult.parserErrors.map(e => e.message),
        ...(document.diagnostics ?? []).filter(d => d.severity === 1).map(d => `${d.range.start.line + 1}: ${d.message}`),
    ];
    if (errors.length > 0) {
        throw new Error(`benchmark segments do not validate:\n${errors.join('\n')}`);
    }
    return new Map(document.parseResult.value.segments.map(s => [s.name, s]));
}
