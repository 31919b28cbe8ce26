import { inject, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { SegmentGeneratedModule, SegmentGeneratedSharedModule } from './generated/module.js';
import { SegmentCodeLensProvider } from './lsp/segment-code-lens.js';
import { SegmentCodeActionProvider } from './lsp/segment-code-actions.js';
import { SegmentDefinitionProvider } from './lsp/segment-definition-provider.js';
import { SegmentDocumentSymbolProvider } from './lsp/segment-document-symbols.js';
import { SegmentFoldingRangeProvider } from './lsp/segment-folding.js';
import { SegmentFormatter } from './lsp/segment-formatter.js';
import { SegmentReferenceDescriptionProvider } from './lsp/segment-reference-descriptions.js';
import { SegmentRenameProvider } from './lsp/segment-rename-provider.js';
import { SegmentSemanticTokenProvider } from './lsp/segment-semantic-tokens.js';
import { SegmentLexerErrorMessageProvider, SegmentParserErrorMessageProvider } from './parser/segment-error-messages.js';
import { SegmentTokenBuilder } from './parser/segment-token-builder.js';
import { SegmentLookaheadStrategy } from './parser/segment-lookahead.js';
import { createSegmentCompletionParser, createSegmentParser } from './parser/segment-parser.js';
import { SegmentValueConverter } from './parser/segment-value-converter.js';
import { SegmentCompletionProvider } from './lsp/segment-completion-provider.js';
import { SegmentHoverProvider } from './lsp/segment-hover-provider.js';
import { SegmentRunClockProvider } from './evaluation/segment-run-clock.js';
import { SegmentLinker } from './references/segment-linker.js';
import { SegmentScopeComputation } from './references/segment-scope-computation.js';
import { SegmentScopeProvider } from './references/segment-scope-provider.js';
import { SegmentSchemaProvider } from './schema/segment-schema-provider.js';
import { SegmentTypeComputer } from './typing/segment-type-computer.js';
import { SegmentDocumentBuilder } from './workspace/segment-document-builder.js';
import { SegmentLangiumDocumentFactory } from './workspace/segment-document-factory.js';
import { SegmentDocumentUpdateHandler } from './workspace/segment-document-update-handler.js';
import { withoutByteOrderMark } from './workspace/segment-file-system.js';
import { SegmentLangiumDocuments } from './workspace/segment-documents.js';
import { SegmentIndexManager } from './workspace/segment-index-manager.js';
import { SegmentDocumentValidator } from './validation/segment-document-validator.js';
import { SegmentValidationRegistry } from './validation/segment-internal-errors.js';
import { registerValidationChecks } from './validation/segment-validator.js';

/** Services this language adds to Langium's defaults, grouped by domain. */
export interface SegmentAddedServices {
    schema: {
        SchemaProvider: SegmentSchemaProvider;
    };
    typing: {
        TypeComputer: SegmentTypeComputer;
    };
    evaluation: {
        /** The now and time zone a run of a document would use (hover of `occurs` windows). */
        RunClock: SegmentRunClockProvider;
    };
}

export type SegmentServices = LangiumServices & SegmentAddedServices;

export const SegmentModule: Module<SegmentServices, PartialLangiumServices & SegmentAddedServices> = {
    parser: {
        LangiumParser: services => createSegmentParser(services),
        CompletionParser: services => createSegmentCompletionParser(services),
        // One instance serves the parser and the completion parser: each builds its lookahead functions
        // from its own `initialize` call, as it is constructed.
        ParserConfig: () => ({ lookaheadStrategy: new SegmentLookaheadStrategy() }),
        ParserErrorMessageProvider: () => new SegmentParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new SegmentLexerErrorMessageProvider(),
        ValueConverter: () => new SegmentValueConverter(),
        TokenBuilder: () => new SegmentTokenBuilder(),
    },
    validation: {
        DocumentValidator: services => new SegmentDocumentValidator(services),
        ValidationRegistry: services => new SegmentValidationRegistry(services),
    },
    workspace: {
        ReferenceDescriptionProvider: services => new SegmentReferenceDescriptionProvider(services),
    },
    references: {
        Linker: services => new SegmentLinker(services),
        ScopeComputation: services => new SegmentScopeComputation(services),
        ScopeProvider: services => new SegmentScopeProvider(services),
    },
    schema: {
        SchemaProvider: services => new SegmentSchemaProvider(services.shared),
    },
    typing: {
        TypeComputer: services => new SegmentTypeComputer(services),
    },
    evaluation: {
        RunClock: services => new SegmentRunClockProvider(services),
    },
    lsp: {
        CompletionProvider: services => new SegmentCompletionProvider(services),
        HoverProvider: services => new SegmentHoverProvider(services),
        Formatter: services => new SegmentFormatter(services),
        SemanticTokenProvider: services => new SegmentSemanticTokenProvider(services),
        CodeActionProvider: () => new SegmentCodeActionProvider(),
        RenameProvider: services => new SegmentRenameProvider(services),
        DefinitionProvider: services => new SegmentDefinitionProvider(services),
        DocumentSymbolProvider: () => new SegmentDocumentSymbolProvider(),
        FoldingRangeProvider: services => new SegmentFoldingRangeProvider(services),
        CodeLensProvider: () => new SegmentCodeLensProvider(),
    },
};

/** Workspace-wide services shared by every language of the server (there is one). */
export const SegmentSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        IndexManager: services => new SegmentIndexManager(services),
        DocumentBuilder: services => new SegmentDocumentBuilder(services),
        LangiumDocuments: services => new SegmentLangiumDocuments(services),
        LangiumDocumentFactory: services => new SegmentLangiumDocumentFactory(services),
    },
    lsp: {
        DocumentUpdateHandler: services => new SegmentDocumentUpdateHandler(services),
    },
};

/**
 * Creates the shared and language services; the same set is used by the server, the CLI and the tests.
 * `nodeModule` adds what only the Node server has (src/language/evaluation/segment-run-clock-node.ts);
 * tests replace services with it too.
 */
export function createSegmentServices(context: DefaultSharedModuleContext, nodeModule?: Module<SegmentServices, PartialLangiumServices & Partial<SegmentAddedServices>>): {
    shared: LangiumSharedServices;
    Segment: SegmentServices;
} {
    const fileSystem = context.fileSystemProvider;
    const textFiles: DefaultSharedModuleContext = { ...context, fileSystemProvider: services => withoutByteOrderMark(fileSystem(services)) };
    const shared = inject(createDefaultSharedModule(textFiles), SegmentGeneratedSharedModule, SegmentSharedModule);
    const Segment = nodeModule
        ? inject(createDefaultModule({ shared }), SegmentGeneratedModule, SegmentModule, nodeModule)
        : inject(createDefaultModule({ shared }), SegmentGeneratedModule, SegmentModule);
    shared.ServiceRegistry.register(Segment);
    // Created eagerly: it loads segment.config.json and the schemas in a build-phase listener.
    void Segment.schema.SchemaProvider;
    registerValidationChecks(Segment);
    return { shared, Segment };
}
