/**
 * A segment compiled for one run (one `now`, one zone), and the registry that compiles the local
 * segments it references through `inSegment`. Each compiled segment memoizes its result for the
 * profile last asked, so a segment referenced twice is evaluated once per profile.
 */
import type { InSegmentExpression, SegmentDefinition } from '../../language/generated/ast.js';
import type { Ctx, Pred } from './segment-closures.js';
import { generateSegment, type GeneratedSegment } from './segment-codegen.js';
import { dependencyOrder, referencedSegments } from './segment-dependencies.js';
import { ExpressionCompiler, ROOT_SCOPE } from './segment-compiler.js';
import { ClauseSkeleton, type ClauseInfo, type ExplainNode } from '../explain/segment-explain.js';
import type { Zone } from '../time/segment-time.js';
import { ownField } from '../runtime/segment-paths.js';
import type { Profile } from '../runtime/segment-values.js';
import type { SharedEvents } from '../runtime/segment-shared-events.js';
import { segmentCondition } from '../../language/segment-properties.js';

/** What every segment of a run shares. */
export interface RunSettings {
    now: number;
    zone: Zone;
    /** Local segments by `aepId`, so `inSegment("<uuid>")` finds a segment declared here first. */
    byAepId: ReadonlyMap<string, SegmentDefinition>;
    /** The profile's events by type, shared by the run's segments (opened per profile by the run). */
    events: SharedEvents;
}

/**
 * A segment whose local `inSegment` references go deeper than this is evaluated after the segments
 * it references (`SegmentRegistry.prepare`), so that evaluation recursion stays this deep.
 */
export const DIRECT_DEPTH = 16;

/**
 * Compiles segments on demand, each once, and keeps each one's compile warnings. A segment is
 * compiled after the local segments it references (`dependencyOrder`), never by a nested
 * compilation, so a chain of thousands of segments referencing each other does not overflow the stack.
 */
export class SegmentRegistry {
    private readonly compiled = new Map<SegmentDefinition, CompiledSegment>();
    private readonly references = new Map<SegmentDefinition, SegmentDefinition[]>();
    private readonly warnings = new Map<SegmentDefinition, string[]>();
    /** The segments deeper than DIRECT_DEPTH, each after those it references. */
    private readonly deep: CompiledSegment[] = [];
    private preparing = false;

    constructor(readonly settings: RunSettings) {}

    get(definition: SegmentDefinition): CompiledSegment {
        const known = this.compiled.get(definition);
        if (known) {
            return known;
        }
        const created = dependencyOrder(definition, d => this.referencesOf(d), d => this.compiled.has(d)).map(d => {
            // A reference not compiled yet closes a cycle: it adds nothing to the depth.
            const depth = 1 + this.referencesOf(d).reduce((deepest, r) => Math.max(deepest, this.compiled.get(r)?.depth ?? 0), 0);
            const segment = new CompiledSegment(d, this, depth);
            this.compiled.set(d, segment);
            if (depth > DIRECT_DEPTH) {
                this.deep.push(segment);
            }
            return segment;
        });
        for (const segment of created) {
            segment.initialize();
        }
        return this.compiled.get(definition)!;
    }

    warn(definition: SegmentDefinition, message: string): void {
        const list = this.warnings.get(definition) ?? [];
        if (!list.includes(message)) {
            list.push(message);
        }
        this.warnings.set(definition, list);
    }

    /** The warnings of `definition` and of the local segments it reaches, so far (the fast path may warn on first use). */
    warningsOf(definition: SegmentDefinition): string[] {
        if (this.warnings.size === 0) {
            return [];
        }
        const result = new Set<string>();
        for (const reached of dependencyOrder(definition, d => this.referencesOf(d), () => false).reverse()) {
            this.warnings.get(reached)?.forEach(message => result.add(message));
        }
        return [...result];
    }

    /**
     * Evaluates the deep segments for `profile`, each after the segments it references, so that each
     * finds the deep segments it references already evaluated (memoized): the recursion from any one
     * segment stays DIRECT_DEPTH deep. Called by a deep segment asked about a new profile.
     */
    prepare(profile: Profile): void {
        if (this.preparing) {
            return;
        }
        this.preparing = true;
        try {
            for (const segment of this.deep) {
                segment.matches(profile);
            }
        } finally {
            this.preparing = false;
        }
    }

