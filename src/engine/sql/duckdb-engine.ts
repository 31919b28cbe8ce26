/**
 * The DuckDB engine: opens the data in an in-memory DuckDB, compiles every segment of a run into one
 * query (sql-query.ts) and turns its rows into the same `RunResult`s as the js engine. DuckDB is
 * loaded lazily: where `@duckdb/node-api` or its platform binary is missing (the VS Code package
 * ships without it), `loadDuckDB` fails with `EngineUnavailableError` and callers fall back to js.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { SegmentDefinition } from '../../language/generated/ast.js';
import type { RunResult } from '../segment-engine.js';
import type { Profile } from '../runtime/segment-values.js';
import { checkDataFolder, chosenProfiles, metaQuery, profileRelation, readerOf, runRelations, type DataSpec, type ProfileChoice } from './duckdb-source.js';
import type { DataCheckFields } from '../data/segment-data-warnings.js';
import { dataWarningMessages } from '../data/segment-data-warnings.js';
import { runDataChecks, type CheckedData } from './duckdb-data-checks.js';
import { profileFromJson } from './duckdb-profile-json.js';
import { RunInputError } from '../data/segment-run-inputs.js';
import { rowTypeOf, type DuckDBTypeLike } from './duckdb-types.js';
import { printer } from './sql-dialects.js';
import { buildSegmentQuery } from './sql-query.js';
import { inPasses, isOutOfMemory } from './duckdb-passes.js';
import { allIdsInTables, idsInTables, type MatchSource } from './duckdb-matched-ids.js';
import type { MatchedIds } from '../segment-matched-ids.js';
import type { RowType } from './sql-types.js';

/** DuckDB cannot be loaded here. */
export class EngineUnavailableError extends Error {}

/** DuckDB ran out of memory under its limit: the data is too big for the limit, a problem of the input (raise `limit`). */
export class DuckDbMemoryError extends RunInputError {
    constructor(doing: string, readonly limit: string, cause: Error) {
        super(`DuckDB ran out of memory (its limit: ${limit}) ${doing}: ${cause.message.split('\n')[0]}`);
    }
}

/** `error` as a DuckDbMemoryError when it is DuckDB's out-of-memory error, else unchanged. */
function memoryError(error: unknown, doing: string, limit: string): unknown {
    return isOutOfMemory(error) && !(error instanceof DuckDbMemoryError) ? new DuckDbMemoryError(doing, limit, error as Error) : error;
}

interface Reader {
    columnNames(): string[];
    columnTypes(): DuckDBTypeLike[];
    getRows(): unknown[][];
}

interface Connection {
    runAndReadAll(sql: string): Promise<Reader>;
    stream(sql: string): Promise<{ fetchChunk(): Promise<{ rowCount: number; getRows(): unknown[][] } | null> }>;
    interrupt(): void;
    closeSync(): void;
}

interface DuckDBModule {
    DuckDBInstance: { create(path: string, options?: Record<string, string>): Promise<{ connect(): Promise<Connection>; closeSync(): void }> };
}

let loaded: Promise<DuckDBModule> | undefined;

/** Loads `@duckdb/node-api` once; rejects with a message saying what is missing and what happens instead. */
export function loadDuckDB(): Promise<DuckDBModule> {
    loaded ??= import('@duckdb/node-api').then(m => m as unknown as DuckDBModule, (error: unknown) => {
        loaded = undefined;
        throw new EngineUnavailableError(`DuckDB is not available here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install @duckdb/node-api for this platform to use the duckdb engine.`);
    });
    return loaded;
}

/** Datasets opened by this process (each spills to a folder of its own). */
let opened = 0;

/**
 * Where DuckDB spills above its memory limit: a folder of the system's temporary one, which DuckDB
 * creates when it first spills and removes when the dataset is closed. DuckDB's default for an
 * in-memory database is `.tmp` in the working directory: the user's project, or a folder the
 * editor's server cannot write to.
 */
function spillFolder(): string {
    return path.join(os.tmpdir(), `segment-duckdb-${process.pid}-${++opened}`);
}

