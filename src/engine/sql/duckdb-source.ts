/**
 * Where the profiles come from, as a DuckDB relation: Parquet (a file, a glob, or a folder of part
 * files), JSON Lines or a JSON array (`read_json`), optionally with the experience events in a second
 * file joined on an identity column (the shape AEP dataset exports land in). JSON strings stay
 * strings (timestamp detection is off), so they compare exactly as the js evaluator compares them.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RunInputError } from '../data/segment-run-inputs.js';
import { printer } from './sql-dialects.js';
import type { EventsTable } from './sql-events.js';

/** The data of a run: the profiles, and optionally their events in a separate file. */
export interface DataSpec {
    path: string;
    /** Experience events in their own file(s), one event per row, joined to profiles on `key` = the profile's `_id`. */
    events?: { path: string; key: string };
}

export type DataFormat = 'parquet' | 'json';

const sql = printer('duckdb');

/** `parquet` for `.parquet` files, globs and folders of them; `json` otherwise. */
export function formatOf(file: string): DataFormat {
    if (/\.parquet$/i.test(file)) {
        return 'parquet';
    }
    try {
        if (statSync(file).isDirectory()) {
            return 'parquet';
        }
    } catch {
        // A glob or a missing file: decided by the name.
    }
    return 'json';
}

/** A file, a glob, or a folder (its Parquet part files, at any depth). */
function pattern(file: string): string {
    try {
        if (statSync(file).isDirectory()) {
            return path.join(file, '**', '*.parquet');
        }
    } catch {
        // Not a folder.
    }
    return file;
}

/** Folders searched for a part file, at most (a huge unrelated tree is not walked to its end). */
const FOLDER_SEARCH_LIMIT = 10_000;

/** Whether the folder holds a `.parquet` file at some depth (symbolic links are not followed). */
function hasParquetParts(folder: string): boolean {
    const pending = [folder];
    for (let visited = 0; pending.length > 0 && visited < FOLDER_SEARCH_LIMIT; visited++) {
        const current = pending.pop()!;
        let entries;
        try {
            entries = readdirSync(current, { withFileTypes: true });
        } catch {
            continue;
        }
        for (const entry of entries) {
            if (entry.isFile() && entry.name.endsWith('.parquet')) {
                return true;
            }
            if (entry.isDirectory()) {
                pending.push(path.join(current, entry.name));
            }
        }
    }
    return false;
}

/**
 * A folder is read as a dataset of Parquet part files; without any, DuckDB's own message ("No files
 * found that match the pattern …/**\/*.parquet") hides what went wrong, so say it here (issue 13:
 * `sample: "."`). `origin` names where the path came from (`--data`, the config's `sample` …).
 */
export function checkDataFolder(file: string, origin = 'the data'): void {
    let folder = false;
    try {
        folder = statSync(file).isDirectory();
    } catch {
        return;
    }
    if (folder && !hasParquetParts(file)) {
        throw new RunInputError(`${origin}: '${file}' is a folder without Parquet part files (*.parquet); `
            + 'give a JSON Lines (or JSON array) file, a .parquet file, or a folder of Parquet part files.');
    }
}

/** The table function reading one input. */
export function readerOf(file: string): string {
    const source = sql.string(pattern(file));
    return formatOf(file) === 'parquet'
        ? `read_parquet(${source}, union_by_name = true)`
        : `read_json(${source}, format = 'auto', sample_size = -1, timestampformat = '~', dateformat = '~')`;
}

/** The profiles, one per row, `$meta` records left out; without `xEvent` when the events come from their own file. */
function profilesOf(spec: DataSpec, columns: { profiles: readonly string[] }): string {
    const drop = ['$meta', ...(spec.events ? ['xEvent'] : [])].filter(c => columns.profiles.includes(c));
    const excluded = drop.length > 0 ? ` EXCLUDE (${drop.map(c => sql.identifier(c)).join(', ')})` : '';
    const where = columns.profiles.includes('$meta') ? ' WHERE "$meta" IS NULL' : '';
    return drop.length > 0 ? `(SELECT *${excluded} FROM ${readerOf(spec.path)}${where})` : readerOf(spec.path);
}

/** The identity column of the events, over the alias `__e`. */
function eventsKey(spec: DataSpec): string {
    return spec.events!.key.split('.').map(k => sql.identifier(k)).join('.');
}

/**
 * The relation of profiles, one per row, `$meta` records left out. With a separate events input,
 * each profile gets `xEvent`: the list of its events (rows whose `key` equals its `_id`). Queries
 * do not read it (they aggregate the events table: `runRelations`); it gives the row type. The
 * explainer and the editor's table fetch profiles through `chosenProfiles`.
 */
export function profileRelation(spec: DataSpec, columns: { profiles: readonly string[]; events?: readonly string[] }): string {
    return spec.events ? withEvents(spec, columns) : profilesOf(spec, columns);
}

