import { DefaultDocumentBuilder, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';

/**
 * Validates, after an edit, the documents open in the editor and those validated before (whose
 * published diagnostics must follow the edit), not every closed file of the workspace.
 *
 * The initial workspace build does not validate closed files, so they stay below `Validated`, and
 * Langium's `update` would then validate all of them on the first edit anywhere: in a 1,000-file
 * workspace the first `didOpen` started ~4 s of validation that every completion and hover request
 * queued behind (completion p50 40 ms instead of 7 ms). Explicit builds (`build(…, { validation })`,
 * the CLI, tests) are unchanged: this only narrows builds that run with `updateBuildOptions`.
 */
export class SegmentDocumentBuilder extends DefaultDocumentBuilder {
    private readonly validatedBefore = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onUpdate((_changed, deleted) => {
            for (const uri of deleted) {
                this.validatedBefore.delete(uri.toString());
            }
        });
    }

    protected override shouldValidate(document: LangiumDocument): boolean {
        if (!super.shouldValidate(document)) {
            return false;
        }
        const uri = document.uri.toString();
        return this.buildState.get(uri)?.options !== this.updateBuildOptions
            || this.validatedBefore.has(uri)
            || this.textDocuments?.get(uri) !== undefined;
    }

    protected override async validate(document: LangiumDocument, cancelToken: Cancellation.CancellationToken): Promise<void> {
        await super.validate(document, cancelToken);
        this.validatedBefore.add(document.uri.toString());
    }
}
