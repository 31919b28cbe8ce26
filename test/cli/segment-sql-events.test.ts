/**
 * `segment sql --events … --events-key …` (and the config's `events`/`eventsKey`): the query over a
 * profiles relation and an experience-events relation joined on the identity column, in both
 * dialects. The DuckDB query over the two-file sample, run through DuckDB, selects `segment run`'s ids;
 * the Spark query reads the tables the user names and parses with a real Spark SQL grammar; bad
 * combinations of the options are usage errors (exit 2).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { sparkValidator, type SparkValidator } from '../helpers/spark-sql-parser.js';
import { REPO, runCli, temporaryFolder } from './segment-cli-helpers.js';

const NOW = ['--now', '2026-11-01T12:00:00Z'];
const folder = temporaryFolder();
const profiles = path.join(folder, 'profiles.parquet');
const events = path.join(folder, 'events.parquet');
const twoFiles = ['--data', profiles, '--events', events, '--events-key', 'profileId'];
let validate: SparkValidator;

beforeAll(async () => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/write-parquet-sample.mjs'), profiles, '--events', events]);
    validate = await sparkValidator();
});

/** Runs a printed query in DuckDB (after `setup`): per segment of the query, the ids it selects. */
async function idsOf(sql: string, names: string[], setup: string[] = []): Promise<string[][]> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        for (const statement of setup) {
            await connection.run(statement);
        }
        const rows = (await connection.runAndReadAll(sql)).getRows();
        return names.length === 1 ? [rows.map(r => String(r[0]))] : names.map((_, i) => rows.filter(r => r[i + 1] === true).map(r => String(r[0])));
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

