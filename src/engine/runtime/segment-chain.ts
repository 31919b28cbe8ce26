/**
 * `chain(xEvent, timestamp, [S1: WHAT(…) WHERE(…) WHEN(…) COUNT(n), …])` (§2.14, [I]): true iff the
 * steps can be matched in order by events with strictly increasing timestamps; a COUNT(n) step needs
 * at least n matching events, all later than the previous step's last event. Matching each step as
 * early as possible (greedy) is optimal, so one pass over the time-ordered events decides it.
 * WHAT and WHERE are evaluated with the event as implicit context; WHEN tests the ordering timestamp.
 */
import type { ChainExpression, ExpressionRef } from '../../language/generated/ast.js';
import type { Ctx, Pred } from '../compile/segment-closures.js';
import type { ExpressionCompiler, Scope } from '../compile/segment-compiler.js';
import { compileTimeSpec, type TimeTest } from '../time/segment-occurs.js';
import { toEpoch } from './segment-values.js';

interface Step {
    what: (c: Ctx, event: unknown) => boolean;
    where?: (c: Ctx, event: unknown) => boolean;
    when?: TimeTest;
    count: number;
}

/** A compiled chain: `progress` is the number of steps matched (for explanations). */
export interface CompiledChain {
    matches: Pred;
    progress: (c: Ctx) => number;
    /** Explanations only: per step, how many events passed WHAT, WHERE and WHEN, and the events the match chose. */
    explainSteps: (c: Ctx) => ChainStepReport[];
}

/** One step of a chain explained (`where`/`when` only when the step has them; timestamps ISO). */
export interface ChainStepReport {
    matched: boolean;
    what: number;
    where?: number;
    when?: number;
    count?: number;
    /** Timestamps of the events chosen for the step (at most 3); for a step that failed, those it counted. */
    at?: string[];
    /** A step after the first: the previous step's last event, which this step's events must follow. */
    after?: string;
}

export function compileChain(compiler: ExpressionCompiler, node: ChainExpression, scope: Scope): CompiledChain {
    const events = compiler.value(node.events, scope);
    const orderBy = compiler.element(node.orderBy, scope);
    const env = { now: compiler.env.now, zone: compiler.env.zone };
    const steps: Step[] = node.steps.map(s => ({
        what: compiler.elementPred(s.what, scope),
        where: s.where ? compiler.elementPred(s.where, scope) : undefined,
        // A reference expression in WHEN (`WHEN(before date(2026, 1, 1))`) is evaluated in the chain's scope.
        when: s.when ? compileTimeSpec(s.when, { ...env, expression: ref => compiler.value((ref as ExpressionRef).expression, scope) }) : undefined,
        count: Math.max(1, Math.floor(s.count ?? 1)),
    }));
    // Only candidates — events matching some step's WHAT and WHERE — matter, so timestamps are parsed
    // for those alone, and sorted only when the data is out of order.
    const width = steps.length;
    const chainBuffers = new ChainBuffers();

    /** Events already in time order (the usual export): one greedy pass, parsing only the timestamps of matches. */
    const inOrderScan = (c: Ctx, list: unknown[]): number => {
        let s = 0;
        let needed = steps[0].count;
        let last = -Infinity;
        let top = -Infinity;
        for (let i = 0; i < list.length; i++) {
            const event = list[i];
            const step = steps[s];
            if (!step.what(c, event) || (step.where && !step.where(c, event))) {
                continue;
            }
            const t = toEpoch(orderBy(c, event, i));
            if (t === null || t <= last || (step.when && !step.when(t, c))) {
                continue;
            }
            // A step ends at its latest counted event, which in data order need not be the last one read:
            // then a full match is a valid witness whatever the order.
            top = Math.max(top, t);
            if (--needed === 0) {
                last = top;
                if (++s === width) {
                    return width;
                }
                needed = steps[s].count;
            }
        }
        return s;
    };

    const progress = (c: Ctx): number => {
        const value = events(c);
        const list = Array.isArray(value) ? value : [];
        if (width === 0) {
            return 0;
        }
        // A full match found in data order is a valid witness whatever the order; a shorter result
        // stands only when the data is provably in time order.
        const quick = inOrderScan(c, list);
        if (quick === width || provablyInOrder(c, list, orderBy)) {
            return quick;
        }
        const buffers = chainBuffers.reserve(list.length, width);
        const { index, times, hits } = buffers;
        let count = 0;
        let sorted = true;
        for (let i = 0; i < list.length; i++) {
            const event = list[i];
            let any = false;
            for (let s = 0; s < width; s++) {
                const step = steps[s];
                const hit = step.what(c, event) && (!step.where || step.where(c, event));
                hits[count * width + s] = hit ? 1 : 0;
                any ||= hit;
            }
            if (!any) {
                continue;
            }
            const t = toEpoch(orderBy(c, event, i));
            if (t === null) {
                continue;
            }
            sorted &&= count === 0 || t >= times[count - 1];
            index[count] = count;
            times[count] = t;
            count++;
        }
        return sortedProgress(buffers, count, sorted, steps, c);
    };
    /** The same greedy match as `progress`, over all events sorted by time, reporting each step. Not on the fast path. */
    const explainSteps = (c: Ctx): ChainStepReport[] => {
        const value = events(c);
        const list = Array.isArray(value) ? value : [];
        const reports: ChainStepReport[] = steps.map(step => ({
            matched: false, what: 0, ...(step.where ? { where: 0 } : {}), ...(step.when ? { when: 0 } : {}), ...(step.count > 1 ? { count: step.count } : {}),
        }));
        const timed: Array<{ t: number; hits: boolean[] }> = [];
        list.forEach((event, i) => {
            const t = toEpoch(orderBy(c, event, i));
            const hits = steps.map((step, s) => {
                const report = reports[s];
                if (!step.what(c, event)) {
                    return false;
                }
                report.what++;
                if (step.where) {
                    if (!step.where(c, event)) {
                        return false;
                    }
                    report.where!++;
                }
                if (step.when) {
                    if (t === null || !step.when(t, c)) {
                        return false;
                    }
                    report.when!++;
                }
                return t !== null;
            });
            if (t !== null) {
                timed.push({ t, hits });
            }
        });
        // A stable sort keeps data order among equal times, as `progress` does.
        timed.sort((a, b) => a.t - b.t);
        let position = 0;
        let last = -Infinity;
        for (let s = 0; s < width; s++) {
            const chosen: number[] = [];
            while (position < timed.length && chosen.length < steps[s].count) {
                const { t, hits } = timed[position++];
                if (t > last && hits[s]) {
                    chosen.push(t);
                }
            }
            const report = reports[s];
            if (s > 0) {
                report.after = new Date(last).toISOString();
            }
            if (chosen.length > 0) {
                report.at = chosen.slice(0, 3).map(t => new Date(t).toISOString());
            }
            if (chosen.length < steps[s].count) {
                break;
            }
            report.matched = true;
            last = chosen[chosen.length - 1];
        }
        return reports;
    };
    return { matches: c => progress(c) === steps.length, progress, explainSteps };
}