/** Temporary tables of runs are numbered (one connection may run again before a previous run's table is dropped). */
let runs = 0;

/**
 * DuckDB's memory limit for a run. It bounds DuckDB's buffer pool, not what DuckDB allocates beside it
 * (~300–400 MB more at 10 M profiles): at 400MB the 17 example segments over 10 M profiles peak at
 * ~800 MB of RSS in all, and run as fast as at 1GB (bench/README.md). `segment run --memory-limit` raises it.
 */
export const MEMORY_LIMIT = '400MB';

/** One scan's tables (dropped after the run) and where each of its segments' matches are. */
interface Scan {
    tables: string[];
    sources: MatchSource[];
}

export interface DuckDbRunOptions {
    now: Date;
    timeZone?: string;
    workspaceSegments?: Iterable<SegmentDefinition>;
    clauseCounts?: boolean;
    /** Check the data for suspicious values at these fields (one more query; duckdb-data-checks.ts). */
    dataChecks?: DataCheckFields;
}

/** Data opened in DuckDB: its declared metadata, the row type, and the runs over it. */
export class DuckDbDataset {
    private constructor(
        private readonly connection: Connection,
        private readonly close: () => void,
        readonly source: string,
        /** What segment queries read (sql-events.ts: over two files, the events table rather than `source`'s lists). */
        readonly relations: ReturnType<typeof runRelations>,
        readonly row: RowType,
        readonly meta: { now?: string; timeZone?: string },
        private readonly memoryLimit: string,
        /** The relation of some profiles with their events (duckdb-source.ts `chosenProfiles`). */
        private readonly choose: (choice: ProfileChoice) => string,
    ) {}

    /** `memoryLimit`: DuckDB's `memory_limit` (default MEMORY_LIMIT; tests set less to run out of it on small data). */
    static async open(spec: DataSpec, settings: { memoryLimit?: string } = {}): Promise<DuckDbDataset> {
        checkDataFolder(spec.path);
        if (spec.events) {
            checkDataFolder(spec.events.path, 'the events');
        }
        const { DuckDBInstance } = await loadDuckDB();
        const memoryLimit = settings.memoryLimit ?? MEMORY_LIMIT;
        const instance = await DuckDBInstance.create(':memory:', { memory_limit: memoryLimit, temp_directory: spillFolder() });
        const connection = await instance.connect();
        const close = (): void => {
            connection.closeSync();
            instance.closeSync();
        };
        try {
            const columns = async (file: string): Promise<string[]> => (await connection.runAndReadAll(`SELECT * FROM ${readerOf(file)} LIMIT 0`)).columnNames();
            const profiles = await columns(spec.path);
            const events = spec.events ? await columns(spec.events.path) : undefined;
            if (spec.events && !events!.includes(spec.events.key.split('.')[0])) {
                throw new RunInputError(`The events data has no column '${spec.events.key}' (columns: ${events!.join(', ')}).`);
            }
            const source = profileRelation(spec, { profiles, events });
            const described = await connection.runAndReadAll(`SELECT * FROM ${source} LIMIT 0`);
            const row = rowTypeOf(described.columnNames(), described.columnTypes());
            let meta = {};
            if (profiles.includes('$meta')) {
                const text = (await connection.runAndReadAll(metaQuery(spec))).getRows()[0]?.[0];
                meta = typeof text === 'string' ? JSON.parse(text) as object : {};
            }
            return new DuckDbDataset(connection, close, source, runRelations(spec, { profiles, events }), row, meta, memoryLimit,
                choice => chosenProfiles(spec, { profiles, events }, choice));
        } catch (error) {
            close();
            throw memoryError(error, 'opening the data', memoryLimit);
        }
    }

    /** What the data checks read: over two files, the profiles and the events table apart (duckdb-data-checks.ts). */
    private checked(): CheckedData {
        const events = this.relations.events;
        const listed = this.row.fields.get('xEvent');
        if (!events || listed?.kind !== 'list' || listed.of.kind !== 'struct') {
            return { source: this.source, row: this.row };
        }
        const own = new Map([...this.row.fields].filter(([name]) => name !== 'xEvent' && name !== '__order'));
        return { source: this.relations.source, row: { kind: 'struct', fields: own }, events: { relation: events.relation, row: listed.of } };
    }

