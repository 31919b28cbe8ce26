import { AstUtils, DefaultScopeProvider, stream, type AstNode, type AstNodeDescription, type LocalSymbols, type ReferenceInfo, type Scope, type Stream } from 'langium';
import { isInSegmentExpression } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';

/**
 * `inSegment("…")` resolves by segment id first and then by display name (`name: "…"`), since
 * Adobe's edge doc writes `inSegment("existing segment")` (reference §2.15).
 *
 * Both come from the index's name maps, which follow each file's changes: Langium's global scope
 * (a map of every segment, rebuilt after each change) cost a few ms per keystroke in a large workspace.
 * The file's own segments (they win over other files' segments with the same id) are looked up in a
 * map built once per scope computation: Langium's local scope is a stream that each reference
 * scans, so linking a file of n segments that reference each other cost n²/2 comparisons (a 7 MB
 * file: 40 s of its 80 s).
 */
export class SegmentScopeProvider extends DefaultScopeProvider {
    private readonly segments: SegmentIndexManager;

    constructor(services: SegmentServices) {
        super(services);
        this.segments = services.shared.workspace.IndexManager as SegmentIndexManager;
    }

    private readonly localScopes = new WeakMap<LocalSymbols, Map<string, AstNodeDescription[]>>();

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        if (referenceType !== 'SegmentDefinition') {
            return super.getScope(context);
        }
        // Segments are the only local symbols, all of them on the file's root.
        const root = AstUtils.findRootNode(context.container);
        const locals = this.localSegments(root, AstUtils.getDocument(root).localSymbols);
        const scope = new LocalScope(locals, this.getGlobalScope(referenceType, context));
        return isInSegmentExpression(context.container) ? new IdThenTitleScope(scope, this.segments) : scope;
    }

    /** The file's segments by id, in file order; built once per scope computation. */
    private localSegments(root: AstNode, symbols: LocalSymbols | undefined): Map<string, AstNodeDescription[]> {
        if (!symbols?.has(root)) {
            return new Map();
        }
        let byId = this.localScopes.get(symbols);
        if (!byId) {
            byId = new Map();
            for (const description of symbols.getStream(root)) {
                if (this.reflection.isSubtype(description.type, 'SegmentDefinition')) {
                    const same = byId.get(description.name);
                    if (same) same.push(description); else byId.set(description.name, [description]);
                }
            }
            this.localScopes.set(symbols, byId);
        }
        return byId;
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

/** The file's own segments, then the outer scope (as Langium's local scope, by map). */
class LocalScope implements Scope {
    constructor(private readonly locals: Map<string, AstNodeDescription[]>, private readonly outer: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.locals.get(name)?.[0] ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.locals.get(name) ?? []).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.locals.values()).flatMap(same => same).concat(this.outer.getAllElements());
    }
}
