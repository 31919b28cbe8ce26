/**
 * Reading the SQL text the compiler printed, for the rewrites of sql-events.ts: which lambda
 * parameters and row aliases an expression uses, renaming a parameter, and splitting a predicate
 * into its top-level `AND` operands. String literals and quoted identifiers are skipped, so a field
 * or a literal that happens to spell a name is never taken for it. Lambda parameters are the
 * compiler's `v<n>` names (SqlCompiler.fresh), bound by `lambda v<n>:` (DuckDB) or `v<n> ->` (Spark).
 * The dialect decides the quoting: DuckDB doubles quotes ('it''s', "a""b"); Spark escapes with a
 * backslash ('it\\'s') and quotes identifiers with backticks (sql-dialects.ts).
 */
import type { Dialect } from './sql-dialects.js';

/** A bare word, a quoted part, or one other character. */
const TOKENS: Record<Dialect, RegExp> = {
    duckdb: /'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|\s+|./gs,
    spark: /'(?:[^'\\]|\\.)*'|`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_]*|\s+|./gs,
};

function tokens(sql: string, dialect: Dialect): string[] {
    return sql.match(TOKENS[dialect]) ?? [];
}

/** The names a lambda binds: DuckDB's `lambda v:`, Spark's `v ->`. */
function boundNames(list: readonly string[], dialect: Dialect): Set<string> {
    const bound = new Set<string>();
    const next = (i: number): number => {
        let k = i + 1;
        while (k < list.length && list[k].trim() === '') {
            k++;
        }
        return k;
    };
    list.forEach((t, i) => {
        if (dialect === 'duckdb' && t === 'lambda' && next(i) < list.length) {
            bound.add(list[next(i)]);
        } else if (dialect === 'spark' && isWord(t) && list[next(i)] === '-' && list[next(i) + 1] === '>') {
            bound.add(t);
        }
    });
    return bound;
}

const isWord = (t: string): boolean => /^[A-Za-z_]/.test(t);

/**
 * The lambda parameters an expression reads without binding them, and whether it reads a row
 * alias (`alias.` or `alias` alone: a column of the profile row, so a value per profile).
 */
export function freeNames(sql: string, alias: string, dialect: Dialect = 'duckdb'): { params: Set<string>; row: boolean } {
    const list = tokens(sql, dialect);
    const bound = boundNames(list, dialect);
    const params = new Set<string>();
    let row = false;
    for (const t of list) {
        if (t === alias) {
            row = true;
        } else if (/^v\d+$/.test(t)) {
            params.add(t);
        }
    }
    // A name bound somewhere inside is not free even if read before its `lambda` in the text.
    for (const b of bound) {
        params.delete(b);
    }
    return { params, row };
}

/** `sql` with every bare occurrence of the name `from` replaced by `to`. */
export function rename(sql: string, from: string, to: string, dialect: Dialect = 'duckdb'): string {
    return tokens(sql, dialect).map(t => (t === from ? to : t)).join('');
}

/** The operands of a predicate's top-level `AND`s (nested parenthesized conjunctions flattened). */
export function conjuncts(sql: string, dialect: Dialect = 'duckdb'): string[] {
    const parts = operands(sql, 'AND', dialect);
    return parts.length === 1 ? [sql] : parts.flatMap(part => conjuncts(part, dialect));
}

/** The operands of the top-level `AND`s or `OR`s of a predicate; itself alone when it is not such a chain. */
function operands(sql: string, operator: 'AND' | 'OR', dialect: Dialect): string[] {
    const inner = unwrap(sql.trim(), dialect);
    const parts: string[] = [];
    let depth = 0;
    let current: string[] = [];
    for (const t of tokens(inner, dialect)) {
        const word = isWord(t) ? t.toUpperCase() : '';
        if (t === '(' || word === 'CASE') {
            depth++;
        } else if (t === ')' || word === 'END') {
            depth--;
        }
        if (depth === 0 && (word === 'AND' || word === 'OR' || word === 'BETWEEN' || word === 'LAMBDA')) {
            if (word !== operator) {
                // Not a plain chain of the operator (`a OR b AND c`, `x BETWEEN a AND b`): not split.
                return [sql];
            }
            parts.push(current.join('').trim());
            current = [];
            continue;
        }
        current.push(t);
    }
    parts.push(current.join('').trim());
    return parts.length === 1 ? [sql] : parts;
}

/**
 * A predicate used where NULL and false mean the same (a `WHERE`, `FILTER` or `count_if`) with the
 * `coalesce(x, false)` that make its leaves two-valued removed where no `NOT` is above them: under
 * `AND` and `OR` alone, a NULL operand in place of false never turns the result true, nor a true
 * result false. DuckDB then sees plain comparisons, which it pushes into the Parquet scan (a
 * `coalesce` around a column's comparison is evaluated after reading every row instead).
 */
export function positive(sql: string, dialect: Dialect = 'duckdb'): string {
    for (const operator of ['OR', 'AND'] as const) {
        const parts = operands(sql, operator, dialect);
        if (parts.length > 1) {
            return `(${parts.map(part => positive(part, dialect)).join(` ${operator} `)})`;
        }
    }
    const inner = coalesced(unwrap(sql.trim(), dialect), dialect);
    return inner === undefined ? sql : positive(inner, dialect);
}

/** `x` of `coalesce(x, false)` spanning the whole text, else undefined. */
function coalesced(sql: string, dialect: Dialect): string | undefined {
    const list = tokens(sql, dialect);
    if (list[0]?.toLowerCase() !== 'coalesce' || list[1] !== '(' || list[list.length - 1] !== ')') {
        return undefined;
    }
    let depth = 0;
    const commas: number[] = [];
    for (let i = 1; i < list.length; i++) {
        depth += list[i] === '(' ? 1 : list[i] === ')' ? -1 : 0;
        if (depth === 0 && i < list.length - 1) {
            return undefined;
        }
        if (depth === 1 && list[i] === ',') {
            commas.push(i);
        }
    }
    const [comma] = commas;
    const rest = list.slice(comma + 1, -1).join('').trim().toLowerCase();
    return commas.length === 1 && rest === 'false' ? list.slice(2, comma).join('') : undefined;
}

/** `(x)` → `x` when the parentheses enclose the whole text. */
function unwrap(sql: string, dialect: Dialect): string {
    if (!sql.startsWith('(') || !sql.endsWith(')')) {
        return sql;
    }
    let depth = 0;
    const list = tokens(sql, dialect);
    for (let i = 0; i < list.length; i++) {
        depth += list[i] === '(' ? 1 : list[i] === ')' ? -1 : 0;
        if (depth === 0 && i < list.length - 1) {
            return sql;
        }
    }
    return unwrap(sql.slice(1, -1).trim(), dialect);
}
