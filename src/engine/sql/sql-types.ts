/**
 * Types of SQL values as the SQL compiler sees them. The translation is type-directed: a path is
 * resolved against the type of the data (the columns DuckDB found in a Parquet or JSON file, or the
 * XDM schema for `segment sql` without data), so a field the data lacks is a NULL literal — exactly
 * the js evaluator's "missing is null" — and each operator picks the SQL that matches the js
 * evaluator's rule for the operand types. `json` is a column whose values have several JSON types
 * (DuckDB's JSON type, e.g. timestamps that are strings in some events and epoch numbers in others).
 */
import type { PqlType } from '../../language/typing/segment-types.js';

export type SqlType =
    | { kind: 'null' }
    | { kind: 'string' }
    | { kind: 'number' }
    | { kind: 'boolean' }
    /** A native TIMESTAMP/DATE column (Parquet exports); compared as epoch milliseconds. */
    /** `zoned`: a TIMESTAMP WITH TIME ZONE (its literals carry the zone). */
    | { kind: 'timestamp'; zoned?: boolean }
    | { kind: 'json' }
    | { kind: 'list'; of: SqlType }
    | { kind: 'struct'; fields: ReadonlyMap<string, SqlType> }
    /** A map with string keys (XDM maps such as `segmentMembership`); only `inSegment` reads one. */
    | { kind: 'map'; value: SqlType }
    /** Anything the compiler does not handle (MAP, UNION, BLOB …): using it is a translation error. */
    | { kind: 'other'; name: string };

export const NULL_TYPE: SqlType = { kind: 'null' };
export const STRING: SqlType = { kind: 'string' };
export const NUMBER: SqlType = { kind: 'number' };
export const BOOLEAN: SqlType = { kind: 'boolean' };

export function listOf(of: SqlType): SqlType {
    return { kind: 'list', of };
}

export function isScalar(type: SqlType): boolean {
    return type.kind === 'string' || type.kind === 'number' || type.kind === 'boolean' || type.kind === 'timestamp' || type.kind === 'json';
}

/** The type of a profile row: its top-level fields are the columns. */
export type RowType = Extract<SqlType, { kind: 'struct' }>;

/** A readable name for messages. */
export function typeName(type: SqlType): string {
    switch (type.kind) {
        case 'list': return `list of ${typeName(type.of)}`;
        case 'struct': return 'object';
        case 'map': return 'map';
        case 'other': return type.name;
        default: return type.kind;
    }
}

/**
 * The row type the XDM schema describes (profile fields plus `xEvent`, a list of experience
 * events), for SQL printed without a data file. Dates and date-times are strings, as in AEP's JSON
 * exports; a Parquet export with TIMESTAMP columns gets its own types from the data at run time.
 */
export function rowTypeFromSchema(profile: PqlType, event: PqlType): RowType {
    const row = fromPql(profile);
    const fields = new Map(row.kind === 'struct' ? row.fields : []);
    fields.set('xEvent', listOf(fromPql(event)));
    if (!fields.has('_id')) {
        fields.set('_id', STRING);
    }
    return { kind: 'struct', fields };
}

function fromPql(type: PqlType): SqlType {
    switch (type.kind) {
        case 'string': case 'date': case 'date-time': return STRING;
        case 'integer': case 'number': return NUMBER;
        case 'boolean': return BOOLEAN;
        case 'array': return listOf(fromPql(type.element));
        case 'object': return { kind: 'struct', fields: new Map([...type.fields].map(([k, f]) => [k, fromPql(f.type)])) };
        case 'map': return { kind: 'map', value: fromPql(type.value) };
        default: return { kind: 'other', name: type.kind };
    }
}
