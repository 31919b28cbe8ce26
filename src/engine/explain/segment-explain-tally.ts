/**
 * Tallies an iteration for an explanation: enumerates the candidates of its declarations, counts per
 * clause of each where-condition how many satisfied it (without short-circuit), and builds the nodes.
 * Compiled probes and binders come from segment-explain-iteration.ts.
 */
import { forEachElement, type Ctx, type Fn, type Pred } from '../compile/segment-closures.js';
import { withRange, type ExplainNode, type SourceRange } from './segment-explain.js';
import { toJsonValue } from '../runtime/segment-values.js';

/** What a descent adds to a node: values and child nodes. */
export interface Expansion {
    values: Record<string, unknown>;
    children: ExplainNode[];
}

/** Candidate evaluations left for one explanation: bounds the work on a profile with very many events. */
export interface Budget {
    left: number;
}

export const EXPLAIN_BUDGET = 200_000;

export type Descent = (c: Ctx, budget: Budget) => Expansion;

/** A clause of a where-condition, compiled to be tallied over candidates. */
export interface Probe {
    index: number;
    path: string;
    kind: string;
    text: string;
    range?: SourceRange;
    test?: Pred;
    children: Probe[];
    descent?: Descent;
}

/** A declaration, or the implicit element of a filter: where its elements come from and how one is bound. */
export interface Binder {
    path: string;
    text: string;
    range?: SourceRange;
    source: Fn;
    bind: (c: Ctx, element: unknown, key: unknown) => void;
    where?: Probe;
    probes: Probe[];
}

export type Mode = 'exists' | 'forall';

/** Per-call counts of one binder's probes. */
interface Stats {
    elements: number;
    satisfied: number;
    partial: boolean;
    example?: Witness;
    counterexample?: Witness;
    /** The tuple (elements, keys) of the representative candidate, and its score. */
    representative?: Array<[unknown, unknown]>;
    score: number;
    results: Uint8Array;
    clauseSatisfied: Int32Array;
    clauseOf: Int32Array;
    withPrevious: Int32Array;
    examples: Array<Witness | undefined>;
    /** For a conjunct: the first candidate that satisfied it and the conjuncts before it. */
    jointExamples: Array<Witness | undefined>;
}

/** A candidate, shortly (see `describe`), with its 1-based position in its list and its timestamp when it has them. */
interface Witness {
    text: string;
    at?: number;
    time?: string;
    /** An experience event's `eventType`. */
    type?: string;
}

/**
 * Enumerates the tuples of the binders (each level only under candidates that satisfied the level
 * above, as the evaluator does) and returns one node per binder. `onTuple` sees each full tuple.
 */
export function tally(binders: Binder[], c: Ctx, mode: Mode, budget: Budget, onTuple: (c: Ctx, tuple: unknown[]) => void): ExplainNode[] {
    const stats: Stats[] = binders.map(b => ({
        elements: 0, satisfied: 0, partial: false, score: -1, results: new Uint8Array(b.probes.length),
        clauseSatisfied: new Int32Array(b.probes.length), clauseOf: new Int32Array(b.probes.length),
        withPrevious: new Int32Array(b.probes.length), examples: [], jointExamples: [],
    }));
    const stack: Array<[unknown, unknown]> = [];
    const visit = (i: number): void => {
        const binder = binders[i];
        const st = stats[i];
        forEachElement(binder.source(c), (el, key) => {
            if (budget.left-- <= 0) {
                st.partial = true;
                return false;
            }
            binder.bind(c, el, key);
            stack[i] = [el, key];
            st.elements++;
            const current = (): Witness => describe(el, key);
            const ok = binder.where ? run(binder.where, c, st, mode, current) : true;
            const score = mode === 'forall' ? (ok ? 0 : 1) : !binder.where ? 1 : binder.where.kind === 'and'
                ? binder.where.children.reduce((n, child) => n + st.results[child.index], 0) : st.results[binder.where.index];
            if (score > st.score) {
                st.score = score;
                st.representative = stack.slice(0, i + 1);
            }
            if (ok) {
                st.satisfied++;
                st.example ??= current();
                if (i + 1 < binders.length) {
                    visit(i + 1);
                } else {
                    onTuple(c, stack.map(([element]) => element));
                }
            } else {
                st.counterexample ??= current();
            }
            return true;
        });
    };
    if (binders.length > 0) {
        visit(0);
    }
    return binders.map((binder, i) => declarationNode(binders, i, stats[i], c, mode, budget));
}

/** Evaluates a probe for the bound candidate without short-circuit, counting per clause. */
function run(probe: Probe, c: Ctx, st: Stats, mode: Mode, current: () => Witness): boolean {
    let result: boolean;
    if (probe.test) {
        result = probe.test(c);
        if (result === (mode === 'exists') && st.examples[probe.index] === undefined) {
            st.examples[probe.index] = current();
        }
    } else if (probe.kind === 'not') {
        result = !run(probe.children[0], c, st, mode, current);
    } else {
        let all = true;
        let any = false;
        for (let i = 0; i < probe.children.length; i++) {
            const child = probe.children[i];
            const r = run(child, c, st, mode, current);
            if (probe.kind === 'and' && i > 0 && all && r) {
                st.withPrevious[child.index]++;
                st.jointExamples[child.index] ??= current();
            }
            all &&= r;
            any ||= r;
        }
        result = probe.kind === 'and' ? all : any;
    }
    st.results[probe.index] = result ? 1 : 0;
    st.clauseOf[probe.index]++;
    st.clauseSatisfied[probe.index] += result ? 1 : 0;
    return result;
}

