/**
 * `select`, `exists`, `forall` and `sum|average|min|max … over …` (§2.8, §2.11, §2.12). Declarations
 * `V1 from A1 where C1, V2 from A2 where C2 …` nest left to right; a source or condition sees the
 * variables to its left. exists = some tuple satisfies every condition (nested existential); forall =
 * every tuple satisfies every condition (nested universal; vacuously true for no elements) ([I]).
 */
import type { AggregationExpression, Declaration, QuantifiedExpression, SelectExpression } from '../../language/generated/ast.js';
import type { Ctx, Fn, Pred } from '../compile/segment-closures.js';
import type { ExpressionCompiler, Scope } from '../compile/segment-compiler.js';
import { toNumber } from './segment-values.js';

interface CompiledDeclaration {
    slot: number;
    source: Fn;
    condition?: Pred;
}

const NO_ELEMENTS: unknown[] = [];

/** The elements a declaration ranges over: a list, a Map's values, one record, or nothing. */
export function elementsOf(value: unknown): unknown[] {
    if (Array.isArray(value)) {
        return value;
    }
    if (value === null || value === undefined) {
        return NO_ELEMENTS;
    }
    return value instanceof Map ? [...value.values()] : [value];
}

function compileDeclarations(compiler: ExpressionCompiler, declarations: Declaration[], scope: Scope): { steps: CompiledDeclaration[]; scope: Scope } {
    let current = scope;
    const steps = declarations.map(d => {
        const source = compiler.value(d.source, current);
        const declared = compiler.declare(current, d.variable.name);
        current = declared.scope;
        const condition = d.condition ? compiler.bool(d.condition, current) : undefined;
        return { slot: declared.slot, source, condition };
    });
    return { steps, scope: current };
}

/** Calls `visit` for each tuple passing the conditions; stops when it returns false. */
function forEachTuple(steps: CompiledDeclaration[], c: Ctx, visit: (c: Ctx) => boolean, i = 0): boolean {
    if (i === steps.length) {
        return visit(c);
    }
    const { slot, source, condition } = steps[i];
    const elements = elementsOf(source(c));
    for (let k = 0; k < elements.length; k++) {
        c.vars[slot] = elements[k];
        if ((!condition || condition(c)) && !forEachTuple(steps, c, visit, i + 1)) {
            return false;
        }
    }
    return true;
}

/** Nested existential: is there a tuple passing every condition? Allocation-free. */
function existsTuple(steps: CompiledDeclaration[], c: Ctx, i: number): boolean {
    const { slot, source, condition } = steps[i];
    const elements = elementsOf(source(c));
    const last = i === steps.length - 1;
    for (let k = 0; k < elements.length; k++) {
        c.vars[slot] = elements[k];
        if ((!condition || condition(c)) && (last || existsTuple(steps, c, i + 1))) {
            return true;
        }
    }
    return false;
}

function forallTuples(steps: CompiledDeclaration[], c: Ctx, i: number): boolean {
    const { slot, source, condition } = steps[i];
    const elements = elementsOf(source(c));
    const last = i === steps.length - 1;
    for (let k = 0; k < elements.length; k++) {
        c.vars[slot] = elements[k];
        if ((condition && !condition(c)) || (!last && !forallTuples(steps, c, i + 1))) {
            return false;
        }
    }
    return true;
}

/** `select …`: as a value, the matching elements (one variable) or tuples `[V1, V2, …]`; as a condition, "some tuple". */
export function compileSelect(compiler: ExpressionCompiler, node: SelectExpression, scope: Scope, asCondition: boolean): Fn | Pred {
    const { steps } = compileDeclarations(compiler, node.declarations, scope);
    if (asCondition) {
        return c => existsTuple(steps, c, 0);
    }
    const slots = steps.map(s => s.slot);
    return c => {
        const out: unknown[] = [];
        forEachTuple(steps, c, ctx => {
            out.push(slots.length === 1 ? ctx.vars[slots[0]] : slots.map(s => ctx.vars[s]));
            return true;
        });
        return out;
    };
}

/** `exists …` / `forall …`. */
export function compileQuantifier(compiler: ExpressionCompiler, node: QuantifiedExpression, scope: Scope): Pred {
    const { steps } = compileDeclarations(compiler, node.declarations, scope);
    return node.quantifier === 'exists' ? c => existsTuple(steps, c, 0) : c => forallTuples(steps, c, 0);
}

/**
 * `sum EXPR over V from A where C, …` and the short form `sum V from A where C`. Tuples whose EXPR is
 * not a number are skipped; sum of nothing is 0, average/min/max of nothing null (§2.8, [L]).
 */
export function compileAggregation(compiler: ExpressionCompiler, node: AggregationExpression, scope: Scope): Fn {
    const { steps, scope: inner } = compileDeclarations(compiler, node.declarations, scope);
    const lastSlot = steps[steps.length - 1]?.slot ?? 0;
    const value: Fn = node.value ? compiler.value(node.value, inner) : c => c.vars[lastSlot];
    const kind = node.function;
    return c => {
        let total = 0;
        let count = 0;
        let best: number | null = null;
        forEachTuple(steps, c, ctx => {
            const n = toNumber(value(ctx));
            if (n !== null) {
                total += n;
                count++;
                best = best === null || (kind === 'min' ? n < best : n > best) ? n : best;
            }
            return true;
        });
        return kind === 'sum' ? total : kind === 'average' ? (count === 0 ? null : total / count) : best;
    };
}
