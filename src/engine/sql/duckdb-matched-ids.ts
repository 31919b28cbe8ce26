/**
 * Reading a DuckDB run's matched ids from its flags tables (duckdb-engine.ts `runPass`): a table per
 * scan, a boolean column per clause, `__id` where some segment of the scan matched, `__pos` the
 * profile's place in the data.
 */
import type { MatchedIds } from '../segment-matched-ids.js';

/** What the reader needs of a connection: a query whose rows come in chunks. */
export interface ChunkedQueries {
    stream(sql: string): Promise<{ fetchChunk(): Promise<{ rowCount: number; getRows(): unknown[][] } | null> }>;
}

/** Where one segment's matches are: its scan's table and its root clause's column. */
export interface MatchSource {
    table: string;
    column: string;
}

/** Segments per matched-ids bit mask (an INTEGER: bitwise operators stay exact). */
const MASK_BITS = 30;

async function* rowsOf(connection: ChunkedQueries, sql: string): AsyncIterable<unknown[][]> {
    const result = await connection.stream(sql);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        yield chunk.getRows();
    }
}

/** Each segment's ids read on demand, one query per segment (`sources[i]` is segment i's). */
export function idsInTables(connection: ChunkedQueries, sources: readonly MatchSource[]): MatchedIds {
    return {
        async *chunks(index: number, limit?: number) {
            const { table, column } = sources[index];
            const sql = `SELECT __id FROM ${table} WHERE ${column} ORDER BY __pos${limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`;
            for await (const rows of rowsOf(connection, sql)) {
                yield rows.map(row => String(row[0]));
            }
        },
    };
}

/**
 * Every segment's ids at once, one scan of each table (a bit per segment, MASK_BITS to a column):
 * for callers that keep them (`RunResult.ids`), where one query per segment would scan a table per segment.
 */
export async function allIdsInTables(connection: ChunkedQueries, sources: readonly MatchSource[]): Promise<string[][]> {
    const ids: string[][] = sources.map(() => []);
    const tables = [...new Set(sources.map(s => s.table))];
    for (const table of tables) {
        const members = [...sources.entries()].filter(([, s]) => s.table === table);
        const masks: string[] = [];
        for (let from = 0; from < members.length; from += MASK_BITS) {
            masks.push(members.slice(from, from + MASK_BITS).map(([, s], j) => `(CASE WHEN ${s.column} THEN ${2 ** j} ELSE 0 END)`).join(' + '));
        }
        for await (const rows of rowsOf(connection, `SELECT __id, ${masks.join(', ')} FROM ${table} WHERE __id IS NOT NULL ORDER BY __pos`)) {
            for (const row of rows) {
                const id = String(row[0]);
                for (let m = 0; m < masks.length; m++) {
                    const mask = Number(row[1 + m]);
                    for (let j = 0; j < MASK_BITS && mask >= 2 ** j; j++) {
                        if (mask & (2 ** j)) {
                            ids[members[m * MASK_BITS + j][0]].push(id);
                        }
                    }
                }
            }
        }
    }
    return ids;
}