function declarationNode(binders: Binder[], i: number, st: Stats, c: Ctx, mode: Mode, budget: Budget): ExplainNode {
    const binder = binders[i];
    const values: Record<string, unknown> = { elements: st.elements, satisfied: st.satisfied };
    if (mode === 'exists' && st.example !== undefined) {
        putWitness(values, 'example', st.example);
    }
    if (mode === 'forall' && st.counterexample !== undefined) {
        putWitness(values, 'counterexample', st.counterexample);
    }
    if (st.partial) {
        values.partial = true;
    }
    const node: ExplainNode = {
        path: binder.path, kind: 'declaration', text: binder.text, ...withRange(binder.range), values,
        result: mode === 'exists' ? st.satisfied > 0 : st.satisfied === st.elements,
    };
    if (binder.where) {
        const where = binder.where;
        // Nested iterations are explained for the representative candidate, bound again here.
        const representative = st.representative;
        representative?.forEach(([el, key], j) => binders[j].bind(c, el, key));
        const explainedFor = representative && describe(...representative[representative.length - 1]).text;
        const roots = where.kind === 'and' ? where.children : [where];
        node.children = roots.map((p, j) => clauseNode(p, st, c, mode, budget, explainedFor, where.kind === 'and' ? j : undefined));
    }
    return node;
}

/** A clause's node; `conjunct` is its position in an `and` (from the second on, it counts the candidates that also satisfied the earlier conjuncts). */
function clauseNode(probe: Probe, st: Stats, c: Ctx, mode: Mode, budget: Budget, explainedFor: string | undefined, conjunct?: number): ExplainNode {
    const satisfied = st.clauseSatisfied[probe.index];
    const of = st.clauseOf[probe.index];
    const values: Record<string, unknown> = { satisfied, of };
    if (conjunct !== undefined && conjunct > 0) {
        values.withPrevious = st.withPrevious[probe.index];
    }
    const example = (mode === 'exists' ? st.jointExamples[probe.index] : undefined) ?? st.examples[probe.index];
    if (example !== undefined) {
        putWitness(values, mode === 'exists' ? 'example' : 'counterexample', example);
    }
    // exists/select: a conjunct holds when some candidate satisfied it together with the conjuncts before
    // it, so the first ✗ of an `and` is where the candidates run out; forall: when every candidate did.
    const some = conjunct !== undefined && conjunct > 0 ? st.withPrevious[probe.index] : satisfied;
    const node: ExplainNode = { path: probe.path, kind: probe.kind, text: probe.text, ...withRange(probe.range), result: mode === 'exists' ? some > 0 : satisfied === of, values };
    if (probe.descent && explainedFor !== undefined) {
        const expansion = probe.descent(c, budget);
        Object.assign(values, expansion.values, { explainedFor });
        node.children = expansion.children;
    } else if (probe.children.length > 0) {
        node.children = probe.children.map((child, j) => clauseNode(child, st, c, mode, budget, explainedFor, probe.kind === 'and' ? j : undefined));
    }
    return node;
}

/**
 * `example` (the text), `exampleAt` (1-based position in its list) and `exampleTime`: the words
 * "event 4 of 19 on 2026-10-21" need the parts, the CLI prints the text.
 */
function putWitness(values: Record<string, unknown>, name: 'example' | 'counterexample', witness: Witness): void {
    values[name] = witness.text;
    if (witness.at !== undefined) {
        values[`${name}At`] = witness.at;
    }
    if (witness.time !== undefined) {
        values[`${name}Time`] = witness.time;
    }
    if (witness.type !== undefined) {
        values[`${name}Type`] = witness.type;
    }
}

/** A candidate, shortly: its `_id` (else its position) and `timestamp` for a record, else its value. */
function describe(element: unknown, key: unknown): Witness {
    const at = typeof key === 'number' ? { at: key + 1 } : {};
    if (typeof element === 'object' && element !== null && !Array.isArray(element) && !(element instanceof Map)) {
        const record = element as Record<string, unknown>;
        const id = typeof record._id === 'string' || typeof record._id === 'number' ? String(record._id) : `#${String(key)}`;
        const type = typeof record.eventType === 'string' ? { type: record.eventType } : {};
        return typeof record.timestamp === 'string' || typeof record.timestamp === 'number'
            ? { text: `${id} @ ${String(record.timestamp)}`, ...at, time: String(record.timestamp), ...type }
            : { text: id, ...at, ...type };
    }
    const text = typeof element === 'string' ? element : JSON.stringify(toJsonValue(element)) ?? 'null';
    return { text: text.length > 60 ? `${text.slice(0, 59)}…` : text, ...at };
}