/** Which profiles to fetch: those passing a condition on the profile (alias `pr`), or a page in the data's order. */
export type ProfileChoice = { where: string } | { offset: number; limit: number };

/**
 * The chosen profiles, in the data's order, as `profileRelation` gives them. With a separate events
 * input only the chosen profiles' events are gathered into lists: every profile's lists at once do
 * not fit DuckDB's memory at a million profiles (they cannot spill), a page of the editor's table does.
 */
export function chosenProfiles(spec: DataSpec, columns: { profiles: readonly string[]; events?: readonly string[] }, choice: ProfileChoice): string {
    const filter = 'where' in choice ? ` WHERE ${choice.where}` : '';
    const page = 'where' in choice ? '' : ` LIMIT ${Math.floor(choice.limit)} OFFSET ${Math.floor(choice.offset)}`;
    if (!spec.events) {
        return `(SELECT * FROM ${profilesOf(spec, columns)} pr${filter}${page})`;
    }
    return withEvents(spec, columns, { filter, page });
}

/**
 * The profiles with `xEvent`, the list of their events (rows whose key equals the profile's `_id`),
 * for all of them or only those `chosen` picks (a WHERE on `pr`, a page).
 */
function withEvents(spec: DataSpec, columns: { profiles: readonly string[] }, chosen?: { filter: string; page: string }): string {
    // A join does not keep the profiles' order: `__order` carries it.
    const numbered = `(SELECT *, row_number() OVER () AS __order FROM ${profilesOf(spec, columns)})`;
    const key = `CAST(__e.${eventsKey(spec)} AS VARCHAR)`;
    // `list(__e)` aggregates whole rows (the table alias as a struct): each event keeps all its columns.
    const events = (only: string) => `(SELECT ${key} AS __key, list(__e) AS __events FROM ${readerOf(spec.events!.path)} __e${only} GROUP BY 1)`;
    const joined = (profiles: string, only: string) => `SELECT pr.*, ev.__events AS "xEvent" FROM ${profiles} pr LEFT JOIN ${events(only)} ev ON CAST(pr."_id" AS VARCHAR) = ev.__key ORDER BY pr.__order`;
    if (!chosen) {
        return `(${joined(numbered, '')})`;
    }
    const picked = `(SELECT * FROM ${numbered} pr${chosen.filter} ORDER BY pr.__order${chosen.page})`;
    return `(WITH __chosen AS ${picked} ${joined('__chosen', ` WHERE ${key} IN (SELECT CAST("_id" AS VARCHAR) FROM __chosen)`)})`;
}

/**
 * What a segment query reads: the profiles, and the events table when the events are in their own file.
 * One Parquet file numbers its rows itself (`file_row_number`, as `positioned` says): a
 * `row_number() OVER ()` over the scan is one thread's work and holds back the whole pipeline of
 * profiles behind it (bench/README.md "Data scale"). Several files, JSON and data with `$meta`
 * records keep `row_number()` (positions then run across files and skip `$meta`).
 */
export function runRelations(spec: DataSpec, columns: { profiles: readonly string[]; events?: readonly string[] }): { source: string; positioned: boolean; events?: EventsTable } {
    const numbered = positioned(spec, columns.profiles);
    const source = numbered ?? profilesOf(spec, columns);
    const events = spec.events ? { relation: readerOf(spec.events.path), key: eventsKey(spec), columns: columns.events ?? [] } : undefined;
    return { source, positioned: numbered !== undefined, ...(events ? { events } : {}) };
}

/** One Parquet file's profiles with their 1-based position as `__pos`, or undefined when its rows cannot number themselves. */
function positioned(spec: DataSpec, profiles: readonly string[]): string | undefined {
    const reserved = ['$meta', 'file_row_number', '__pos'];
    if (formatOf(spec.path) !== 'parquet' || /[*?[{]/.test(spec.path) || isFolder(spec.path) || profiles.some(c => reserved.includes(c))) {
        return undefined;
    }
    const dropped = ['file_row_number', ...(spec.events && profiles.includes('xEvent') ? ['xEvent'] : [])].map(c => sql.identifier(c)).join(', ');
    return `(SELECT * EXCLUDE (${dropped}), file_row_number + 1 AS __pos FROM read_parquet(${sql.string(spec.path)}, union_by_name = true, file_row_number = true))`;
}

function isFolder(file: string): boolean {
    try {
        return statSync(file).isDirectory();
    } catch {
        return false;
    }
}

/** The query of the dataset's declared metadata (`{"$meta": {"now": …}}` as the first JSON record). */
export function metaQuery(spec: DataSpec): string {
    return `SELECT to_json("$meta") AS meta FROM ${readerOf(spec.path)} WHERE "$meta" IS NOT NULL LIMIT 1`;
}
