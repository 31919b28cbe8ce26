import { AstUtils, type ValidationAcceptor } from 'langium';
import type { SegmentFile } from '../generated/ast.js';
import type { SegmentSchemaProvider } from '../schema/segment-schema-provider.js';
import type { SegmentServices } from '../segment-module.js';
import { report } from './segment-diagnostics.js';

/**
 * Problems of segment.config.json or the schema files it names, reported on the first line of each
 * `.segment` document they govern (the JSON files are not documents of this language server).
 */
export class SegmentConfigValidation {
    private readonly schemaProvider: SegmentSchemaProvider;

    constructor(services: SegmentServices) {
        this.schemaProvider = services.schema.SchemaProvider;
    }

    configurationMustBeUsable = (file: SegmentFile, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(file);
        const firstLine = document.textDocument.getText().split(/\r?\n/u, 1)[0] ?? '';
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } };
        for (const problem of this.schemaProvider.schemasFor(document.uri).problems) {
            report(accept, problem.code, problem.message, { node: file, range });
        }
    };
}
