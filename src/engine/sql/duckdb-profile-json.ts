/**
 * Profiles fetched through DuckDB (`to_json`) for the in-process explainer and the results table.
 * DuckDB writes a native TIMESTAMP as `2026-10-30 10:00:00` (no zone; TIMESTAMPTZ with `+00`): the
 * explainer would read that as local time and show another text than the same profile from JSON
 * Lines. Such values become the ISO-8601 instants the SQL engine compares (`epoch_ms`, UTC), as in
 * AEP's JSON exports: `2026-10-30T10:00:00.000Z`. DATE values (`2026-10-30`) are ISO already.
 */
import type { Profile } from '../runtime/segment-values.js';
import { parseIsoInstant } from '../time/segment-timestamps.js';
import type { RowType, SqlType } from './sql-types.js';

const DUCKDB_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([+-]\d{2})(?::?(\d{2}))?)?$/u;

/** A DuckDB timestamp text as an ISO-8601 instant; any other value as it is. */
export function isoTimestamp(value: unknown): unknown {
    const parts = typeof value === 'string' ? DUCKDB_TIMESTAMP.exec(value) : null;
    if (!parts) {
        return value;
    }
    const [, day, time, hours, minutes] = parts;
    const ms = parseIsoInstant(`${day}T${time}${hours ? `${hours}:${minutes ?? '00'}` : 'Z'}`);
    return ms === null ? value : new Date(ms).toISOString();
}

function convert(value: unknown, type: SqlType): unknown {
    if (value === null || value === undefined) {
        return value;
    }
    switch (type.kind) {
        case 'timestamp': return isoTimestamp(value);
        case 'list': return Array.isArray(value) ? value.map(v => convert(v, type.of)) : value;
        case 'struct': return typeof value === 'object' && !Array.isArray(value) ? convertFields(value as Record<string, unknown>, type.fields) : value;
        default: return value;
    }
}

function convertFields(record: Record<string, unknown>, fields: ReadonlyMap<string, SqlType>): Record<string, unknown> {
    for (const [name, type] of fields) {
        if (Object.prototype.hasOwnProperty.call(record, name)) {
            record[name] = convert(record[name], type);
        }
    }
    return record;
}

/** A row's `to_json` text as the profile the js engine would have read from JSON. */
export function profileFromJson(text: string, row: RowType): Profile {
    return convertFields(JSON.parse(text) as Profile, row.fields);
}
