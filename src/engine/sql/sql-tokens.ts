/**
 * Reading the SQL text the compiler printed, for the rewrites of sql-events.ts: which lambda
 * parameters and row aliases an expression uses, renaming a parameter, and splitting a predicate
 * into its top-level `AND` operands. String literals ('…') and quoted identifiers ("…") are skipped,
 * so a field or a literal that happens to spell a name is never taken for it. Lambda parameters are
 * the compiler's `v<n>` names (SqlCompiler.fresh), bound by `lambda v<n>:`.
 */

/** A bare word, a quoted part, or one other character. */
const TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|\s+|./gs;

function tokens(sql: string): string[] {
    return sql.match(TOKEN) ?? [];
}

const isWord = (t: string): boolean => /^[A-Za-z_]/.test(t);

/**
 * The lambda parameters an expression reads without binding them, and whether it reads a row
 * alias (`alias.` or `alias` alone: a column of the profile row, so a value per profile).
 */
export function freeNames(sql: string, alias: string): { params: Set<string>; row: boolean } {
    const list = tokens(sql);
    const bound = new Set<string>();
    const params = new Set<string>();
    let row = false;
    list.forEach((t, i) => {
        if (t === 'lambda') {
            const name = list.slice(i + 1).find(x => x.trim() !== '');
            if (name) {
                bound.add(name);
            }
        } else if (t === alias) {
            row = true;
        } else if (/^v\d+$/.test(t) && !bound.has(t)) {
            params.add(t);
        }
    });
    // A name bound somewhere inside is not free even if read before its `lambda` in the text.
    for (const b of bound) {
        params.delete(b);
    }
    return { params, row };
}

/** `sql` with every bare occurrence of the name `from` replaced by `to`. */
export function rename(sql: string, from: string, to: string): string {
    return tokens(sql).map(t => (t === from ? to : t)).join('');
}

/** The operands of a predicate's top-level `AND`s (nested parenthesized conjunctions flattened). */
export function conjuncts(sql: string): string[] {
    const parts = operands(sql, 'AND');
    return parts.length === 1 ? [sql] : parts.flatMap(conjuncts);
}

/** The operands of the top-level `AND`s or `OR`s of a predicate; itself alone when it is not such a chain. */
function operands(sql: string, operator: 'AND' | 'OR'): string[] {
    const inner = unwrap(sql.trim());
    const parts: string[] = [];
    let depth = 0;
    let current: string[] = [];
    for (const t of tokens(inner)) {
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
export function positive(sql: string): string {
    for (const operator of ['OR', 'AND'] as const) {
        const parts = operands(sql, operator);
        if (parts.length > 1) {
            return `(${parts.map(positive).join(` ${operator} `)})`;
        }
    }
    const inner = coalesced(unwrap(sql.trim()));
    return inner === undefined ? sql : positive(inner);
}

/** `x` of `coalesce(x, false)` spanning the whole text, else undefined. */
function coalesced(sql: string): string | undefined {
    const list = tokens(sql);
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
function unwrap(sql: string): string {
    if (!sql.startsWith('(') || !sql.endsWith(')')) {
        return sql;
    }
    let depth = 0;
    const list = tokens(sql);
    for (let i = 0; i < list.length; i++) {
        depth += list[i] === '(' ? 1 : list[i] === ')' ? -1 : 0;
        if (depth === 0 && i < list.length - 1) {
            return sql;
        }
    }
    return unwrap(sql.slice(1, -1).trim());
}
