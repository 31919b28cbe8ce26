import {
    DefaultScopeProvider, MapScope, WorkspaceCache, stream, type AstNodeDescription, type AstNodeLocator, type LangiumDocuments, type ReferenceInfo, type Scope, type Stream,
} from 'langium';
import { isInSegmentExpression, isSegmentDefinition } from './generated/ast.js';
import type { SegmentServices } from './segment-module.js';
import { SegmentIndexManager } from './workspace/segment-index-manager.js';

/**
 * `inSegment("…")` resolves by segment id first and then by display name (`name: "…"`), since
 * Adobe's edge doc writes `inSegment("existing segment")` (reference §2.15).
 */
export class SegmentScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly locator: AstNodeLocator;
    private readonly titles: WorkspaceCache<string, Scope>;
    /**
     * A file's titles, keyed by the index's array of that file's segment descriptions: the index
     * replaces the array when the file is re-indexed, so an unchanged file's titles are reused and
     * an edit resolves the titles of the edited file only (not the ~5,000 segments of the workspace).
     */
    private readonly fileTitles = new WeakMap<AstNodeDescription[], AstNodeDescription[]>();

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
        // One title scope per workspace state (a MapScope per reference re-indexed every title: quadratic),
        // built only when a name is not an id: most references never need it.
        return new IdThenTitleScope(scope, () => this.titles.get('titles', () => new MapScope(this.titleDescriptions())));
    }

    private titleDescriptions(): AstNodeDescription[] {
        const index = this.indexManager;
        if (!(index instanceof SegmentIndexManager)) {
            return this.titlesOf(index.allElements('SegmentDefinition').toArray());
        }
        return stream(index.segmentDefinitionsByFile()).flatMap(descriptions => {
            let titles = this.fileTitles.get(descriptions);
            if (!titles) {
                titles = this.titlesOf(descriptions);
                this.fileTitles.set(descriptions, titles);
            }
            return titles;
        }).toArray();
    }

    private titlesOf(descriptions: AstNodeDescription[]): AstNodeDescription[] {
        return descriptions.flatMap(description => {
            const document = this.documents.getDocument(description.documentUri);
            const node = document ? this.locator.getAstNode(document.parseResult.value, description.path) : undefined;
            return isSegmentDefinition(node) && node.title && node.title !== node.name ? [{ ...description, name: node.title }] : [];
        });
    }
}

/** Ids first, then display names (the title scope is created on first use). */
class IdThenTitleScope implements Scope {
    private titleScope?: Scope;

    constructor(private readonly ids: Scope, private readonly createTitles: () => Scope) {}

    private get titles(): Scope {
        return this.titleScope ??= this.createTitles();
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.ids.getElement(name) ?? this.titles.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.ids.getElements(name).concat(stream([0]).flatMap(() => this.titles.getElements(name)));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.ids.getAllElements().concat(stream([0]).flatMap(() => this.titles.getAllElements()));
    }
}
