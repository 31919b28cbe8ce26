import { AstUtils, URI, UriUtils, WorkspaceCache, type LangiumSharedCoreServices, type ValidationAcceptor } from 'langium';
import type { SegmentSchemaProvider } from '../schema/segment-schema-provider.js';
import type { SegmentDefinition } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';
import { InSegmentGraph } from './segment-cycles.js';
import { report } from './segment-diagnostics.js';

/** Rules across segments: unique ids in the workspace and no `inSegment` cycles. */
export class SegmentReferenceValidation {
    private readonly segments: SegmentIndexManager;
    /** References change with any document, so one graph per workspace state. */
    private readonly graph: WorkspaceCache<'graph', InSegmentGraph>;
    private readonly shared: LangiumSharedCoreServices;
    private readonly schemas: SegmentSchemaProvider;

    constructor(services: SegmentServices) {
        this.segments = services.shared.workspace.IndexManager as SegmentIndexManager;
        this.graph = new WorkspaceCache(services.shared);
        this.shared = services.shared;
        this.schemas = services.schema.SchemaProvider;
    }

    segmentIdMustBeUniqueInWorkspace = (segment: SegmentDefinition, accept: ValidationAcceptor): void => {
        const uri = AstUtils.getDocument(segment).uri.toString();
        const others = this.segments.segmentsWithId(segment.name)
            .filter(d => !(d.documentUri.toString() === uri && d.node === segment));
        // Within one file, only the later declarations are reported; across files, each file reports its own.
        const earlierHere = others.some(d => d.documentUri.toString() === uri && (d.nameSegment?.range.start.line ?? 0) < (segment.$cstNode?.range.start.line ?? 0));
        const elsewhere = others.filter(d => d.documentUri.toString() !== uri);
        if (earlierHere || elsewhere.length > 0) {
            const where = elsewhere.length > 0 ? ` (also declared in ${this.displayPath(elsewhere[0].documentUri, AstUtils.getDocument(segment).uri)})` : '';
            report(accept, 'segment/duplicate-id', `Segment id '${segment.name}' is declared more than once${where}.`,
                { node: segment, property: 'name' });
        }
    };

    /**
     * A file as the user knows it: relative to the workspace folder holding it (in the CLI, which
     * has none, the project's folder: that of its segment.config.json, else the reporting file's), else its full path.
     */
    private displayPath(uri: URI, from: URI): string {
        const folders = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(f => URI.parse(f.uri));
        const config = this.schemas.schemasFor(uri).configUri;
        const base = [...folders, ...(config ? [UriUtils.dirname(config)] : []), UriUtils.dirname(from)]
            .find(folder => uri.path.startsWith(`${folder.path.replace(/\/$/u, '')}/`));
        return base ? UriUtils.relative(base, uri) : uri.path;
    }

    segmentMustNotDependOnItself = (segment: SegmentDefinition, accept: ValidationAcceptor): void => {
        const path = this.graph.get('graph', () => new InSegmentGraph()).cycleThrough(segment);
        if (path) {
            report(accept, 'reference/cycle', `Segment '${segment.name}' depends on itself: ${path.map(s => s.name).join(' → ')}.`,
                { node: segment, property: 'name' });
        }
    };
}
