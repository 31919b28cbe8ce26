/**
 * Field access. A path through an array projects: `xEvent.eventType` is the flattened list of the
 * events' event types, missing values dropped ([I] §2.0, docs/semantics.md "Paths through arrays").
 * A field is present only as an own property: `toString`, `constructor` or `__proto__` never reach
 * a built-in JavaScript member (docs/semantics.md "Nulls, missing fields").
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** `record[name]` when the record holds `name` itself, else undefined (never an inherited member). */
export function ownField(record: object, name: string): unknown {
    return hasOwn.call(record, name) ? (record as Record<string, unknown>)[name] : undefined;
}

/** `value.name`: records by key, lists by projection, `Map`s by key; anything else null. */
export function member(value: unknown, name: string): unknown {
    if (value === null || value === undefined || typeof value !== 'object') {
        return null;
    }
    if (Array.isArray(value)) {
        return project(value, [name], 0);
    }
    if (value instanceof Map) {
        return value.get(name) ?? null;
    }
    return ownField(value, name) ?? null;
}

/** Follows `keys` from `value`; the common case (records only) allocates nothing. */
export function getPath(value: unknown, keys: readonly string[]): unknown {
    let current = value;
    for (let i = 0; i < keys.length; i++) {
        if (current === null || current === undefined || typeof current !== 'object') {
            return null;
        }
        if (Array.isArray(current)) {
            return project(current, keys, i);
        }
        current = current instanceof Map ? current.get(keys[i]) : ownField(current, keys[i]);
    }
    return current ?? null;
}

function project(list: unknown[], keys: readonly string[], from: number): unknown[] {
    const out: unknown[] = [];
    const rest = from === 0 ? keys : keys.slice(from);
    for (const element of list) {
        const v = Array.isArray(element) ? project(element, rest, 0) : getPath(element, rest);
        if (Array.isArray(v)) {
            for (const x of v) {
                if (x !== null && x !== undefined) {
                    out.push(x);
                }
            }
        } else if (v !== null && v !== undefined) {
            out.push(v);
        }
    }
    return out;
}

/** Prototypes whose members a plain `value[key]` would find on a JSON value, a list or a `Map`. */
const PROTOTYPES = [Object.prototype, Array.prototype, Map.prototype, String.prototype, Number.prototype, Boolean.prototype];

/**
 * True when `value[key]` for each key is undefined on anything but a record holding the key, so a
 * generated reader may use plain property loads and leave lists and `Map`s (undefined) to `getPath`:
 * not `length`, an index, `__proto__`, nor a member of a built-in prototype (`values`, `size`, `toString`…).
 */
export function plainKeys(keys: readonly string[]): boolean {
    return keys.length > 0 && keys.length <= 12
        && keys.every(k => k !== '__proto__' && !/^\d/.test(k) && !PROTOTYPES.some(proto => k in proto));
}

/**
 * A reader for a fixed path, generated as JavaScript so that every path gets its own property-load
 * sites (V8 keeps them monomorphic; one shared loop over keys would not be). Keys are embedded with
 * JSON.stringify, so no field name can inject code. Lists and `Map`s fall back to `getPath`.
 */
export function pathReader(keys: readonly string[]): (value: unknown) => unknown {
    if (!plainKeys(keys)) {
        return value => getPath(value, keys);
    }
    const steps = keys.map((key, i) => `
        if (v === null || v === undefined || typeof v !== 'object') return null;
        w = v[${JSON.stringify(key)}];
        if (w === undefined) return Array.isArray(v) || v instanceof Map ? slow(v, ${i}) : null;
        v = w;`).join('');
    const body = `return function read(value) { let v = value; let w;${steps}
        return v; };`;
    const slow = (value: unknown, from: number): unknown => getPath(value, keys.slice(from));
    return new Function('slow', body)(slow) as (value: unknown) => unknown;
}
