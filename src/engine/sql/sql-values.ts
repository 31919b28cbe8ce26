/**
 * The compiler's vocabulary: a compiled value (SQL text, its type, and the JavaScript value of a
 * constant), the scope of names, and the translation error that names the construct and its range.
 */
import type { AstNode } from 'langium';
import type { SqlType } from './sql-types.js';

/** A compiled expression. `sql` may be NULL at run time (missing data); predicates never are. */
export interface SqlValue {
    sql: string;
    type: SqlType;
    /** The value of a constant (literal, `date(…)`, a list of literals), as the js evaluator would see it. */
    constant?: { value: unknown };
}

/** Names visible at a point: implicit contexts (0 = the profile row, then one per `A[…]`, `WHAT(…)` …) and variables. */
export interface SqlScope {
    contexts: readonly SqlValue[];
    vars: ReadonlyMap<string, SqlValue>;
    /** Inside a lambda (an element or a declared variable is in scope): expressions cannot be hoisted to columns. */
    lambda?: boolean;
}

/** A construct that has no faithful SQL translation; never a silently different query. */
export class SqlTranslationError extends Error {
    constructor(readonly construct: string, readonly node: AstNode | undefined, readonly reason: string) {
        super(`Cannot translate ${construct}${rangeOf(node)} to SQL: ${reason}`);
    }
}

/** ` (line 3:12–3:40, "text")`, 1-based, for messages. */
function rangeOf(node: AstNode | undefined): string {
    const cst = node?.$cstNode;
    if (!cst) {
        return '';
    }
    const { start, end } = cst.range;
    const text = cst.text.replace(/\s+/g, ' ').trim();
    return ` at ${start.line + 1}:${start.character + 1}–${end.line + 1}:${end.character + 1} ('${text.length > 60 ? text.slice(0, 57) + '…' : text}')`;
}
