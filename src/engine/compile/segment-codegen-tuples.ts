/**
 * JavaScript source text of `select` / `exists` / `forall` and `sum|average|min|max … over …` in the
 * generated fast path (segment-codegen.ts): the declarations as nested loops, the same order and
 * short-circuits as segment-iteration.ts (`existsTuple`, `forallTuples`, `forEachTuple`). Each variable
 * lives in its closure-compiler slot `c.vars[slot]`, so generated code and the closures it falls back to
 * read the same value, and a nested construct compiled to its own function sees the outer variables.
 */

/** One declaration `V from SOURCE where CONDITION`, as code over `c`, `p` and the implicit context `x`. */
export interface TupleLevel {
    slot: number;
    source: string;
    /** Undefined when the declaration has no `where`. */
    condition?: string;
}

/** The loops over the levels; `innermost` runs for each tuple that passes (forall: `failed` for an element that does not). */
function loops(levels: readonly TupleLevel[], innermost: string, failed: string): string {
    let body = innermost;
    for (let i = levels.length - 1; i >= 0; i--) {
        const { slot, source, condition } = levels[i];
        const test = condition ? `if (!(${condition})) ${failed}\n` : '';
        body = `const l${i} = elementsOf(${source});
for (let i${i} = 0; i${i} < l${i}.length; i${i}++) {
c.vars[${slot}] = l${i}[i${i}];
${test}${body}
}`;
    }
    return body;
}

/** `function <name>(c, p, x)`: exists (some tuple passes every condition) or forall (every tuple does; true for none). */
export function quantifierSource(name: string, quantifier: 'exists' | 'forall', levels: readonly TupleLevel[]): string {
    return quantifier === 'exists'
        ? `function ${name}(c, p, x) {\n${loops(levels, 'return true;', 'continue;')}\nreturn false;\n}`
        : `function ${name}(c, p, x) {\n${loops(levels, '', 'return false;')}\nreturn true;\n}`;
}

/**
 * `function <name>(c, p, x)`: the aggregate of `value` over the tuples; tuples whose value is not a
 * number are skipped; sum of nothing is 0, average/min/max of nothing null (compileAggregation).
 */
export function aggregationSource(name: string, kind: 'sum' | 'average' | 'min' | 'max', levels: readonly TupleLevel[], value: string): string {
    const better = kind === 'min' ? 'n < best' : 'n > best';
    const visit = `const n = toNumber(${value});
if (n !== null) { total += n; count++; if (best === null || ${better}) best = n; }`;
    const result = kind === 'sum' ? 'total' : kind === 'average' ? 'count === 0 ? null : total / count' : 'best';
    return `function ${name}(c, p, x) {
let total = 0, count = 0, best = null;
${loops(levels, visit, 'continue;')}
return ${result};
}`;
}

/**
 * `function <name>(c, p, x)`: `A[cond].sum|average|min|max([EXPR])` without the filtered list: over a list
 * `A`, the numbers among the passing elements' values (lists of numbers flattened, as segment-functions.ts
 * `aggregate` does); anything but a list takes the compiled method call (`whole`).
 */
export function filterAggregateSource(name: string, kind: 'sum' | 'average' | 'min' | 'max', parts: { list: string; store: string; test: string; value: string; whole: string }): string {
    const result = kind === 'sum' ? 'a.total' : kind === 'average' ? 'a.count === 0 ? null : a.total / a.count' : 'a.best';
    return `function ${name}(c, p, x) {
const list = ${parts.list};
if (!isArray(list)) return ${parts.whole};
const a = { total: 0, count: 0, best: null, min: ${kind === 'min'} };
for (let i = 0; i < list.length; i++) {
const e = list[i];
${parts.store}if (${parts.test}) addNumbers(a, ${parts.value});
}
return ${result};
}`;
}
