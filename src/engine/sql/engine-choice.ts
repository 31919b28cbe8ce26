/**
 * Which engine runs a segment over some data, shared by `segment run` and the language server's run
 * request: `auto` picks DuckDB for Parquet, for two-file inputs (profiles + events) and for JSON
 * files larger than `DUCKDB_JSON_THRESHOLD`; js otherwise (small JSON samples start faster in-process).
 */
import { statSync } from 'node:fs';
import { formatOf, type DataSpec } from './duckdb-source.js';

export type EngineChoice = 'auto' | 'js' | 'duckdb';

/** JSON data above this size runs on DuckDB under `auto` (documented in docs/sql.md). */
export const DUCKDB_JSON_THRESHOLD = 64 * 1024 * 1024;

/** The engine `auto` would pick for the data (before checking that DuckDB loads). */
export function preferredEngine(data: DataSpec): 'js' | 'duckdb' {
    if (data.events || formatOf(data.path) === 'parquet') {
        return 'duckdb';
    }
    try {
        return statSync(data.path).size > DUCKDB_JSON_THRESHOLD ? 'duckdb' : 'js';
    } catch {
        return 'js';
    }
}

/** Whether the js engine can read the data: one JSON or JSON Lines file. */
export function jsCanRead(data: DataSpec): boolean {
    return !data.events && formatOf(data.path) === 'json';
}
