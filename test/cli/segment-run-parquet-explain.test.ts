/**
 * `segment run --explain` on Parquet with native TIMESTAMP columns: the profile fetched through
 * DuckDB carries the same ISO-8601 timestamps as the JSON Lines file it was written from, so the
 * explanation reads (and shows) the same instants (issue 13). DuckDB's `to_json` writes
 * `2026-10-30 10:00:00` without a zone, which the explainer read as local time.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

const PROFILES = [
    { _id: 'p1', person: { birthYear: 1980 }, xEvent: [{ eventType: 'search', timestamp: '2026-10-30T10:00:00.000Z' }, { eventType: 'view', timestamp: '2026-09-01T23:30:00.250Z' }] },
    { _id: 'p2', person: { birthYear: 1990 }, xEvent: [{ eventType: 'search', timestamp: '2026-06-01T00:00:00.000Z' }] },
];

const SEGMENT = `segment recent {
    where: select X from xEvent where X.eventType = "search" and X.timestamp occurs <= 7 days before now
}
`;

async function writeParquet(jsonl: string, target: string, type: string): Promise<void> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        await connection.run(`COPY (SELECT _id, person, list_transform(xEvent, e -> {'eventType': e.eventType, 'timestamp': CAST(e.timestamp AS ${type})}) AS xEvent
            FROM read_json('${jsonl}', format = 'auto', timestampformat = '~')) TO '${target}' (FORMAT parquet)`);
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

test.each(['TIMESTAMP', 'TIMESTAMPTZ', 'TIMESTAMP_NS'])('--explain on Parquet (%s) shows the JSON Lines timestamps', async type => {
    const folder = temporaryFolder();
    const jsonl = path.join(folder, 'profiles.jsonl');
    writeFileSync(jsonl, PROFILES.map(p => JSON.stringify(p)).join('\n') + '\n');
    writeFileSync(path.join(folder, 'recent.segment'), SEGMENT);
    const parquet = path.join(folder, 'profiles.parquet');
    await writeParquet(jsonl, parquet, type);
    const explain = (data: string, id: string) => {
        // A zone far from UTC: a timestamp read as local time would move by hours.
        const out = runCli(['run', 'recent.segment', '--data', data, '--explain', id, '--now', '2026-11-01T12:00:00Z', '--format', 'json'], folder, { env: { TZ: 'Pacific/Kiritimati' } });
        expect(out.stderr).toBe('');
        return JSON.parse(out.stdout) as { engine: string; ids: string[]; explanations: unknown[] };
    };
    const fromJsonl = explain('profiles.jsonl', 'p1');
    const fromParquet = explain('profiles.parquet', 'p1');
    expect(fromParquet.engine).toBe('duckdb');
    expect(fromParquet.ids).toEqual(['p1']);
    expect(fromParquet.ids).toEqual(fromJsonl.ids);
    expect(fromParquet.explanations).toEqual(fromJsonl.explanations);
    expect(JSON.stringify(fromParquet.explanations)).toContain('2026-10-30T10:00:00.000Z');
});

test('the text explanation is the same line for line', async () => {
    const folder = temporaryFolder();
    const jsonl = path.join(folder, 'profiles.jsonl');
    writeFileSync(jsonl, PROFILES.map(p => JSON.stringify(p)).join('\n') + '\n');
    writeFileSync(path.join(folder, 'recent.segment'), SEGMENT);
    await writeParquet(jsonl, path.join(folder, 'profiles.parquet'), 'TIMESTAMP');
    const why = (data: string) => {
        const { stdout } = runCli(['run', 'recent.segment', '--data', data, '--explain', 'p1', '--now', '2026-11-01T12:00:00Z'], folder);
        return stdout.slice(stdout.indexOf('why '));
    };
    expect(why('profiles.parquet')).toBe(why('profiles.jsonl'));
});
