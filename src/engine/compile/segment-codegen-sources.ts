/**
 * JavaScript source text of the generated fast path (segment-codegen.ts) that does not depend on the
 * syntax tree: path readers and the chain loop, and the helpers that source calls (passed in as `H`).
 * Names and constant references (`K[i]`) come from the generator; field names are embedded with JSON.stringify.
 */
import { EQUALS, NOT_EQUALS } from '../runtime/segment-comparisons.js';
import { eventsOf, occursIn } from './segment-compiler.js';
import { getPath, plainKeys } from '../runtime/segment-paths.js';
import { toEpoch, toNumber } from '../runtime/segment-values.js';
import { someString } from '../runtime/segment-strings.js';
import { elementsOf } from '../runtime/segment-iteration.js';
import { sortedProgress } from '../runtime/segment-chain.js';
import type { SharedEvents } from '../runtime/segment-shared-events.js';

/** The rest of a path read from `value` on, when `keys[from]` is missing: lists and Maps take `getPath`. */
function missing(value: unknown, keys: string[], from: number): unknown {
    return Array.isArray(value) || value instanceof Map ? getPath(value, keys.slice(from)) : null;
}

/** `count > k` (strict) or `count >= k` for a count that may be null (the count of a missing list). */
function atLeast(count: number | null, k: number, strict: boolean): boolean {
    return count !== null && (strict ? count > k : count >= k);
}

/** The profile's events of one type during a run (segment-shared-events.ts); anything but a list as it is. */
function eventsOfType(index: SharedEvents, events: unknown, type: string): unknown {
    return Array.isArray(events) ? index.ofType(events, type) : events;
}

/** Adds a value to an aggregate as `aggregate` (segment-functions.ts) does: a number, or the numbers of a list. */
function addNumbers(a: { total: number; count: number; best: number | null; min: boolean }, value: unknown): void {
    const n = toNumber(value);
    if (n !== null) {
        a.total += n;
        a.count++;
        if (a.best === null || (a.min ? n < a.best : n > a.best)) {
            a.best = n;
        }
    } else if (Array.isArray(value)) {
        for (const element of value) {
            addNumbers(a, element);
        }
    }
}

/** What generated code may call, by these names. */
export const HELPERS = { someString, addNumbers, eventsOfType, sortedProgress, toEpoch, toNumber, elementsOf, getPath, occursIn, eventsOf, atLeast, EQUALS, NOT_EQUALS, missing, isArray: Array.isArray };

/** `function <name>(value)` reading `keys` (constant `k`): the same code as `pathReader` (segment-paths.ts). */
export function readerSource(name: string, keys: string[], k: string): string {
    if (!plainKeys(keys)) {
        return `function ${name}(v) { return getPath(v, ${k}); }`;
    }
    // A missing key ends the read: null, unless the value is a list or a Map (projection, map key: the general reader).
    const steps = keys.map((key, i) => `
    if (typeof v !== 'object' || v === null) return null;
    w = v[${JSON.stringify(key)}];
    if (w === undefined) return missing(v, ${k}, ${i});${i < keys.length - 1 ? '\n    v = w;' : ''}`).join('');
    return `function ${name}(value) { let v = value; let w;${steps}
    return w; }`;
}

export interface ChainStepSource {
    /** The test of WHAT (and WHERE) on the event `e`. */
    test: string;
    /** The constant holding the WHEN test `(t, c) => boolean`, if any. */
    when?: string;
    count: number;
}

export interface ChainParts {
    /** The event list, read from the profile `p` or the context `x`. */
    events: string;
    /** The ordering value of the event `e`. */
    order: string;
    /** Statements run per event before the tests (stores the event for closures). */
    store: string;
    /** The name of the function (`chainSortedSource`) that decides on data not provably in order. */
    sorted: string;
    steps: ChainStepSource[];
    /** The constant holding the chain's `ChainBuffers` (segment-chain.ts). */
    buffers: string;
    /** The constant holding the steps as `sortedProgress` takes them: `{ count, when }`. */
    timed: string;
    /** The constant holding the run's events (segment-shared-events.ts) when the chain reads the profile's events in `timestamp` order. */
    shared?: string;
}

/**
 * `function <name>(c, p, x)`: the greedy in-order scan of segment-chain.ts, which also checks (as
 * `provablyInOrder` does) that the ordering values are in order; when the scan falls short on data not
 * provably in order, `sorted` decides.
 */
