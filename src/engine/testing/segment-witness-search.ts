/**
 * The search behind generated example profiles: profiles are assembled from the segment's own
 * values (segment-witness-hints.ts) and improved by random local search, guided by the
 * explanation tree (how far each clause is from the wanted truth value), then shrunk to a minimal
 * profile. Search-based test data generation, as EvoSuite does for Java: it needs no solver for
 * every PQL construct, and whatever it returns the evaluator has already accepted.
 */
import type { ExplainNode } from '../explain/segment-explain.js';
import type { CompiledSegment, Profile } from '../segment-engine.js';
import type { Random } from '../../shared/segment-random.js';
import type { WitnessHints } from './segment-witness-hints.js';

/** What the profile must do: match, or satisfy every top-level clause but `clause`. */
export type WitnessTarget = { kind: 'match' } | { kind: 'near-miss'; clause: number };

/** A profile under construction: profile fields and events, each as paths to values. */
interface Candidate {
    fields: Map<string, unknown>;
    events: Array<Map<string, unknown>>;
}

export interface SearchContext {
    compiled: CompiledSegment;
    hints: WitnessHints;
    target: WitnessTarget;
    random: Random;
    /** The compiled local segment an `inSegment("…")` clause names (by its text), for guidance into it. */
    referenced: (text: string) => CompiledSegment | undefined;
}

const RESTARTS = 8;
const STEPS = 250;

/** A profile that reaches the target, minimized, or undefined when the search gave up. */
export function searchWitness(context: SearchContext): Profile | undefined {
    for (let restart = 0; restart < RESTARTS; restart++) {
        let current = restart === 0 ? { fields: new Map(), events: [] } : randomCandidate(context);
        let score = fitness(context, current);
        for (let step = 0; step < STEPS && score > 0; step++) {
            const next = mutate(context, current);
            const nextScore = fitness(context, next);
            if (nextScore <= score) {
                current = next;
                score = nextScore;
            }
        }
        if (score === 0) {
            return toProfile(minimize(context, current), context.hints);
        }
    }
    return undefined;
}

/** Whether the profile reaches the target, by the evaluator. */
export function reachesTarget(context: Pick<SearchContext, 'compiled' | 'target'>, profile: Profile): boolean {
    const matched = context.compiled.matches(profile);
    if (context.target.kind === 'match') {
        return matched;
    }
    const tree = context.compiled.explain(profile);
    const clauses = tree ? topLevelClauses(tree) : [];
    const clause = context.target.clause;
    return !matched && clauses.length > clause && clauses.every((c, i) => c.result === (i !== clause));
}

/** The operands of a top-level `and`, or the whole condition. */
export function topLevelClauses(tree: ExplainNode): ExplainNode[] {
    return tree.kind === 'and' ? tree.children ?? [] : [tree];
}

function fitness(context: SearchContext, candidate: Candidate): number {
    const profile = toProfile(candidate, context.hints);
    const tree = context.compiled.explain(profile);
    if (!tree) {
        return Number.POSITIVE_INFINITY;
    }
    const d = (node: ExplainNode, want: boolean): number => distance(node, want, (text, wanted) => {
        const inner = context.referenced(text)?.explain(profile);
        return inner ? d(inner, wanted) : 1;
    });
    let score: number;
    if (context.target.kind === 'match') {
        score = d(tree, true);
    } else {
        const clause = context.target.clause;
        score = topLevelClauses(tree).reduce((sum, c, i) => sum + d(c, i !== clause), 0);
    }
    // The distance may reach 0 while the evaluator disagrees (a clause the tree does not explain): verify.
    return score === 0 && !reachesTarget(context, profile) ? 0.5 : score;
}

/** How far a clause is from the wanted value: 0 when it has it; and/or/not combine their operands. */
function distance(node: ExplainNode, want: boolean, referenced: (text: string, want: boolean) => number): number {
    const children = node.children ?? [];
    switch (node.kind) {
        case 'and': return want ? sum(children.map(c => distance(c, true, referenced))) : Math.min(...children.map(c => distance(c, false, referenced)));
        case 'or': return want ? Math.min(...children.map(c => distance(c, true, referenced))) : sum(children.map(c => distance(c, false, referenced)));
        case 'not': return children.length === 1 ? distance(children[0], !want, referenced) : leafDistance(node, want);
        case 'inSegment': return node.result === want ? 0 : 1 + referenced(node.text, want) / (1 + referenced(node.text, want));
        default: return leafDistance(node, want);
    }
}

function leafDistance(node: ExplainNode, want: boolean): number {
    if (node.result === want) {
        return 0;
    }
    const values = node.values ?? {};
    if (typeof values.left === 'number' && typeof values.right === 'number') {
        return 1 + 0.5 * Math.abs(values.left - values.right) / (Math.abs(values.left) + Math.abs(values.right) + 1);
    }
    // Inside an iteration: the share of conditions no element satisfies (together with the conjuncts before).
    const conditions: ExplainNode[] = [];
    const collect = (n: ExplainNode) => {
        (n.children ?? []).forEach(c => {
            if (c.values && (typeof c.values.satisfied === 'number')) {
                conditions.push(c);
            }
            collect(c);
        });
    };
    collect(node);
    if (conditions.length === 0) {
        return 1;
    }
    const unmet = conditions.filter(c => {
        const hits = Number(c.values!.withPrevious ?? c.values!.satisfied);
        return want ? hits === 0 : hits > 0;
    }).length;
    return 1 + 0.5 * unmet / conditions.length;
}

