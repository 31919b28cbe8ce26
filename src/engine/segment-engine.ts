/**
 * The evaluator's public API, used by the language server, the CLI and the tests:
 * `evaluateSegment` runs one segment over profiles and returns the JSON the CLI prints.
 * No `vscode` and no LSP imports here, so the engine runs anywhere Node runs.
 */
import type { SegmentDefinition } from '../language/generated/ast.js';
import type { ClauseInfo, ExplainNode } from './explain/segment-explain.js';
import { ClauseTreeTally, type ClauseTreeNode } from './explain/segment-clause-tree.js';
import { CompiledSegment, SegmentRegistry } from './compile/segment-program.js';
import { SharedEvents } from './runtime/segment-shared-events.js';
import { createZone } from './time/segment-time.js';
import type { Profile } from './runtime/segment-values.js';
import { ProfileStream } from './data/segment-dataset.js';
import { REGEX_STEP_BUDGET } from './regex/segment-regex.js';
import { EVALUATION_COUNTERS } from './segment-run-counters.js';
import { segmentAepId } from '../language/segment-properties.js';
import { DataChecks } from './data/segment-data-checks.js';
import { dataWarningMessages, type DataCheckFields, type DataWarnings } from './data/segment-data-warnings.js';

export type { ClauseInfo, ExplainNode, SourceRange } from './explain/segment-explain.js';
export type { ClauseTreeNode } from './explain/segment-clause-tree.js';
export type { Profile } from './runtime/segment-values.js';
export type { DataCheckFields, DataWarnings } from './data/segment-data-warnings.js';
export { CompiledSegment } from './compile/segment-program.js';
export { openDataset, DatasetError, ProfileStream, type Dataset, type DatasetMeta, type DatasetOptions } from './data/segment-dataset.js';
export { resolveNow, resolveRunClock, resolveSample, resolveTimeZone, RunInputError, type ProjectRunConfig } from './data/segment-run-inputs.js';

/** Options of a run. `now` is pinned for the whole run; the caller resolves it (see `resolveNow` in segment-run-inputs.ts). */
export interface EvaluateOptions {
    now: Date;
    /** IANA zone for calendar words, `date(…)` and `getMonth()`…; default UTC. */
    timeZone?: string;
    /** Profiles (by `_id`) to explain clause by clause. */
    explainIds?: readonly string[];
    /** Also list the ids of the profiles that did not match. */
    collectNonMatching?: boolean;
    /** Polled between profiles; returning true stops the run with `EvaluationCancelledError`. */
    cancel?: () => boolean;
    /** Per-clause match counts (default true); false runs only the short-circuiting fast path. */
    clauseCounts?: boolean;
    /** Every segment of the workspace, so `inSegment("<uuid>")` can find a local segment by `aepId`. */
    workspaceSegments?: Iterable<SegmentDefinition>;
    /**
     * Also count every clause inside event selections and chains (`RunResult.clauseTree`), over the
     * first `limit` profiles: it explains each of them, which costs far more than the counting pass.
     */
    clauseTree?: { limit: number };
    /** Check the data for suspicious values at these fields (and for repeated ids): `RunResult.dataWarnings`. */
    dataChecks?: DataCheckFields;
}

/** A clause of the condition and the number of profiles for which it held. */
export interface ClauseCount extends ClauseInfo {
    matched: number;
}

/** Why one profile matched or not. */
export interface ProfileExplanation {
    id: string;
    matched: boolean;
    tree: ExplainNode;
}

/** The result of a run; serializes to the CLI's JSON (`segment`, `now`, `total`, `matched`, `ids`, `clauses`, then extras). */
export interface RunResult {
    segment: string;
    now: string;
    total: number;
    matched: number;
    /** Matching profile ids in dataset order. */
    ids: string[];
    clauses: ClauseCount[];
    timeZone?: string;
    nonMatchingIds?: string[];
    explanations?: ProfileExplanation[];
    /** With the `clauseTree` option: counts at every level of the condition. */
    clauseTree?: ClauseTreeNode;
    /** How many profiles (the first ones) `clauseTree` covers. */
    clauseTreeProfiles?: number;
    /** Compile-time notes (refused regexes, unknown functions …) and what looked suspicious in the data. */
    warnings?: string[];
    /** Regular-expression evaluations stopped by the step budget; each counted as "no match" (docs/semantics.md). */
    regexCuts?: number;
    /** With the `dataChecks` option: what looked suspicious in the data (also worded in `warnings`). */
    dataWarnings?: DataWarnings;
}

