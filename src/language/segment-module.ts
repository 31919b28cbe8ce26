import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { SegmentGeneratedModule, SegmentGeneratedSharedModule } from './generated/module.js';

/** Services this language adds to Langium's defaults. */
export type SegmentAddedServices = Record<string, never>;

export type SegmentServices = LangiumServices & SegmentAddedServices;

export const SegmentModule: Module<SegmentServices, PartialLangiumServices & SegmentAddedServices> = {
};

/** Creates the shared and language services; the same set is used by the server, the CLI and the tests. */
export function createSegmentServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Segment: SegmentServices;
} {
    const shared = inject(createDefaultSharedModule(context), SegmentGeneratedSharedModule);
    const Segment = inject(createDefaultModule({ shared }), SegmentGeneratedModule, SegmentModule);
    shared.ServiceRegistry.register(Segment);
    return { shared, Segment };
}
