/**
 * Array, set, map, aggregation and object methods (§2.4, §2.5, §2.7, §2.8). Null in → null out (§2.0
 * null propagation): every value-producing method of a missing or null receiver is null — `count`,
 * `sum`, `filter`, `map`, `groupBy` included; `count` and `sum` of an empty list are 0. Boolean tests
 * (`exists`, `includes`, `intersects` …) of null are false. Plain JSON objects are records (one
 * element), `Map`s (from `groupBy`) are collections. `xEvent` is never null (segment-compiler.ts).
 */
import { forEachElement, type Ctx, type ElementFn, type Fn } from '../compile/segment-closures.js';
import { isNil, MapEntry, pqlEquals, sortKey, toNumber, truthy } from './segment-values.js';

/** Methods whose first argument is evaluated per element, with the element as implicit context. */
export const ELEMENT_ARGUMENT_METHODS = new Set(['filter', 'exists', 'map', 'groupby', 'topn', 'bottomn', 'sum', 'average', 'min', 'max']);

/** True when `list` (or a single value) holds an element equal to `item` (§2.2 equality). */
export function listIncludes(list: unknown, item: unknown): boolean {
    if (isNil(item)) {
        return false;
    }
    if (Array.isArray(list)) {
        for (const element of list) {
            if (!isNil(element) && pqlEquals(item, element)) {
                return true;
            }
        }
        return false;
    }
    return !isNil(list) && pqlEquals(item, list);
}

function asList(value: unknown): unknown[] | null {
    return Array.isArray(value) ? value : isNil(value) ? null : value instanceof Map ? [...value.values()] : [value];
}

function aggregate(kind: string, c: Ctx, receiver: unknown, element: ElementFn | undefined): number | null {
    let total = 0;
    let count = 0;
    let best: number | null = null;
    const add = (value: unknown): void => {
        const n = toNumber(value);
        if (n === null) {
            if (Array.isArray(value)) {
                value.forEach(add);
            }
            return;
        }
        total += n;
        count++;
        if (best === null || (kind === 'min' ? n < best : n > best)) {
            best = n;
        }
    };
    forEachElement(receiver, (el, key) => add(element ? element(c, el, key) : el));
    switch (kind) {
        case 'sum': return total;
        case 'average': return count === 0 ? null : total / count;
        default: return best;
    }
}

function distinct(list: unknown[]): unknown[] {
    const seen = new Set<unknown>();
    const out: unknown[] = [];
    for (const element of list) {
        const primitive = typeof element !== 'object' || element === null;
        if (primitive ? !seen.has(element) : !out.some(o => !isNil(o) && pqlEquals(o, element))) {
            seen.add(element);
            out.push(element);
        }
    }
    return out;
}

function ranked(c: Ctx, receiver: unknown, element: ElementFn | undefined, n: unknown, descending: boolean): unknown[] | null {
    const list = asList(receiver);
    if (!list || typeof n !== 'number') {
        return null;
    }
    const keyed: Array<[number, unknown]> = [];
    list.forEach((el, i) => {
        const key = sortKey(element ? element(c, el, i) : el);
        if (key !== null) {
            keyed.push([key, el]);
        }
    });
    keyed.sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]));
    return keyed.slice(0, Math.max(0, Math.floor(n))).map(([, el]) => el);
}

function mapped(c: Ctx, receiver: unknown, element: ElementFn): unknown {
    const results: unknown[] = [];
    forEachElement(receiver, (el, key) => {
        results.push(element(c, el, key));
    });
    // `.map((K, G) => mapEntry(K, …))` builds a map (§2.5, [X] computed attributes).
    if (results.length > 0 && results.every(r => r instanceof MapEntry)) {
        return new Map((results as MapEntry[]).map(e => [e.key, e.value]));
    }
    return results;
}

function getKey(map: unknown, key: unknown): unknown {
    if (map instanceof Map) {
        return map.get(key) ?? null;
    }
    if (typeof map === 'object' && map !== null && !Array.isArray(map) && (typeof key === 'string' || typeof key === 'number')) {
        return Object.prototype.hasOwnProperty.call(map, key) ? (map as Record<string, unknown>)[key] ?? null : null;
    }
    return null;
}

/**
 * Compiles a collection or object method; undefined for a name this module does not know.
 * `args` are the arguments evaluated in the caller's scope, `element` the first argument compiled per element.
 */
export function compileCollectionMethod(name: string, receiver: Fn, args: Fn[], element: ElementFn | undefined): Fn | undefined {
    const [a0, a1] = args;
    switch (name) {
        case 'count': return c => {
            const v = receiver(c);
            return Array.isArray(v) ? v.length : v instanceof Map ? v.size : isNil(v) ? null : 1;
        };
        case 'sum': case 'average': case 'min': case 'max':
            return c => {
                const v = receiver(c);
                return isNil(v) ? null : aggregate(name, c, v, element);
            };
        case 'filter': return c => {
            const v = receiver(c);
            if (isNil(v)) {
                return null;
            }
            const out: unknown[] = [];
            forEachElement(v, (el, key) => {
                if (!element || truthy(element(c, el, key))) {
                    out.push(el);
                }
            });
            return out;
        };
        case 'exists': return c => {
            let found = false;
            forEachElement(receiver(c), (el, key) => !(found = !element || truthy(element(c, el, key))));
            return found;
        };
        case 'map': return element ? c => {
            const v = receiver(c);
            return isNil(v) ? null : mapped(c, v, element);
        } : receiver;
        case 'groupby': return c => {
            const v = receiver(c);
            if (isNil(v)) {
                return null;
            }
            const groups = new Map<unknown, unknown[]>();
            forEachElement(v, (el, key) => {
                const group = element ? element(c, el, key) : el;
                if (!isNil(group) && typeof group !== 'object') {
                    groups.set(group, [...(groups.get(group) ?? []), el]);
                }
            });
            return groups;
        };
        case 'topn': case 'bottomn':
            return c => ranked(c, receiver(c), element, a1?.(c), name === 'topn');
        case 'head': return c => {
            const v = receiver(c);
            return Array.isArray(v) ? v[0] ?? null : v ?? null;
        };
        case 'distinct': return c => {
            const list = asList(receiver(c));
            return list && distinct(list);
        };
        case 'intersects': case 'intersection': case 'subsetof': case 'supersetof':
            return a0 ? compileSetOperation(name, receiver, a0) : undefined;
        case 'includes': return c => {
            const list = receiver(c);
            return !isNil(list) && listIncludes(list, a0?.(c));
        };
        case 'get': return c => getKey(receiver(c), a0?.(c));
        case 'keys': return c => {
            const v = receiver(c);
            return v instanceof Map ? [...v.keys()] : typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : null;
        };
        case 'values': return c => {
            const v = receiver(c);
            return v instanceof Map ? [...v.values()] : typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.values(v) : null;
        };
        case 'isnull': return c => isNil(receiver(c));
        case 'isnotnull': return c => !isNil(receiver(c));
        default: return undefined;
    }
}

function compileSetOperation(name: string, receiver: Fn, other: Fn): Fn {
    return c => {
        const a = asList(receiver(c));
        const b = asList(other(c));
        if (!a || !b) {
            return name === 'intersection' ? null : false;
        }
        switch (name) {
            case 'intersects': return a.some(x => listIncludes(b, x));
            case 'intersection': {
                // No common element → null, not [] (§2.4, [L]).
                const common = distinct(a.filter(x => listIncludes(b, x)));
                return common.length > 0 ? common : null;
            }
            case 'subsetof': return a.every(x => listIncludes(b, x));
            default: return b.every(x => listIncludes(a, x));
        }
    };
}