/**
 * The candidates of a chain over data out of time order, reused across profiles: candidate k has the
 * ordering time `times[k]` and, per step s, `hits[k * width + s]` = 1 when it passed the step's WHAT and WHERE.
 */
export class ChainBuffers {
    index = new Int32Array(64);
    times = new Float64Array(64);
    hits = new Uint8Array(64);

    /** Room for `n` candidates of `width` steps (the arrays may be replaced: read them after this). */
    reserve(n: number, width: number): this {
        if (this.index.length < n || this.hits.length < n * width) {
            this.index = new Int32Array(n * 2);
            this.times = new Float64Array(n * 2);
            this.hits = new Uint8Array(n * 2 * width);
        }
        return this;
    }
}

/**
 * The greedy match over the first `count` candidates of `buffers` in time order (a stable sort: data
 * order among equal times); `sorted` says they are in order already. Returns the number of steps matched.
 */
export function sortedProgress(buffers: ChainBuffers, count: number, sorted: boolean, steps: ReadonlyArray<{ count: number; when?: TimeTest }>, c: Ctx): number {
    const { index, times, hits } = buffers;
    const width = steps.length;
    const order = sorted ? index : index.subarray(0, count).sort((a, b) => times[a] - times[b] || a - b);
    let position = 0;
    let last = -Infinity;
    for (let s = 0; s < width; s++) {
        const step = steps[s];
        let needed = step.count;
        while (position < count && needed > 0) {
            const k = order[position++];
            const t = times[k];
            if (t > last && hits[k * width + s] === 1 && (!step.when || step.when(t, c))) {
                needed--;
                if (needed === 0) {
                    last = t;
                }
            }
        }
        if (needed > 0) {
            return s;
        }
    }
    return width;
}

/**
 * True when the events' ordering values are certainly non-decreasing without parsing them: all
 * epoch numbers, or all ISO-8601 UTC strings of one shape (`YYYY-MM-DDTHH:MM:SS[.sss]Z`, same
 * length), which sort as text. Anything else takes the general path.
 */
function provablyInOrder(c: Ctx, list: unknown[], orderBy: (c: Ctx, e: unknown, k: unknown) => unknown): boolean {
    let previousText: string | undefined;
    let previousNumber = -Infinity;
    let sawNumber = false;
    for (let i = 0; i < list.length; i++) {
        const v = orderBy(c, list[i], i);
        if (typeof v === 'string') {
            if (sawNumber || v.charCodeAt(v.length - 1) !== 90 /* Z */ || v.charCodeAt(10) !== 84 /* T */ || v.charCodeAt(4) !== 45 /* - */) {
                return false;
            }
            if (previousText !== undefined && (v.length !== previousText.length || v < previousText)) {
                return false;
            }
            previousText = v;
        } else if (typeof v === 'number') {
            if (previousText !== undefined || v < previousNumber) {
                return false;
            }
            sawNumber = true;
            previousNumber = v;
        } else if (v !== null && v !== undefined) {
            return false;
        }
    }
    return true;
}
