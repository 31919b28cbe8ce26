/**
 * Generated example profiles (docs/testing.md): a minimal profile that a segment matches under a
 * pinned now, or a near miss that satisfies every top-level clause but one. Used by the editor's
 * code actions, `segment test --scaffold` and the measurement over random segments. Every profile
 * returned has been accepted by the evaluator; when the search finds none it says so.
 */
import type { InSegmentExpression, SegmentDefinition } from '../../language/generated/ast.js';
import { compileSegment, type CompiledSegment, type Profile } from '../segment-engine.js';
import { collectHints } from './segment-witness-hints.js';
import { seededRandom } from '../../shared/segment-random.js';
import { reachesTarget, searchWitness, topLevelClauses, type WitnessTarget } from './segment-witness-search.js';
import { segmentAepId, segmentCondition, segmentTitle } from '../../language/segment-properties.js';

export type { WitnessTarget } from './segment-witness-search.js';

export interface WitnessOptions {
    now: Date;
    timeZone?: string;
    workspaceSegments?: Iterable<SegmentDefinition>;
    target: WitnessTarget;
    /** Seed of the search (default: from the segment id), so a segment always gives the same profile. */
    seed?: number;
}

export type WitnessResult =
    | { status: 'found'; profile: Profile }
    | { status: 'not-found'; message: string };

/** A profile reaching the target, verified by the evaluator, or why there is none. */
export function generateWitness(segment: SegmentDefinition, options: WitnessOptions): WitnessResult {
    const workspace = [...options.workspaceSegments ?? []];
    const { compiled } = compileSegment(segment, { ...options, workspaceSegments: workspace });
    const clauses = topLevelClauseTexts(segment, options);
    if (options.target.kind === 'near-miss' && (options.target.clause < 0 || options.target.clause >= clauses.length || clauses.length < 2)) {
        return { status: 'not-found', message: `Segment '${segment.name}' has ${clauses.length} top-level clause(s); a near miss needs a clause of a top-level 'and'.` };
    }
    const cache = new Map<string, CompiledSegment | undefined>();
    const referenced = (text: string): CompiledSegment | undefined => {
        if (!cache.has(text)) {
            const id = /^inSegment\("(.*)"\)$/iu.exec(text)?.[1];
            const target = workspace.find(s => s.name === id || segmentTitle(s) === id || segmentAepId(s) === id);
            cache.set(text, target ? compileSegment(target, { ...options, workspaceSegments: workspace }).compiled : undefined);
        }
        return cache.get(text);
    };
    const hints = collectHints(segmentCondition(segment), options.now.getTime(), (node: InSegmentExpression) => (node.segment.ref && segmentCondition(node.segment.ref)));
    const profile = searchWitness({ compiled, hints, target: options.target, random: seededRandom(options.seed ?? hash(segment.name)), referenced });
    // The search verified it already; checking again here keeps "never offer an unverified profile" local and obvious.
    if (profile && reachesTarget({ compiled, target: options.target }, JSON.parse(JSON.stringify(profile)) as Profile)) {
        return { status: 'found', profile };
    }
    const what = options.target.kind === 'match' ? 'matches' : `satisfies every clause but "${clauses[options.target.clause]}"`;
    return { status: 'not-found', message: `No profile found that segment '${segment.name}' ${what}.` };
}

/** The top-level clauses (operands of a top-level `and`, else the whole condition), as explanations write them. */
export function topLevelClauseTexts(segment: SegmentDefinition, options: Pick<WitnessOptions, 'now' | 'timeZone' | 'workspaceSegments'>): string[] {
    const { compiled } = compileSegment(segment, options);
    const tree = compiled.explain({});
    return tree ? topLevelClauses(tree).map(c => c.text) : [];
}

function hash(text: string): number {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
        h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    }
    return h >>> 0;
}
