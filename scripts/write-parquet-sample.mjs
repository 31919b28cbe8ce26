// Writes the bundled sample (examples/sample-profiles.jsonl) as Parquet, the shape AEP profile
// exports land in: `node scripts/write-parquet-sample.mjs [output.parquet] [--events events.parquet]`.
// With --events, the experience events go to their own file (one event per row, `profileId` = the
// profile's _id) and the profiles file keeps no xEvent: the two-file shape of `segment run --events`.
import { DuckDBInstance } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const eventsAt = args.indexOf('--events');
const events = eventsAt >= 0 ? args.splice(eventsAt, 2)[1] : undefined;
const sample = fileURLToPath(new URL('../examples/sample-profiles.jsonl', import.meta.url));
const target = args[0] ?? 'sample-profiles.parquet';
const quote = s => `'${s.replace(/'/g, "''")}'`;
// Strings stay strings (no timestamp detection), as the engines read JSON.
const read = `read_json(${quote(sample)}, format = 'auto', sample_size = -1, timestampformat = '~', dateformat = '~')`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
if (events) {
    await connection.run(`COPY (SELECT * EXCLUDE (xEvent) FROM ${read}) TO ${quote(target)} (FORMAT parquet)`);
    const rows = `SELECT _id AS profileId, unnest(xEvent) AS e FROM ${read} WHERE xEvent IS NOT NULL`;
    await connection.run(`COPY (SELECT profileId, e.* FROM (${rows})) TO ${quote(events)} (FORMAT parquet)`);
} else {
    await connection.run(`COPY (SELECT * FROM ${read}) TO ${quote(target)} (FORMAT parquet)`);
}
connection.closeSync();
instance.closeSync();
console.log(`Wrote ${target}${events ? ` and ${events}` : ''}`);
