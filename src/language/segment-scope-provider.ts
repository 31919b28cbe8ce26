import {
    DefaultScopeProvider, MapScope, WorkspaceCache, type AstNodeDescription, type AstNodeLocator, type LangiumDocuments, type ReferenceInfo, type Scope, type Stream,
} from 'langium';
import { isInSegmentExpression, isSegmentDefinition } from './generated/ast.js';
import type { SegmentServices } from './segment-module.js';

/**
 * `inSegment("…")` resolves by segment id first and then by display name (`name: "…"`), since
 * Adobe's edge doc writes `inSegment("existing segment")` (reference §2.15).
 */
export class SegmentScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly locator: AstNodeLocator;
    private readonly titles: WorkspaceCache<string, Scope>;

    constructor(services: SegmentServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locator = services.workspace.AstNodeLocator;
        this.titles = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const scope = super.getScope(context);
        if (!isInSegmentExpression(context.container)) {
            return scope;
        }
        // One title scope per workspace state (a MapScope per reference re-indexed every title: quadratic).
        return new IdThenTitleScope(scope, this.titles.get('titles', () => new MapScope(this.titleDescriptions())));
    }

    private titleDescriptions(): AstNodeDescription[] {
        return this.indexManager.allElements('SegmentDefinition').toArray().flatMap(description => {
            const document = this.documents.getDocument(description.documentUri);
            const node = document ? this.locator.getAstNode(document.parseResult.value, description.path) : undefined;
            return isSegmentDefinition(node) && node.title && node.title !== node.name ? [{ ...description, name: node.title }] : [];
        });
    }
}

/** Ids first, then display names. */
class IdThenTitleScope implements Scope {
    constructor(private readonly ids: Scope, private readonly titles: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.ids.getElement(name) ?? this.titles.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.ids.getElements(name).concat(this.titles.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.ids.getAllElements().concat(this.titles.getAllElements());
    }
}
