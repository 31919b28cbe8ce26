/**
 * What the query of `segment sql` reads and the column types it is written for (docs/sql.md "Data
 * shapes"): one relation of profiles with `xEvent` lists, or profiles and experience events in two
 * relations joined on an identity column (`--events … --events-key …`, or the config's `events` and
 * `eventsKey`, as `segment run` reads them). With `--data` the types come from the files (DuckDB opens
 * them) and `--events` is the events file; the DuckDB query reads the files, the Spark query the tables
 * `--table` and `--events-table`. Without `--data` the types come from the project's XDM schema, the
 * query reads tables, and `--events` is the events table's name.
 */
import * as path from 'node:path';
import { DuckDbDataset } from '../../engine/sql/duckdb-engine.js';
import { printer, type Dialect, type SqlPrinter } from '../../engine/sql/sql-dialects.js';
import type { EventsTable } from '../../engine/sql/sql-events.js';
import type { RowType } from '../../engine/sql/sql-types.js';
import { UsageError } from '../segment-cli-usage-error.js';

export interface SqlSourceRequest {
    dialect: Dialect;
    /** The profiles' table (`--table`, default `profiles`). */
    table: string;
    /** The profiles file (`--data`). */
    data?: string;
    /** `--events`, `--events-key`, `--events-table`. */
    events?: string;
    eventsKey?: string;
    eventsTable?: string;
    /** The config's `events` (a file, resolved) and `eventsKey`. */
    config?: { events?: string; eventsKey?: string };
}

export interface SqlSources {
    row: RowType;
    source: string;
    positioned?: boolean;
    events?: EventsTable;
    /** The data's declared `$meta` (with `--data`). */
    declared: { now?: string; timeZone?: string };
}

/** The events table's name when the query reads tables and `--events` is not one. */
const EVENTS_TABLE = 'events';

/** Resolves the relations; `schemaRow` gives the types when no data file does. Bad combinations are usage errors. */
export async function sqlSources(request: SqlSourceRequest, schemaRow: () => Promise<RowType>): Promise<SqlSources> {
    const sql = printer(request.dialect);
    const events = checkedEvents(request);
    if (!request.data) {
        const row = await schemaRow();
        const fields = row.fields.get('xEvent');
        const columns = fields?.kind === 'list' && fields.of.kind === 'struct' ? [...fields.of.fields.keys()] : [];
        const name = request.events ?? request.eventsTable ?? EVENTS_TABLE;
        return { row, source: quoted(sql, request.table), declared: {}, ...(events ? { events: eventsTable(sql, name, events.key, columns) } : {}) };
    }
    const dataset = await DuckDbDataset.open({ path: path.resolve(request.data), events: events && { path: path.resolve(events.from), key: events.key } });
    try {
        const { row, meta: declared, relations } = dataset;
        if (!events) {
            return { row, declared, source: request.dialect === 'duckdb' ? dataset.source : quoted(sql, request.table) };
        }
        if (request.dialect === 'duckdb') {
            return { row, declared, ...relations };
        }
        const name = request.eventsTable ?? EVENTS_TABLE;
        return { row, declared, source: quoted(sql, request.table), events: eventsTable(sql, name, events.key, relations.events!.columns) };
    } finally {
        dataset.dispose();
    }
}

/** Where the events are (`from`: a file with --data, else a table name) and their identity column, or undefined for one relation. */
function checkedEvents(request: SqlSourceRequest): { from: string; key: string } | undefined {
    const from = request.events ?? request.config?.events;
    const key = request.eventsKey ?? request.config?.eventsKey;
    if (request.eventsKey !== undefined && !from) {
        throw new UsageError('--events-key needs --events <file or table>: the experience events the key joins to the profiles.');
    }
    if (request.eventsTable !== undefined && !from) {
        throw new UsageError('--events-table needs --events <file> (or "events" in segment.config.json).');
    }
    if (request.eventsTable !== undefined && request.events !== undefined && !request.data) {
        throw new UsageError('--events-table: without --data, --events already names the events table.');
    }
    if (request.events !== undefined && !request.data && looksLikeFile(request.events)) {
        throw new UsageError(`--events '${request.events}' looks like a file, but without --data the query reads tables and --events names the events table: `
            + 'give --data <profiles file> to query the files, or the events table\'s name.');
    }
    if (from && !key) {
        throw new UsageError('--events needs --events-key <column> (or "eventsKey" in segment.config.json): the event column holding the profile id.');
    }
    return from ? { from, key: key! } : undefined;
}

/** A path or a data file's name, not a table's (`db.events` is a table; `data/events.parquet`, `events.jsonl` are files). */
function looksLikeFile(name: string): boolean {
    return /[/\\]|\.(?:parquet|jsonl?|ndjson|csv)$/iu.test(name);
}

/** A table or column name; a dotted name is a path (`db.table`, `identityMap.id`), each part quoted. */
function quoted(sql: SqlPrinter, name: string): string {
    return name.split('.').map(part => sql.identifier(part)).join('.');
}

function eventsTable(sql: SqlPrinter, name: string, key: string, columns: readonly string[]): EventsTable {
    return { relation: quoted(sql, name), key: quoted(sql, key), columns };
}
