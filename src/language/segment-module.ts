import { inject, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { SegmentGeneratedModule, SegmentGeneratedSharedModule } from './generated/module.js';
import { SegmentFormatter } from './lsp/segment-formatter.js';
import { SegmentParserErrorMessageProvider } from './segment-error-messages.js';
import { createSegmentParser } from './segment-parser.js';
import { SegmentIndexManager } from './workspace/segment-index-manager.js';
import { SegmentDocumentValidator } from './validation/segment-document-validator.js';
import { registerValidationChecks } from './validation/segment-validator.js';

/** Services this language adds to Langium's defaults, grouped by domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SegmentAddedServices {}

export type SegmentServices = LangiumServices & SegmentAddedServices;

export const SegmentModule: Module<SegmentServices, PartialLangiumServices & SegmentAddedServices> = {
    parser: {
        LangiumParser: services => createSegmentParser(services),
        ParserErrorMessageProvider: () => new SegmentParserErrorMessageProvider(),
    },
    validation: {
        DocumentValidator: services => new SegmentDocumentValidator(services),
    },
    lsp: {
        Formatter: services => new SegmentFormatter(services),
    },
};

/** Workspace-wide services shared by every language of the server (there is one). */
export const SegmentSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        IndexManager: services => new SegmentIndexManager(services),
    },
};

/** Creates the shared and language services; the same set is used by the server, the CLI and the tests. */
export function createSegmentServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Segment: SegmentServices;
} {
    const shared = inject(createDefaultSharedModule(context), SegmentGeneratedSharedModule, SegmentSharedModule);
    const Segment = inject(createDefaultModule({ shared }), SegmentGeneratedModule, SegmentModule);
    shared.ServiceRegistry.register(Segment);
    registerValidationChecks(Segment);
    return { shared, Segment };
}
