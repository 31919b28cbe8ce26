/**
 * Comparison operators (§2.2, §2.4, §2.6): `=`/`!=` need both sides non-null, `<`… need numbers,
 * `in`/`notIn` need both sides non-null. A list on one side and a scalar on the other (a path through
 * an array) holds when some element does — also for `!=` and `notIn` ([I], docs/semantics.md).
 */
import type { ComparisonExpression } from '../../language/generated/ast.js';
import { constantOf, type Fn, type Pred } from '../compile/segment-closures.js';
import type { ExpressionCompiler, Scope } from '../compile/segment-compiler.js';
import { listIncludes } from './segment-functions.js';
import { compileLike, compileMatches } from './segment-strings.js';
import { isNil, pqlEquals, toNumber } from './segment-values.js';

type Relation = (left: unknown, right: unknown) => boolean;

export const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
    '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b,
};

/** Applies a scalar relation, existentially over a list on either side (not both). */
export function someSide(relation: Relation): Relation {
    return (left, right) => {
        if (isNil(left) || isNil(right)) {
            return false;
        }
        const leftList = Array.isArray(left);
        if (leftList !== Array.isArray(right)) {
            const list = (leftList ? left : right) as unknown[];
            for (const element of list) {
                if (!isNil(element) && (leftList ? relation(element, right) : relation(left, element))) {
                    return true;
                }
            }
            return false;
        }
        return relation(left, right);
    };
}

export const EQUALS = someSide(pqlEquals);
export const NOT_EQUALS = someSide((a, b) => !pqlEquals(a, b));

/** Compiles a comparison into a predicate. */
export function compileComparison(compiler: ExpressionCompiler, node: ComparisonExpression, scope: Scope): Pred {
    const left = compiler.value(node.left, scope);
    const right = compiler.value(node.right, scope);
    switch (node.operator) {
        case '=': case '==': return equalsTest(left, right);
        case '!=': return c => NOT_EQUALS(left(c), right(c));
        case 'in': return membership(left, right, false);
        case 'notIn': return membership(left, right, true);
        case 'like': return compileLike(left, right) as Pred;
        case 'matches': return compileMatches(left, right, m => compiler.env.warn(m)) as Pred;
        default: {
            const relation = NUMERIC[node.operator];
            const known = constantOf(right);
            if (known && typeof known.value === 'number') {
                // `path > 1000`: a number on the left is compared directly; lists and odd values take the general rule.
                const k = known.value;
                const general = someSide((a, b) => typeof a === 'number' && relation(a, b as number));
                return c => {
                    const v = left(c);
                    return typeof v === 'number' ? relation(v, k) : general(v, k);
                };
            }
            const test = someSide((a, b) => {
                const x = toNumber(a);
                const y = toNumber(b);
                return x !== null && y !== null && relation(x, y);
            });
            return c => test(left(c), right(c));
        }
    }
}

function equalsTest(left: Fn, right: Fn): Pred {
    const known = constantOf(right);
    if (known && (typeof known.value === 'string' || typeof known.value === 'number')) {
        // The common `path = "literal"`: one strict comparison before the general rules.
        const r = known.value;
        return c => {
            const l = left(c);
            return l === r || (!isNil(l) && EQUALS(l, r));
        };
    }
    return c => EQUALS(left(c), right(c));
}

/**
 * `V in LIST` for a constant non-empty list of strings or numbers (one type): a Set for values of that
 * type, `general` for any value. Undefined for other lists. Shared with the generated fast path.
 */
export function constantMembership(list: unknown, negated: boolean): { set: Set<unknown>; general: (v: unknown) => boolean } | undefined {
    if (!(Array.isArray(list) && list.length > 0 && list.every(x => typeof x === typeof list[0] && (typeof x === 'string' || typeof x === 'number')))) {
        return undefined;
    }
    const set = new Set(list);
    const kind = typeof list[0];
    const one = (v: unknown): boolean => (typeof v === kind ? set.has(v) : listIncludes(list, v)) !== negated;
    const oneElement = (x: unknown): boolean => !isNil(x) && one(x);
    return { set, general: v => !isNil(v) && (Array.isArray(v) ? v.some(oneElement) : one(v)) };
}

/** `V in LIST` / `V notIn LIST`; a constant list of strings or numbers becomes a Set. */
function membership(left: Fn, right: Fn, negated: boolean): Pred {
    const constantList = constantMembership(constantOf(right)?.value, negated);
    if (constantList) {
        const general = constantList.general;
        return c => general(left(c));
    }
    return c => {
        const v = left(c);
        const r = right(c);
        if (isNil(v) || isNil(r)) {
            return false;
        }
        if (Array.isArray(v) && !(Array.isArray(r) && r.some(Array.isArray))) {
            return v.some(x => !isNil(x) && listIncludes(r, x) !== negated);
        }
        return listIncludes(r, v) !== negated;
    };
}
