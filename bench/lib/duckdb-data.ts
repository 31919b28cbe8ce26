// Writes the large benchmark files with DuckDB SQL (seconds for millions of profiles, where a JS generator takes
// minutes): profiles in the shape of the bundled sample (examples/sample-profiles.jsonl), so every example segment
// finds the fields it reads and matches a realistic share. Profile i takes the attributes of sample profile
// i mod 520 and the events of that profile plus the first six events of another one (~20 events on average), with
// a fresh _id and every event time shifted by a per-profile pseudo-random offset of up to 30 days, so the data
// is not 520 rows repeated. (The sample's few epoch-millisecond event times become timestamps too.) Parquet gets typed TIMESTAMPs (as AEP exports have); JSON Lines gets the same values as
// ISO-8601 strings (as the js engine reads them), so both files hold the same profiles. The two-file layout
// ('parquet-events', the shape AEP dataset exports land in) holds the same profiles without xEvent, and their events
// one per row in a second Parquet file, keyed by `profileId`, in profile order.
import { existsSync } from 'node:fs';
import { link, mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';

export const SAMPLE = 'examples/sample-profiles.jsonl';
/** Bump when the generated data changes, so cached files are regenerated. */
export const DATA_VERSION = 1;

export type DataFormat = 'parquet' | 'jsonl' | 'parquet-events';

/** The events file of the two-file layout, next to its profiles file. */
export const eventsFileOf = (profiles: string): string => profiles.replace(/\.profiles\.parquet$/, '.events.parquet');

const extensions: Record<DataFormat, string> = { parquet: 'parquet', jsonl: 'jsonl', 'parquet-events': 'profiles.parquet' };

interface Connection {
    run(sql: string): Promise<unknown>;
    closeSync(): void;
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** The profiles relation for `count` profiles; `isoTimes`: event timestamps as ISO-8601 strings. */
function profilesQuery(count: number, isoTimes: boolean): string {
    const time = isoTimes
        ? `strftime(e."timestamp" - to_seconds(shift), '%Y-%m-%dT%H:%M:%S.%gZ')`
        : `e."timestamp" - to_seconds(shift)`;
    return `SELECT printf('p%09d', i) AS _id, a.person, a.homeAddress, a.loyalty, a.consents, a.segmentMembership, a.personalEmail,
        list_transform(list_concat(a.xEvent, b.xEvent[1:6]), e -> struct_update(e, _id := printf('p%09d-', i) || e._id, "timestamp" := ${time})) AS xEvent
    FROM (SELECT i, CAST(hash(i) % ${30 * 86400} AS BIGINT) AS shift FROM range(${count}) r(i)) g
    JOIN base a ON a.rn = i % 520
    JOIN base b ON b.rn = (i * 7 + 3) % 520`;
}

/** The sample, event times typed: the template of every generated profile. */
const BASE = `CREATE TEMP TABLE base AS
    SELECT row_number() OVER () - 1 AS rn, * EXCLUDE (xEvent), list_transform(xEvent, e -> struct_update(e,
        "timestamp" := CASE WHEN json_type(e."timestamp") IN ('BIGINT', 'UBIGINT', 'DOUBLE')
            THEN epoch_ms(CAST(json_extract_string(e."timestamp", '$') AS BIGINT))
            ELSE TRY_CAST(json_extract_string(e."timestamp", '$') AS TIMESTAMP) END)) AS xEvent
    FROM (SELECT * EXCLUDE ("$meta") FROM read_json(${quote(SAMPLE)}, format = 'auto', sample_size = -1, timestampformat = '~', dateformat = '~')
          WHERE "$meta" IS NULL)`;

/** The file holding `count` profiles in `format` under `dir`; generated unless it is there already. */
export async function benchData(dir: string, count: number, format: DataFormat, log: (m: string) => void): Promise<string> {
    const file = path.resolve(dir, `profiles-sql-${count}-v${DATA_VERSION}.${extensions[format]}`);
    if (existsSync(file)) {
        return file;
    }
    await mkdir(dir, { recursive: true });
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', preserve_insertion_order: 'true' });
    const connection = await instance.connect() as unknown as Connection;
    const partial = `${file}.partial`;
    try {
        log(`generating ${count.toLocaleString('en')} profiles into ${path.relative(process.cwd(), file)} with DuckDB`);
        const started = Date.now();
        await connection.run(BASE);
        await rm(partial, { force: true });
        if (format === 'parquet-events') {
            // The generator is deterministic, so the two queries see the same profiles; events in profile order.
            const events = eventsFileOf(file);
            await connection.run(`COPY (SELECT profileId, e.* FROM (SELECT _id AS profileId, unnest(xEvent) AS e FROM (${profilesQuery(count, false)})))
                TO ${quote(`${events}.partial`)} (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
            await rename(`${events}.partial`, events);
        }
        await connection.run(format === 'parquet-events'
            ? `COPY (SELECT * EXCLUDE (xEvent) FROM (${profilesQuery(count, false)})) TO ${quote(partial)} (FORMAT parquet, ROW_GROUP_SIZE 100000)`
            : format === 'parquet'
            ? `COPY (${profilesQuery(count, false)}) TO ${quote(partial)} (FORMAT parquet, ROW_GROUP_SIZE 100000)`
            // One JSON text per line, null fields left out (as JSON exports usually are: COPY … (FORMAT json) would
            // write every absent struct field as null and double the file); the CSV writer with no quoting and a
            // tab delimiter writes the texts as they are.
            : `COPY (SELECT regexp_replace(regexp_replace(CAST(to_json(p) AS VARCHAR), '"[^"]*":null,?', '', 'g'), ',}', '}', 'g')
                     FROM (${profilesQuery(count, true)}) p)
               TO ${quote(partial)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t')`);
        await rename(partial, file);
        log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
    return file;
}

/**
 * A folder of `copies` hard links to one Parquet file: `copies` times its profiles (ids repeat) for the price of no
 * disk and no generation, when generating a file that large does not fit the time at hand. Reading it costs what
 * reading distinct profiles of the same shape costs (each part is decoded); say so with the figures.
 */
export async function repeatedParquet(file: string, copies: number): Promise<string> {
    const folder = file.replace(/\.parquet$/, `-x${copies}`);
    await mkdir(folder, { recursive: true });
    for (let k = 0; k < copies; k++) {
        const part = path.join(folder, `part-${String(k).padStart(3, '0')}.parquet`);
        if (!existsSync(part)) {
            await link(file, part);
        }
    }
    return folder;
}
