/**
 * The matched ids of a run, per segment, for output that writes them as they come: a DuckDB run over
 * 10 M profiles matches ~20 M profiles over the 17 example segments, which Node cannot hold as
 * strings within the run's memory budget (bench/README.md), so the DuckDB engine reads them from its
 * table on demand (sql/duckdb-matched-ids.ts); a js run's are already in its results.
 */
import type { RunResult } from './segment-engine.js';

export interface MatchedIds {
    /** Segment `index`'s matched ids in data order, in chunks; the first `limit` only when given. */
    chunks(index: number, limit?: number): AsyncIterable<readonly string[]>;
}

/** The ids a run already holds (`RunResult.ids`). */
export function idsInResults(results: readonly RunResult[]): MatchedIds {
    return {
        async *chunks(index: number, limit?: number) {
            const ids = results[index].ids;
            yield limit === undefined ? ids : ids.slice(0, limit);
        },
    };
}

/** The first `limit` ids of segment `index` (what a text report shows). */
export async function firstIds(ids: MatchedIds, index: number, limit: number): Promise<string[]> {
    const first: string[] = [];
    for await (const chunk of ids.chunks(index, limit)) {
        first.push(...chunk);
    }
    return first;
}