/** Thrown when `cancel()` returns true. */
export class EvaluationCancelledError extends Error {
    constructor() {
        super('Segment evaluation was cancelled.');
    }
}

/** Compiles a segment (and the local segments it references) for one `now` and zone. */
export function compileSegment(segment: SegmentDefinition, options: Pick<EvaluateOptions, 'now' | 'timeZone' | 'workspaceSegments'>): { compiled: CompiledSegment; warnings: string[] } {
    const registry = createRegistry(options);
    const compiled = registry.get(segment);
    return { compiled, warnings: registry.warningsOf(segment) };
}

/**
 * A registry for one run: segments compiled in it are compiled once, however many of the run's
 * segments reference them (a registry per segment compiled a chain of n segments n times).
 */
function createRegistry(options: Pick<EvaluateOptions, 'now' | 'timeZone' | 'workspaceSegments'>): SegmentRegistry {
    const now = options.now.getTime();
    if (!Number.isFinite(now)) {
        throw new RangeError('The reference time "now" is not a valid date.');
    }
    const byAepId = new Map<string, SegmentDefinition>();
    for (const s of options.workspaceSegments ?? []) {
        const aepId = segmentAepId(s);
        if (aepId) {
            byAepId.set(aepId, s);
        }
    }
    return new SegmentRegistry({ now, zone: createZone(options.timeZone), byAepId, events: new SharedEvents() });
}

/** The id of a profile: `_id`, or `#<position>` (1-based) when it has none. */
export function profileId(profile: Profile, position: number): string {
    const id = profile._id;
    return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : `#${position}`;
}

/** Profiles of an array or iterable between two cancellation checks (a dataset checks once per read chunk). */
const CHECK_EVERY = 256;

/** Lets the host process a cancellation request (an event-loop turn), then polls it. */
function cancellationCheckpoint(cancel: () => boolean): () => Promise<void> {
    return async () => {
        await new Promise(resolve => setImmediate(resolve));
        if (cancel()) {
            throw new EvaluationCancelledError();
        }
    };
}

/**
 * Runs a segment over profiles (dataset order is kept). Arrays and other sync iterables are looped
 * synchronously, a dataset's `ProfileStream` by `each`: one async step per read chunk, not per profile;
 * with `cancel`, the run also yields to the host and polls it once per chunk (every 256 profiles of
 * an iterable).
 */
export async function evaluateSegment(
    segment: SegmentDefinition,
    profiles: AsyncIterable<Profile> | Iterable<Profile>,
    options: EvaluateOptions,
): Promise<RunResult> {
    return (await evaluateSegments([segment], profiles, options))[0];
}

/** One segment's share of a run over several segments. */
class SegmentRun {
    readonly result: RunResult;
    readonly counts: Float64Array;
    readonly nonMatching: string[] = [];
    readonly explanations: ProfileExplanation[] = [];
    /** What this segment's evaluations bumped in `EVALUATION_COUNTERS`. */
    readonly counters = { regexCuts: 0 };
    readonly tally: ClauseTreeTally | undefined;

    /** `warnings()`: compile warnings, read at the end of the run (a fast path may warn on first use). */
    constructor(segment: SegmentDefinition, readonly compiled: CompiledSegment, readonly warnings: () => string[], readonly counting: boolean, options: EvaluateOptions) {
        const clauses = counting ? compiled.clauses.map(c => ({ ...c, matched: 0 })) : [];
        this.counts = new Float64Array(clauses.length);
        this.result = { segment: segment.name, now: options.now.toISOString(), total: 0, matched: 0, ids: [], clauses };
        if (options.timeZone) {
            this.result.timeZone = options.timeZone;
        }
        this.tally = options.clauseTree && new ClauseTreeTally();
    }
}

/**
 * Runs several segments in one pass over the profiles (AEP's batch segmentation does the same):
 * each profile is read once and tested against every segment. One result per segment, in order.
 */
