/**
 * The shape of compiled code: every expression becomes a closure over a per-segment context.
 * Variables live in numbered slots and the implicit-context stack (profile, event, item …) in a
 * preallocated array, so evaluating a profile allocates nothing for scoping.
 */
import type { Profile } from '../runtime/segment-values.js';

/** Mutable evaluation state of one compiled segment; reused for every profile. */
export interface Ctx {
    profile: Profile;
    /** `scope[0]` is the profile, `scope[d]` the element of the d-th enclosing filter level (for `^`). */
    scope: unknown[];
    /** Variable slots (select/exists/forall/let/lambda/aggregation variables). */
    vars: unknown[];
}

export type Fn = (c: Ctx) => unknown;
export type Pred = (c: Ctx) => boolean;
/** A closure evaluated with an element (and its map key or list index) as the implicit context. */
export type ElementFn = (c: Ctx, element: unknown, key: unknown) => unknown;

const CONSTANTS = new WeakMap<Fn, { value: unknown }>();

/** A closure that always returns `value`, marked so that callers can fold it at compile time. */
export function constant(value: unknown): Fn {
    const fn: Fn = () => value;
    CONSTANTS.set(fn, { value });
    return fn;
}

/** The value of a constant closure, or undefined when it depends on the profile. */
export function constantOf(fn: Fn): { value: unknown } | undefined {
    return CONSTANTS.get(fn);
}

/** Folds `fn` over constant inputs now, or keeps it as a closure. */
export function foldIfConstant(inputs: Fn[], fn: Fn, probe: Ctx): Fn {
    return inputs.every(i => CONSTANTS.has(i)) ? constant(fn(probe)) : fn;
}

/** Calls `visit(element, key)` for each element: arrays by index, `Map`s by key; any other non-null value is one element. */
export function forEachElement(value: unknown, visit: (element: unknown, key: unknown) => boolean | void): void {
    if (value === null || value === undefined) {
        return;
    }
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            if (visit(value[i], i) === false) {
                return;
            }
        }
    } else if (value instanceof Map) {
        for (const [key, element] of value) {
            if (visit(element, key) === false) {
                return;
            }
        }
    } else {
        visit(value, 0);
    }
}