    /** Stops a running query (cancel). */
    interrupt(): void {
        this.connection.interrupt();
    }

    dispose(): void {
        this.close();
    }

    /**
     * Every segment in one scan where DuckDB's memory allows, else in as few scans as it allows
     * (`inPasses`): one result per segment, in the order given, saying when it took more than one scan.
     */
    async run(segments: readonly SegmentDefinition[], options: DuckDbRunOptions): Promise<RunResult[]> {
        return this.runThen(segments, options, async (results, sources) => {
            const ids = await allIdsInTables(this.connection, sources);
            results.forEach((result, i) => { result.ids = ids[i]; });
            return results;
        });
    }

    /**
     * `run`, but the results' `ids` are left empty: `use` reads them from DuckDB (`MatchedIds`) while
     * it runs, and the run's tables are dropped when it is done. Output that writes the ids as they come
     * never holds them all (10 M profiles, 17 segments: ~20 M ids).
     */
    async runStreaming<T>(segments: readonly SegmentDefinition[], options: DuckDbRunOptions, use: (results: RunResult[], ids: MatchedIds) => Promise<T>): Promise<T> {
        return this.runThen(segments, options, (results, sources) => use(results, idsInTables(this.connection, sources)));
    }

    private async runThen<T>(segments: readonly SegmentDefinition[], options: DuckDbRunOptions, use: (results: RunResult[], sources: MatchSource[]) => Promise<T>): Promise<T> {
        const scans: Scan[] = [];
        try {
            const { results, passes } = await inPasses(segments, group => this.runPass(group, options, scans), (segment, cause) => new DuckDbMemoryError(
                `evaluating segment '${segment.name}' over this data${segments.length > 1 ? ', even alone in a scan' : ''}`, this.memoryLimit, cause));
            const dataWarnings = options.dataChecks && await runDataChecks(
                async sql => (await this.connection.runAndReadAll(sql)).getRows(), this.checked(), options.dataChecks);
            const split = passes.length > 1
                ? `DuckDB's memory limit (${this.memoryLimit}) was too small to evaluate the ${segments.length} segments in one scan of the data: `
                    + `they ran in ${passes.length} scans (${passes.map(p => p.length).join(' + ')} segments).`
                : undefined;
            const warnings = [...dataWarnings ? dataWarningMessages(dataWarnings) : [], ...split ? [split] : []];
            for (const result of results) {
                if (dataWarnings) {
                    result.dataWarnings = dataWarnings;
                }
                if (warnings.length > 0) {
                    result.warnings = [...warnings];
                }
            }
            // Scans ran in the segments' order (inPasses), so their sources line up with the results.
            return await use(results, scans.flatMap(scan => scan.sources));
        } catch (error) {
            throw memoryError(error, 'checking the data or reading the matched ids', this.memoryLimit);
        } finally {
            await this.drop(scans.flatMap(scan => scan.tables));
        }
    }

