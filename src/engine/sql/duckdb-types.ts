/**
 * DuckDB column types (as `@duckdb/node-api` describes them) → the compiler's `SqlType`. The type
 * ids are DuckDB's C API values (`DuckDBTypeId`), listed here so that this module needs no import of
 * the native package.
 */
import { BOOLEAN, NULL_TYPE, NUMBER, STRING, listOf, type RowType, type SqlType } from './sql-types.js';

/** The part of a `DuckDBType` this module reads. */
export interface DuckDBTypeLike {
    typeId: number;
    alias?: string;
    valueType?: DuckDBTypeLike;
    entryNames?: readonly string[];
    entryTypes?: readonly DuckDBTypeLike[];
    toString(): string;
}

const NUMBERS = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 19, 32]);
const TIMESTAMPS = new Set([12, 13, 20, 21, 22, 31]);
const TIMESTAMP_TZ_ID = 31;
const BOOLEAN_ID = 1;
const VARCHAR_ID = 17;
const LIST_IDS = new Set([24, 33]);
const STRUCT_ID = 25;
const SQLNULL_ID = 36;

export function fromDuckDBType(type: DuckDBTypeLike): SqlType {
    if (type.alias === 'JSON') {
        return { kind: 'json' };
    }
    if (type.typeId === VARCHAR_ID) {
        return STRING;
    }
    if (NUMBERS.has(type.typeId)) {
        return NUMBER;
    }
    if (type.typeId === BOOLEAN_ID) {
        return BOOLEAN;
    }
    if (TIMESTAMPS.has(type.typeId)) {
        return type.typeId === TIMESTAMP_TZ_ID ? { kind: 'timestamp', zoned: true } : { kind: 'timestamp' };
    }
    if (type.typeId === SQLNULL_ID) {
        return NULL_TYPE;
    }
    if (LIST_IDS.has(type.typeId) && type.valueType) {
        return listOf(fromDuckDBType(type.valueType));
    }
    if (type.typeId === STRUCT_ID && type.entryNames && type.entryTypes) {
        const types = type.entryTypes;
        return { kind: 'struct', fields: new Map(type.entryNames.map((name, i) => [name, fromDuckDBType(types[i])])) };
    }
    return { kind: 'other', name: type.toString() };
}

/** The row type of a relation from its column names and types. */
export function rowTypeOf(names: readonly string[], types: readonly DuckDBTypeLike[]): RowType {
    return { kind: 'struct', fields: new Map(names.map((name, i) => [name, fromDuckDBType(types[i])])) };
}