    /** `inSegment(…)`: the local segment it names, else the profile's `segmentMembership` (any namespace). */
    inSegment(node: InSegmentExpression): Pred {
        const local = this.local(node);
        if (local) {
            const target = this.get(local);
            return c => target.matches(c.profile);
        }
        const id = unquote(node.segment.$refText);
        return c => hasMembership(c.profile, id);
    }

    /** `inSegment(…)` as a test of a profile (for generated code); `local` is told whether it names a local segment. */
    inSegmentTest(node: InSegmentExpression, local: () => void): (profile: Profile) => boolean {
        const definition = this.local(node);
        if (definition) {
            local();
            const target = this.get(definition);
            // A target that cannot recurse is called directly (no memo, no guard); one in a cycle, or still compiling, through `matches`.
            return target.directTest ?? (profile => target.matches(profile));
        }
        const id = unquote(node.segment.$refText);
        return profile => hasMembership(profile, id);
    }

    /** The local segment an `inSegment` names (by id, display name or AEP id), if any. */
    private local(node: InSegmentExpression): SegmentDefinition | undefined {
        return node.segment.ref ?? this.settings.byAepId.get(unquote(node.segment.$refText));
    }

    private referencesOf(definition: SegmentDefinition): SegmentDefinition[] {
        let references = this.references.get(definition);
        if (!references) {
            references = referencedSegments(definition, node => this.local(node));
            this.references.set(definition, references);
        }
        return references;
    }
}

function unquote(text: string): string {
    return text.length >= 2 && (text.startsWith('"') || text.startsWith("'")) ? text.slice(1, -1) : text;
}

/** The profile has `segmentMembership.<namespace>.<id>.status` realized or existing (§2.15) in some namespace. */
export function hasMembership(profile: Profile, id: string): boolean {
    const membership = profile.segmentMembership;
    if (typeof membership !== 'object' || membership === null) {
        return false;
    }
    for (const namespace of Object.values(membership)) {
        const entry = typeof namespace === 'object' && namespace !== null ? ownField(namespace, id) : undefined;
        const status = typeof entry === 'object' && entry !== null ? ownField(entry, 'status') : undefined;
        if (status === 'realized' || status === 'existing') {
            return true;
        }
    }
    return false;
}

/** One segment compiled to closures. */
export class CompiledSegment {
    readonly id: string;
    private predicate: Pred = () => false;
    /** The generated fast path (segment-codegen.ts); undefined when generation failed. */
    private generated?: GeneratedSegment;
    /** The generated test when no local `inSegment` can recurse into this segment: called without memo or guard. */
    private direct?: (profile: Profile) => boolean;
    /** The generated clause counter, built on first use; null when unavailable. */
    private counter?: ((profile: Profile, counts: Float64Array) => boolean) | null;
    private referencesLocal = false;
    private skeletonCache?: ClauseSkeleton;
    private compiler!: ExpressionCompiler;
    private readonly ctx: Ctx = { profile: {}, scope: [], vars: [] };
    private lastProfile?: Profile;
    private lastResult = false;
    private busy = false;

    /** The longest chain of local `inSegment` references from here, this segment included. */
    constructor(readonly definition: SegmentDefinition, private readonly registry: SegmentRegistry, readonly depth = 1) {
        this.id = definition.name;
    }

    /** Compiles the condition; separate from the constructor so that cyclic references find this instance. */
    initialize(): void {
        const settings = this.registry.settings;
        this.compiler = new ExpressionCompiler({
            now: settings.now,
            zone: settings.zone,
            warn: m => this.registry.warn(this.definition, `${this.id}: ${m}`),
            inSegment: node => this.registry.inSegment(node),
        });
        // A segment without a condition selects nobody.
        const condition = segmentCondition(this.definition);
        if (condition) {
            this.predicate = this.compiler.bool(condition, ROOT_SCOPE);
            this.generated = this.generate(undefined);
            this.direct = this.generated && !this.referencesLocal ? this.generated.matches : undefined;
        } else {
            this.direct = () => false;
        }
        if (this.direct) {
            this.matches = this.direct;
        }
    }