    /**
     * The segments in one scan. The per-profile flags go to a temporary table (DuckDB's buffer manager
     * can spill it), with the id only where some segment matched; the totals are one row, and the ids
     * are read from the table afterwards (duckdb-matched-ids.ts), so neither side holds a row of every
     * clause of every profile. The scan's tables are `scans`' to drop once read.
     */
    private async runPass(segments: readonly SegmentDefinition[], options: DuckDbRunOptions, scans: Scan[]): Promise<RunResult[]> {
        const query = buildSegmentQuery(segments, {
            dialect: 'duckdb', now: options.now.getTime(), timeZone: options.timeZone, row: this.row, ...this.relations,
            workspaceSegments: options.workspaceSegments, clauses: options.clauseCounts !== false,
        });
        const columns = query.segments.flatMap(s => s.clauses.map(c => c.column));
        const roots = query.segments.map(s => s.clauses[0].column);
        const table = `__run${++runs}`;
        // Relations the layers read are tables of their own, computed first (sql-query.ts `tables`); the layers read them by name.
        const prepared = query.tables.map(t => ({ ...t, table: `${table}${t.name}` }));
        const tables = [table, ...prepared.map(t => t.table)];
        // The tables' rows need no order (`__pos` orders the ids): without it, DuckDB writes them from both threads at once.
        await this.connection.runAndReadAll('SET preserve_insertion_order = false');
        try {
            for (const [i, t] of prepared.entries()) {
                // A table may read earlier ones (a chain's steps) by their names in the query.
                const earlier = prepared.slice(0, i).map(e => `${e.name} AS (SELECT * FROM ${e.table})`);
                await this.connection.runAndReadAll(`CREATE TEMP TABLE ${t.table} AS ${earlier.length > 0 ? `WITH ${earlier.join(', ')} ` : ''}${t.body}`);
            }
            const layers = [...prepared.map(t => ({ name: t.name, body: `SELECT * FROM ${t.table}` })), ...query.layers];
            await this.connection.runAndReadAll(`CREATE TEMP TABLE ${table} AS WITH ${layers.map(l => `${l.name} AS (${l.body})`).join(',\n')}
SELECT __pos, CASE WHEN ${roots.map(r => `${r} = 1`).join(' OR ')} THEN __id END AS __id, ${columns.map(c => `${c} = 1 AS ${c}`).join(', ')} FROM flags`);
            const [totals] = (await this.connection.runAndReadAll(`SELECT count(*), ${columns.map(c => `count_if(${c})`).join(', ')} FROM ${table}`)).getRows();
            scans.push({ tables, sources: roots.map(column => ({ table, column })) });
            const count = (i: number): number => Number(totals[1 + i] ?? 0);
            let offset = 0;
            return query.segments.map(s => {
                const base = offset;
                offset += s.clauses.length;
                const result: RunResult = {
                    segment: s.segment,
                    now: options.now.toISOString(),
                    total: Number(totals[0]),
                    matched: count(base),
                    ids: [],
                    clauses: options.clauseCounts === false ? [] : s.clauses.map((c, i) => ({ path: c.path, kind: c.kind, text: c.text, ...(c.range ? { range: c.range } : {}), matched: count(base + i) })),
                };
                if (options.timeZone) {
                    result.timeZone = options.timeZone;
                }
                return result;
            });
        } catch (error) {
            await this.drop(tables);
            throw error;
        } finally {
            await this.connection.runAndReadAll('RESET preserve_insertion_order');
        }
    }

    private async drop(tables: readonly string[]): Promise<void> {
        for (const t of tables) {
            await this.connection.runAndReadAll(`DROP TABLE IF EXISTS ${t}`);
        }
    }

    /** Profiles as JSON, in the data's order: those with the given ids, or one page (the editor's results table). */
    async profiles(which: { ids: readonly string[] } | { offset: number; limit: number }): Promise<Profile[]> {
        const sql = printer('duckdb');
        const choice = 'ids' in which ? { where: `CAST(pr."_id" AS VARCHAR) IN (${which.ids.map(id => sql.string(id)).join(', ') || 'NULL'})` } : which;
        const rows = (await this.connection.runAndReadAll(`SELECT to_json(p) FROM ${this.choose(choice)} p`)).getRows();
        return rows.map(row => profileFromJson(String(row[0]), this.row));
    }

    /** One profile as JSON (for the in-process explainer), found by its id. */
    async profile(id: string): Promise<Profile | undefined> {
        const sql = printer('duckdb');
        const rows = (await this.connection.runAndReadAll(`SELECT to_json(p) FROM ${this.choose({ where: `CAST(pr."_id" AS VARCHAR) = ${sql.string(id)}` })} p LIMIT 1`)).getRows();
        const text = rows[0]?.[0];
        return typeof text === 'string' ? profileFromJson(text, this.row) : undefined;
    }
}