export function chainSource(name: string, parts: ChainParts): string {
    const { steps } = parts;
    const branch = steps.map((s, i) => `${i === 0 ? '' : 'else '}if (s === ${i}) { if (!(${s.test})) continue; }`).join(' ');
    const whenTest = steps.flatMap((s, i) => (s.when ? [`(s === ${i} && !${s.when}(t, c))`] : []));
    const nextCount = steps.map((s, i) => `s === ${i} ? ${s.count} : `).join('') + '0';
    return `function ${name}(c, p, x) {
    const list = ${parts.events};
    if (!isArray(list)) return false;${parts.shared ? `
    const timeline = ${parts.shared}.timeline(list);
    if (timeline !== undefined) return ${name}timeline(c, timeline);` : ''}
    let s = 0, needed = ${steps[0].count}, last = -Infinity, top = -Infinity;
    let ordered = true, previousText, previousNumber = -Infinity, sawNumber = false;
    for (let i = 0; i < list.length; i++) {
        const e = list[i];
        ${parts.store}const o = ${parts.order};
        if (ordered) {
            if (typeof o === 'string') {
                if (sawNumber || o.charCodeAt(o.length - 1) !== 90 || o.charCodeAt(10) !== 84 || o.charCodeAt(4) !== 45
                    || (previousText !== undefined && (o.length !== previousText.length || o < previousText))) ordered = false;
                else previousText = o;
            } else if (typeof o === 'number') {
                if (previousText !== undefined || o < previousNumber) ordered = false;
                else { sawNumber = true; previousNumber = o; }
            } else if (o !== null && o !== undefined) ordered = false;
        }
        ${branch}
        const t = toEpoch(o);
        if (t === null || t <= last${whenTest.length ? ` || ${whenTest.join(' || ')}` : ''}) continue;
        // A step ends at its latest counted event (data order may not be time order), so a full match is a witness.
        if (t > top) top = t;
        if (--needed === 0) {
            last = top;
            if (++s === ${steps.length}) return true;
            needed = ${nextCount};
        }
    }
    return ordered ? false : ${parts.sorted}(c, list);
}`;
}

/**
 * `function <name>timeline(c, timeline)`: the greedy match of `sortedProgress` over the profile's events
 * in time order (segment-timeline.ts), testing each event against the step being matched only (its time
 * window first: a number comparison or two).
 */
export function chainTimelineSource(name: string, parts: ChainParts): string {
    const steps = parts.steps.map(s => `
    needed = ${s.count};
    while (position < n && needed > 0) {
        const e = events[position], t = times[position];
        position++;
        ${parts.store}if (t > last${s.when ? ` && ${s.when}(t, c)` : ''} && (${s.test}) && --needed === 0) last = t;
    }
    if (needed > 0) return false;`).join('');
    return `function ${name}timeline(c, timeline) {
    const events = timeline.events, times = timeline.times, n = timeline.length;
    let position = 0, last = -Infinity, needed;${steps}
    return true;
}`;
}

/**
 * `function <name>(c, list)`: the candidates (events passing some step's WHAT and WHERE, with an ordering
 * time) into the chain's buffers, every step tested per event, then `sortedProgress` matches them in time
 * order — the general path of segment-chain.ts's `progress`.
 */
export function chainSortedSource(name: string, parts: ChainParts): string {
    const { steps } = parts;
    const width = steps.length;
    const hits = steps.map((s, i) => `const h${i} = ${s.test};`).join(' ');
    const store = steps.map((_, i) => `hits[at + ${i}] = h${i} ? 1 : 0;`).join(' ');
    return `function ${name}(c, list) {
    const buffers = ${parts.buffers}.reserve(list.length, ${width});
    const index = buffers.index, times = buffers.times, hits = buffers.hits;
    let count = 0, sorted = true;
    for (let i = 0; i < list.length; i++) {
        const e = list[i];
        ${parts.store}${hits}
        if (!(${steps.map((_, i) => `h${i}`).join(' || ')})) continue;
        const t = toEpoch(${parts.order});
        if (t === null) continue;
        if (count > 0 && t < times[count - 1]) sorted = false;
        const at = count * ${width};
        ${store}
        index[count] = count;
        times[count] = t;
        count++;
    }
    return sortedProgress(buffers, count, sorted, ${parts.timed}, c) === ${width};
}`;
}