function sum(values: number[]): number {
    return values.reduce((a, b) => a + b, 0);
}

function pick<T>(random: Random, list: readonly T[]): T {
    return list[Math.floor(random() * list.length)];
}

function randomEvent(context: SearchContext): Map<string, unknown> {
    const event = new Map<string, unknown>();
    for (const [path, values] of context.hints.event) {
        if (path === 'eventType' || path === 'timestamp' || context.random() < 0.4) {
            event.set(path, pick(context.random, values));
        }
    }
    return event;
}

function randomCandidate(context: SearchContext): Candidate {
    const fields = new Map<string, unknown>();
    for (const [path, values] of context.hints.profile) {
        if (context.random() < 0.6) {
            fields.set(path, pick(context.random, values));
        }
    }
    const events = Array.from({ length: Math.floor(context.random() * 3) }, () => randomEvent(context));
    return { fields, events };
}

function mutate(context: SearchContext, candidate: Candidate): Candidate {
    const next: Candidate = { fields: new Map(candidate.fields), events: candidate.events.map(e => new Map(e)) };
    const { random, hints } = context;
    const count = 1 + Math.floor(random() * 2);
    for (let i = 0; i < count; i++) {
        const choice = random();
        if (choice < 0.35 && hints.profile.size > 0) {
            const [path, values] = pick(random, [...hints.profile]);
            if (random() < 0.1) {
                next.fields.delete(path);
            } else {
                next.fields.set(path, pick(random, values));
            }
        } else if (choice < 0.5 || next.events.length === 0) {
            next.events.push(random() < 0.3 && next.events.length > 0 ? new Map(pick(random, next.events)) : randomEvent(context));
        } else if (choice < 0.6) {
            next.events.splice(Math.floor(random() * next.events.length), 1);
        } else {
            const event = pick(random, next.events);
            const [path, values] = pick(random, [...hints.event]);
            if (random() < 0.1 && path !== 'eventType' && path !== 'timestamp') {
                event.delete(path);
            } else {
                event.set(path, pick(random, values));
            }
        }
    }
    return next;
}

/** Drops events and fields one at a time while the target is still reached. */
function minimize(context: SearchContext, candidate: Candidate): Candidate {
    let current = candidate;
    const keeps = (c: Candidate) => reachesTarget(context, toProfile(c, context.hints));
    for (let i = current.events.length - 1; i >= 0; i--) {
        const without = { fields: current.fields, events: current.events.filter((_, j) => j !== i) };
        if (keeps(without)) {
            current = without;
        }
    }
    for (const path of [...current.fields.keys()]) {
        const fields = new Map(current.fields);
        fields.delete(path);
        if (keeps({ fields, events: current.events })) {
            current = { fields, events: current.events };
        }
    }
    current.events.forEach((event, i) => {
        for (const path of [...event.keys()].filter(p => p !== 'eventType' && p !== 'timestamp')) {
            const smaller = new Map(event);
            smaller.delete(path);
            const events = current.events.map((e, j) => (j === i ? smaller : e));
            if (keeps({ fields: current.fields, events })) {
                current = { fields: current.fields, events };
                event = smaller;
            }
        }
    });
    return current;
}

/** The JSON profile of a candidate: paths become nested objects, array fields one-element arrays. */
function toProfile(candidate: Candidate, hints: WitnessHints): Profile {
    const profile: Profile = {};
    for (const [path, value] of candidate.fields) {
        setPath(profile, path, value, 'p', hints.arrays);
    }
    if (candidate.events.length > 0 || hints.usesEvents) {
        profile.xEvent = candidate.events.map(event => {
            const object: Profile = {};
            for (const [path, value] of event) {
                setPath(object, path, value, 'e', hints.arrays);
            }
            return object;
        });
    }
    return profile;
}

function setPath(root: Profile, path: string, value: unknown, scope: 'p' | 'e', arrays: Set<string>): void {
    const parts = path.split('.');
    let target = root;
    for (let i = 0; i < parts.length - 1; i++) {
        const part = parts[i];
        const isArray = arrays.has(`${scope}:${parts.slice(0, i + 1).join('.')}`);
        let next = target[part];
        if (isArray) {
            if (!Array.isArray(next)) {
                next = [{}];
                target[part] = next;
            }
            target = (next as Profile[])[0];
        } else {
            if (typeof next !== 'object' || next === null || Array.isArray(next)) {
                next = {};
                target[part] = next;
            }
            target = next as Profile;
        }
    }
    target[parts.at(-1)!] = value;
}