export async function evaluateSegments(
    segments: readonly SegmentDefinition[],
    profiles: AsyncIterable<Profile> | Iterable<Profile>,
    options: EvaluateOptions,
): Promise<RunResult[]> {
    const counting = options.clauseCounts !== false;
    const registry = createRegistry(options);
    const runs = segments.map(segment => new SegmentRun(segment, registry.get(segment), () => registry.warningsOf(segment), counting, options));
    const explain = new Set(options.explainIds ?? []);
    const needIds = options.collectNonMatching || explain.size > 0;
    const tallyLimit = options.clauseTree?.limit ?? 0;
    let total = 0;
    const checks = options.dataChecks && new DataChecks(options.dataChecks);
    const events = registry.settings.events;
    const visit = (profile: Profile): void => {
        const position = ++total;
        events.startProfile();
        let id: string | undefined;
        if (checks) {
            const own = profile._id;
            checks.visit(profile, typeof own === 'string' || typeof own === 'number' ? String(own) : undefined);
        }
        for (const run of runs) {
            const result = run.result;
            const cutsBefore = EVALUATION_COUNTERS.regexCuts;
            const matched = counting ? run.compiled.countClauses(profile, run.counts) : run.compiled.matches(profile);
            run.counters.regexCuts += EVALUATION_COUNTERS.regexCuts - cutsBefore;
            if (run.tally && position <= tallyLimit) {
                const tree = run.compiled.explain(profile);
                if (tree) {
                    run.tally.add(tree);
                }
            }
            if (!matched && !needIds) {
                continue;
            }
            id ??= profileId(profile, position);
            if (matched) {
                result.matched++;
                result.ids.push(id);
            } else if (options.collectNonMatching) {
                run.nonMatching.push(id);
            }
            if (explain.has(id)) {
                const tree = run.compiled.explain(profile);
                if (tree) {
                    run.explanations.push({ id, matched, tree });
                }
            }
        }
    };
    try {
        await visitAll(profiles, visit, () => total, options.cancel);
    } finally {
        // The index belongs to the run's profiles: a segment asked afterwards visits every event.
        events.close();
    }
    const dataWarnings = checks?.result();
    return runs.map(run => {
        const result = run.result;
        result.total = total;
        result.clauses.forEach((clause, i) => {
            clause.matched = run.counts[i];
        });
        if (options.collectNonMatching) {
            result.nonMatchingIds = run.nonMatching;
        }
        if (options.explainIds) {
            result.explanations = run.explanations;
        }
        const { counters } = run;
        if (counters.regexCuts > 0) {
            result.regexCuts = counters.regexCuts;
        }
        if (dataWarnings) {
            result.dataWarnings = dataWarnings;
        }
        const notes = [...run.warnings(), ...counterWarnings(counters), ...dataWarningMessages(dataWarnings)];
        if (notes.length > 0) {
            result.warnings = notes;
        }
        if (run.tally?.tree) {
            result.clauseTree = run.tally.tree;
            result.clauseTreeProfiles = run.tally.profiles;
        }
        return result;
    });
}

/** Calls `visit` for each profile, polling `cancel` between chunks (see evaluateSegment). */
async function visitAll(profiles: AsyncIterable<Profile> | Iterable<Profile>, visit: (profile: Profile) => void, visited: () => number, cancel: (() => boolean) | undefined): Promise<void> {
    const checkpoint = cancel && cancellationCheckpoint(cancel);
    if (profiles instanceof ProfileStream) {
        await profiles.each(visit, checkpoint);
    } else if (Symbol.iterator in profiles) {
        for (const profile of profiles) {
            if (checkpoint && visited() % CHECK_EVERY === 0) {
                await checkpoint();
            }
            visit(profile);
        }
    } else {
        for await (const profile of profiles) {
            if (checkpoint && visited() % CHECK_EVERY === 0) {
                await checkpoint();
            }
            visit(profile);
        }
    }
}

function counterWarnings(counters: { regexCuts: number }): string[] {
    const notes: string[] = [];
    if (counters.regexCuts > 0) {
        notes.push(`${counters.regexCuts} regular-expression evaluation${counters.regexCuts === 1 ? ' was' : 's were'} cut after ${REGEX_STEP_BUDGET.toLocaleString('en-US')} steps and counted as not matching.`);
    }
    return notes;
}
