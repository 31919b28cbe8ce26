// Two-file data (profiles + events) too big to gather every profile's events into a list within a
// small DuckDB memory limit: 20,000 profiles, 1,000,000 events of ~200 bytes (50 a profile).
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';

export const LARGE_PROFILES = 20_000;
export const EVENTS_PER_PROFILE = 50;

/** Writes the two Parquet files into `folder` and opens them with `memoryLimit`. */
export async function openLargeTwoFiles(folder: string, memoryLimit: string): Promise<DuckDbDataset> {
    const profiles = path.join(folder, 'large.profiles.parquet');
    const events = path.join(folder, 'large.events.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        await connection.run(`COPY (SELECT 'p' || range AS _id, {'points': range} AS loyalty FROM range(${LARGE_PROFILES})) TO '${profiles}' (FORMAT parquet)`);
        await connection.run(`COPY (SELECT 'p' || (range % ${LARGE_PROFILES}) AS pid, 'search' AS eventType,
            TIMESTAMP '2026-10-01 00:00:00' + INTERVAL (range % 1000) MINUTE AS timestamp, {'order': {'priceTotal': range % 100}} AS commerce,
            repeat('x', 150) || range AS note FROM range(${LARGE_PROFILES * EVENTS_PER_PROFILE})) TO '${events}' (FORMAT parquet)`);
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
    return DuckDbDataset.open({ path: profiles, events: { path: events, key: 'pid' } }, { memoryLimit });
}
