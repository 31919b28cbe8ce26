import { DefaultScopeProvider, stream, type AstNodeDescription, type ReferenceInfo, type Scope, type Stream } from 'langium';
import { isInSegmentExpression } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';

/**
 * `inSegment("…")` resolves by segment id first and then by display name (`name: "…"`), since
 * Adobe's edge doc writes `inSegment("existing segment")` (reference §2.15).
 *
 * Both come from the index's name maps, which follow each file's changes: Langium's global scope
 * (a map of every segment, rebuilt after each change) cost a few ms per keystroke in a large workspace.
 */
export class SegmentScopeProvider extends DefaultScopeProvider {
    private readonly segments: SegmentIndexManager;

    constructor(services: SegmentServices) {
        super(services);
        this.segments = services.shared.workspace.IndexManager as SegmentIndexManager;
    }

    override getScope(context: ReferenceInfo): Scope {
        const scope = super.getScope(context);
        return isInSegmentExpression(context.container) ? new IdThenTitleScope(scope, this.segments) : scope;
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        return referenceType === 'SegmentDefinition' ? new IndexScope(this.segments) : super.getGlobalScope(referenceType, context);
    }
}

/** The workspace's segments by id. */
class IndexScope implements Scope {
    constructor(private readonly segments: SegmentIndexManager) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.segments.segmentsWithId(name)[0];
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.segments.segmentsWithId(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.segments.allElements('SegmentDefinition');
    }
}

/** Ids first (local, then workspace), then display names. */
class IdThenTitleScope implements Scope {
    constructor(private readonly ids: Scope, private readonly segments: SegmentIndexManager) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.ids.getElement(name) ?? this.segments.segmentsWithTitle(name)[0];
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.ids.getElements(name).concat(stream([0]).flatMap(() => this.segments.segmentsWithTitle(name)));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.ids.getAllElements().concat(this.segments.titledSegments());
    }
}