    /** Generates the fast path (and the clause counter when `clauses` is given); undefined if generation fails. */
    private generate(clauses: ClauseInfo[] | undefined): GeneratedSegment | undefined {
        try {
            return generateSegment(segmentCondition(this.definition)!, {
                compiler: this.compiler,
                ctx: this.ctx,
                inSegment: node => this.registry.inSegmentTest(node, () => {
                    this.referencesLocal = true;
                }),
                events: this.registry.settings.events,
            }, clauses);
        } catch (error) {
            // The closures stay correct; a generator bug must not take the run down.
            this.registry.warn(this.definition, `${this.id}: fast path unavailable (${(error as Error).message}); using the closure evaluator.`);
            return undefined;
        }
    }

    /**
     * Does the profile belong to the segment? The fast path: no explanation, short-circuit. An own
     * property, set once compiled: the generated function itself when no local `inSegment` can
     * recurse (one call less per profile), else the memoized and cycle-guarded evaluation.
     */
    matches: (profile: Profile) => boolean = profile => this.guardedMatches(profile);

    private guardedMatches(profile: Profile): boolean {
        if (profile === this.lastProfile) {
            return this.lastResult;
        }
        if (this.depth > DIRECT_DEPTH) {
            // The segments this one reaches first, deepest first, so that its own evaluation finds them memoized.
            this.registry.prepare(profile);
            if (profile === this.lastProfile) {
                return this.lastResult;
            }
        }
        if (this.busy) {
            // An inSegment cycle (reported by the validator) counts as "not a member".
            return false;
        }
        this.busy = true;
        try {
            const generated = this.generated;
            if (generated) {
                this.lastResult = generated.matches(profile);
            } else {
                this.enter(profile);
                this.lastResult = this.predicate(this.ctx);
            }
            this.lastProfile = profile;
            return this.lastResult;
        } finally {
            this.busy = false;
        }
    }

    /** `matches` without memo and cycle guard, when this segment references no local segment; else undefined. */
    get directTest(): ((profile: Profile) => boolean) | undefined {
        return this.direct;
    }

    /** The clauses of the condition, in explanation order. */
    get clauses(): ClauseInfo[] {
        return this.skeleton?.clauses ?? [];
    }

    /** Evaluates every clause (no short-circuit); returns the result and per-clause results. */
    evaluateClauses(profile: Profile): { matched: boolean; results: Uint8Array } {
        const skeleton = this.skeleton;
        if (!skeleton) {
            return { matched: false, results: new Uint8Array(0) };
        }
        this.enter(profile);
        const matched = skeleton.evaluate(this.ctx);
        return { matched, results: skeleton.lastResults };
    }

    /**
     * Evaluates every clause and adds 1 to `counts[i]` for each clause i that held (indexed like
     * `clauses`); returns whether the profile matched. The generated counter when the clause layout
     * could be generated, else the clause skeleton.
     */
    countClauses(profile: Profile, counts: Float64Array): boolean {
        if (this.counter === undefined) {
            this.counter = (segmentCondition(this.definition) && this.generate(this.clauses)?.count) || null;
        }
        if (this.counter !== null) {
            return this.counter(profile, counts);
        }
        const run = this.evaluateClauses(profile);
        for (let i = 0; i < run.results.length; i++) {
            counts[i] += run.results[i];
        }
        return run.matched;
    }

    /** The explanation tree for one profile; undefined for a segment without a condition. */
    explain(profile: Profile): ExplainNode | undefined {
        const skeleton = this.skeleton;
        if (!skeleton) {
            return undefined;
        }
        this.enter(profile);
        skeleton.evaluate(this.ctx);
        return skeleton.explain(this.ctx);
    }

    private get skeleton(): ClauseSkeleton | undefined {
        const condition = segmentCondition(this.definition);
        if (!this.skeletonCache && condition) {
            this.skeletonCache = new ClauseSkeleton(this.compiler, condition);
        }
        return this.skeletonCache;
    }

    private enter(profile: Profile): void {
        this.ctx.profile = profile;
        this.ctx.scope[0] = profile;
    }
}
