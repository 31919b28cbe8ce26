/**
 * A segment compiled for one run (one `now`, one zone), and the registry that compiles the local
 * segments it references through `inSegment`. Each compiled segment memoizes its result for the
 * profile last asked, so a segment referenced twice is evaluated once per profile.
 */
import type { InSegmentExpression, SegmentDefinition } from '../language/generated/ast.js';
import type { Ctx, Pred } from './segment-closures.js';
import { ExpressionCompiler, ROOT_SCOPE } from './segment-compiler.js';
import { ClauseSkeleton, type ClauseInfo, type ExplainNode } from './segment-explain.js';
import type { Zone } from './segment-time.js';
import type { Profile } from './segment-values.js';

/** Statuses of `segmentMembership` that count as membership (§2.15). */
const MEMBER_STATUSES = new Set(['realized', 'existing']);

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
}

function unquote(text: string): string {
    return text.length >= 2 && (text.startsWith('"') || text.startsWith("'")) ? text.slice(1, -1) : text;
}

/** The profile has `segmentMembership.<namespace>.<id>.status` realized or existing in some namespace. */
export function hasMembership(profile: Profile, id: string): boolean {
    const membership = profile.segmentMembership;
    if (typeof membership !== 'object' || membership === null) {
        return false;
    }
    for (const key in membership) {
        const namespace = (membership as Record<string, unknown>)[key];
        const entry = typeof namespace === 'object' && namespace !== null ? (namespace as Record<string, unknown>)[id] : undefined;
        const status = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).status : undefined;
        if (typeof status === 'string' && MEMBER_STATUSES.has(status)) {
            return true;
        }
    }
    return false;
}

/** One segment compiled to closures. */
export class CompiledSegment {
    readonly id: string;
    private predicate: Pred = () => false;
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
        if (this.definition.condition) {
            this.predicate = this.compiler.bool(this.definition.condition, ROOT_SCOPE);
        }
    }

    /** Does the profile belong to the segment? The fast path: no explanation, short-circuit. */
    matches(profile: Profile): boolean {
        if (profile === this.lastProfile) {
            return this.lastResult;
        }
        if (this.busy) {
            // An inSegment cycle (reported by the validator) counts as "not a member".
            return false;
        }
        this.busy = true;
        try {
            this.enter(profile);
            this.lastResult = this.predicate(this.ctx);
            this.lastProfile = profile;
            return this.lastResult;
        } finally {
            this.busy = false;
        }
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
        if (!this.skeletonCache && this.definition.condition) {
            this.skeletonCache = new ClauseSkeleton(this.compiler, this.definition.condition);
        }
        return this.skeletonCache;
    }

    private enter(profile: Profile): void {
        this.ctx.profile = profile;
        this.ctx.scope[0] = profile;
    }
}
