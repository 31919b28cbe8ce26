/**
 * A segment compiled for one run (one `now`, one zone), and the registry that compiles the local
 * segments it references through `inSegment`. Each compiled segment memoizes its result for the
 * profile last asked, so a segment referenced twice is evaluated once per profile.
 */
import type { InSegmentExpression, SegmentDefinition } from '../../language/generated/ast.js';
import type { Ctx, Pred } from './segment-closures.js';
import { generateSegment, type GeneratedSegment } from './segment-codegen.js';
import { ExpressionCompiler, ROOT_SCOPE } from './segment-compiler.js';
import { ClauseSkeleton, type ClauseInfo, type ExplainNode } from '../explain/segment-explain.js';
import type { Zone } from '../time/segment-time.js';
import { ownField } from '../runtime/segment-paths.js';
import type { Profile } from '../runtime/segment-values.js';
import { segmentCondition } from '../../language/segment-properties.js';

/** What every segment of a run shares. */
export interface RunSettings {
    now: number;
    zone: Zone;
    /** Local segments by `aepId`, so `inSegment("<uuid>")` finds a segment declared here first. */
    byAepId: ReadonlyMap<string, SegmentDefinition>;
}

/** Compiles segments on demand and reports compile warnings once. */
export class SegmentRegistry {
    readonly warnings: string[] = [];
    private readonly compiled = new Map<SegmentDefinition, CompiledSegment>();

    constructor(readonly settings: RunSettings) {}

    get(definition: SegmentDefinition): CompiledSegment {
        let compiled = this.compiled.get(definition);
        if (!compiled) {
            compiled = new CompiledSegment(definition, this);
            this.compiled.set(definition, compiled);
            compiled.initialize();
        }
        return compiled;
    }

    warn(message: string): void {
        if (!this.warnings.includes(message)) {
            this.warnings.push(message);
        }
    }

    /** `inSegment(…)`: the local segment it names, else the profile's `segmentMembership` (any namespace). */
    inSegment(node: InSegmentExpression): Pred {
        const id = unquote(node.segment.$refText);
        const local = node.segment.ref ?? this.settings.byAepId.get(id);
        if (local) {
            const target = this.get(local);
            return c => target.matches(c.profile);
        }
        return c => hasMembership(c.profile, id);
    }

    /** `inSegment(…)` as a test of a profile (for generated code); `local` is told whether it names a local segment. */
    inSegmentTest(node: InSegmentExpression, local: () => void): (profile: Profile) => boolean {
        const id = unquote(node.segment.$refText);
        const definition = node.segment.ref ?? this.settings.byAepId.get(id);
        if (definition) {
            local();
            const target = this.get(definition);
            // A target that cannot recurse is called directly (no memo, no guard); one in a cycle, or still compiling, through `matches`.
            return target.directTest ?? (profile => target.matches(profile));
        }
        return profile => hasMembership(profile, id);
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

    constructor(readonly definition: SegmentDefinition, private readonly registry: SegmentRegistry) {
        this.id = definition.name;
    }

    /** Compiles the condition; separate from the constructor so that cyclic references find this instance. */
    initialize(): void {
        const settings = this.registry.settings;
        this.compiler = new ExpressionCompiler({
            now: settings.now,
            zone: settings.zone,
            warn: m => this.registry.warn(`${this.id}: ${m}`),
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
            }, clauses);
        } catch (error) {
            // The closures stay correct; a generator bug must not take the run down.
            this.registry.warn(`${this.id}: fast path unavailable (${(error as Error).message}); using the closure evaluator.`);
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