describe('segment sql over profiles and events in two relations', () => {
    test.each(['jacket-buyers', 'checkout-funnel', 'sneakers'])('%s: the DuckDB query over the two files selects the ids of segment run over them', async name => {
        const file = `examples/${name}.segment`;
        const printed = runCli(['sql', file, ...twoFiles, ...NOW]);
        expect(printed.stderr).toBe('');
        expect(printed.status).toBe(0);
        expect(printed.stdout).toContain(`FROM read_parquet('${events}'`);
        const run = JSON.parse(runCli(['run', file, ...twoFiles, ...NOW, '--format', 'json']).stdout) as { segment: string; ids: string[] } | Array<{ segment: string; ids: string[] }>;
        const results = Array.isArray(run) ? run : [run];
        expect(results.some(r => r.ids.length > 0)).toBe(true);
        expect(await idsOf(printed.stdout, results.map(r => r.segment))).toEqual(results.map(r => r.ids));
    });

    test('DuckDB, types from the schema: the query reads the tables --table and --events, and selects segment run\'s ids there', async () => {
        const file = 'examples/jacket-buyers.segment';
        const printed = runCli(['sql', file, '--table', 'sample.p', '--events', 'sample.e', '--events-key', 'profileId', ...NOW]);
        expect(printed.stdout).toContain('FROM "sample"."p" p');
        const results = JSON.parse(runCli(['run', file, ...twoFiles, ...NOW, '--format', 'json']).stdout) as Array<{ segment: string; ids: string[] }>;
        const tables = ['CREATE SCHEMA sample', `CREATE VIEW sample.p AS FROM '${profiles}'`, `CREATE VIEW sample.e AS FROM '${events}'`];
        const ids = await idsOf(printed.stdout, results.map(r => r.segment), tables);
        // The first two segments read no timestamp: the sample's timestamps are strings and numbers (a JSON
        // column), which the schema types as strings; the third is checked with the files' types above.
        expect(ids.slice(0, 2)).toEqual(results.slice(0, 2).map(r => r.ids));
        expect(ids[0].length).toBeGreaterThan(0);
    });

    test('Spark, types from the schema: --table and --events name the tables (dotted names are qualified)', () => {
        const out = runCli(['sql', 'examples/jacket-buyers.segment', '--dialect', 'spark', '--table', 'aep.profiles', '--events', 'aep.experience_events', '--events-key', 'identity.id', ...NOW]);
        expect(out.status).toBe(0);
        expect(out.stdout).toContain('FROM `aep`.`profiles` p');
        expect(out.stdout).toContain('FROM `aep`.`experience_events` __e');
        expect(out.stdout).toContain('CAST(__e.`identity`.`id` AS STRING) AS __key');
        expect(out.stdout).not.toContain('`xEvent`');
        expect(validate(out.stdout)).toEqual([]);
    });

    test('Spark, types from the files: the tables are --table and --events-table (default profiles and events)', () => {
        // The sample's timestamps are strings and numbers (a JSON column, which Spark lacks): a segment not reading them.
        const searchers = path.join(folder, 'searchers.segment');
        writeFileSync(searchers, 'segment searchers {\n    where: select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers")\n}\n');
        const named = runCli(['sql', searchers, '--dialect', 'spark', ...twoFiles, '--table', 'raw.p', '--events-table', 'raw.e', ...NOW]);
        expect(named.status).toBe(0);
        expect(named.stdout).toContain('FROM `raw`.`p` p');
        expect(named.stdout).toContain('FROM `raw`.`e` __e');
        expect(validate(named.stdout)).toEqual([]);
        const placeholders = runCli(['sql', searchers, '--dialect', 'spark', ...twoFiles, ...NOW]);
        expect(placeholders.stdout).toContain('FROM `profiles` p');
        expect(placeholders.stdout).toContain('FROM `events` __e');
        expect(placeholders.stdout).not.toContain(folder);
    });

    test('the config\'s "events" and "eventsKey" give the two-relation shape, as for segment run', () => {
        const project = temporaryFolder();
        mkdirSync(path.join(project, 'data'));
        copyFileSync(events, path.join(project, 'data/events.parquet'));
        copyFileSync(profiles, path.join(project, 'data/profiles.parquet'));
        writeFileSync(path.join(project, 'segment.config.json'), JSON.stringify({ events: 'data/events.parquet', eventsKey: 'profileId' }));
        copyFileSync(path.join(REPO, 'examples/sneakers.segment'), path.join(project, 'sneakers.segment'));
        const spark = runCli(['sql', 'sneakers.segment', '--dialect', 'spark', ...NOW], project);
        expect(spark.status).toBe(0);
        expect(spark.stdout).toContain('FROM `events` __e');
        const duck = runCli(['sql', 'sneakers.segment', '--data', 'data/profiles.parquet', ...NOW], project);
        expect(duck.stdout).toContain(`FROM read_parquet('${path.join(project, 'data/events.parquet')}'`);
    });

    test.each([
        [['--events', 'events'], '--events needs --events-key <column>'],
        [['--events-key', 'profileId'], '--events-key needs --events'],
        [['--events-table', 'e'], '--events-table needs --events'],
        [['--events', 'e', '--events-key', 'k', '--events-table', 'f'], 'without --data, --events already names the events table'],
        [['--events', 'data/events.parquet', '--events-key', 'k'], "--events 'data/events.parquet' looks like a file, but without --data the query reads tables"],
        [['--events', 'events.jsonl', '--events-key', 'k'], "--events 'events.jsonl' looks like a file"],
        [['--data', 'examples/sample-profiles.jsonl', '--events', 'missing.parquet', '--events-key', 'profileId'], 'Cannot read the data: IO Error'],
        [['--data', 'PROFILES', '--events', 'EVENTS', '--events-key', 'nope'], "The events data has no column 'nope'"],
    ])('usage error: %j', (args, message) => {
        const out = runCli(['sql', 'examples/sneakers.segment', ...args.map(a => (a === 'PROFILES' ? profiles : a === 'EVENTS' ? events : a))]);
        expect(out.status).toBe(2);
        expect(out.stderr).toContain(message);
        expect(out.stderr).not.toContain('internal error');
    });

    test('segment run names an events key the events lack as bad input, not an internal error', () => {
        const out = runCli(['run', 'examples/sneakers.segment', '--data', profiles, '--events', events, '--events-key', 'nope']);
        expect(out.status).toBe(2);
        expect(out.stderr).toContain("The events data has no column 'nope'");
        expect(out.stderr).not.toContain('internal error');
    });
});
