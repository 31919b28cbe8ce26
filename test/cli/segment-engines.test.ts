/**
 * `segment run --engine` and `segment sql` from the command line: the same JSON from both engines
 * (plus the engine's name), all segments of a folder in one run, clear errors for an unknown engine,
 * a construct without SQL translation, and `--events` without a key.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, runCli, temporaryFolder } from './segment-cli-helpers.js';

type Result = { segment: string; ids: string[]; total: number; engine: string; clauses: unknown[] };

describe('segment run --engine', () => {
    test('js and duckdb print the same results over the sample, and say which ran', () => {
        const run = (engine: string) => JSON.parse(runCli(['run', 'examples/jacket-buyers.segment', '--format', 'json', '--engine', engine]).stdout) as Result[];
        const js = run('js');
        const duck = run('duckdb');
        expect(js.map(r => r.engine)).toEqual(js.map(() => 'js'));
        expect(duck.map(r => r.engine)).toEqual(duck.map(() => 'duckdb'));
        expect(duck.map(({ engine: _e, ...rest }) => rest)).toEqual(js.map(({ engine: _e, ...rest }) => rest));
    });

    test('a Parquet sample runs on DuckDB under auto with the ids of the JSON Lines run; --explain still explains', () => {
        const folder = temporaryFolder();
        const parquet = path.join(folder, 'sample.parquet');
        execFileSync(process.execPath, [path.join(REPO, 'scripts/write-parquet-sample.mjs'), parquet]);
        const jsonl = JSON.parse(runCli(['run', 'examples/sneakers.segment', '--format', 'json']).stdout) as Result;
        const out = runCli(['run', 'examples/sneakers.segment', '--format', 'json', '--data', parquet, '--explain', 'p0007']);
        expect(out.stderr).toBe('');
        const fromParquet = JSON.parse(out.stdout) as Result & { explanations: Array<{ id: string; matched: boolean }> };
        expect(fromParquet.engine).toBe('duckdb');
        expect(fromParquet.ids).toEqual(jsonl.ids);
        expect(fromParquet.explanations).toEqual([expect.objectContaining({ id: 'p0007', matched: false })]);
        expect(runCli(['run', 'examples/sneakers.segment', '--data', parquet, '--engine', 'js']).status).toBe(2);
    });

    test('a folder runs every segment in one pass', () => {
        const results = JSON.parse(runCli(['run', 'examples', '--format', 'json', '--data', 'examples/sample-profiles.jsonl']).stdout) as Result[];
        expect(results.length).toBeGreaterThan(15);
        expect(new Set(results.map(r => r.total))).toEqual(new Set([520]));
    });

    test('the text report is the same from both engines (DuckDB\'s ids read as the report is written)', () => {
        const text = (engine: string, extra: string[] = []) => runCli(['run', 'examples/jacket-buyers.segment', '--engine', engine, ...extra]).stdout.replace(/engine \w+$/gmu, 'engine');
        const js = text('js');
        expect(js).toMatch(/ids: p\d+(, p\d+){19}, … \(\d+ more\)/u);
        expect(text('duckdb', ['--memory-limit', '2GB'])).toBe(js);
    });

    test('--memory-limit: a size that is not one is a usage error; one too small for the data says what to raise', () => {
        const bad = runCli(['run', 'examples/sneakers.segment', '--engine', 'duckdb', '--memory-limit', 'lots']);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain("--memory-limit: 'lots' is not a size (such as 512MB or 2GB).");
        const small = runCli(['run', 'examples', '--engine', 'duckdb', '--memory-limit', '1MB']);
        expect(small.status).toBe(2);
        expect(small.stderr).toMatch(/^segment run: DuckDB ran out of memory \(its limit: 1MB\) [^\n]*\nRaise the limit with --memory-limit \(such as --memory-limit 2GB\) or "memoryLimit" in segment\.config\.json\.\n$/u);
    });

    test('"memoryLimit" in segment.config.json sets DuckDB\'s limit; --memory-limit overrides it', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 'segment.config.json'), JSON.stringify({ memoryLimit: '1MB', sample: 'profiles.jsonl' }));
        writeFileSync(path.join(folder, 'profiles.jsonl'), readFileSync(path.join(REPO, 'examples/sample-profiles.jsonl')));
        writeFileSync(path.join(folder, 'probe.segment'), 'segment probe {\n    where: person.birthYear > 1\n}\n');
        const tight = runCli(['run', 'probe.segment', '--engine', 'duckdb'], folder);
        expect(tight.status).toBe(2);
        expect(tight.stderr).toContain('DuckDB ran out of memory (its limit: 1MB)');
        expect(tight.stderr).toContain('Raise the limit with --memory-limit (such as --memory-limit 2GB) or "memoryLimit" in segment.config.json.');
        expect(runCli(['run', 'probe.segment', '--engine', 'duckdb', '--memory-limit', '1GB'], folder).status).toBe(0);
        writeFileSync(path.join(folder, 'segment.config.json'), JSON.stringify({ memoryLimit: 'plenty' }));
        expect(runCli(['check', 'probe.segment'], folder).stderr + runCli(['check', 'probe.segment'], folder).stdout).toContain('"plenty" is not a size such as "512MB" or "2GB"');
    });

    test('usage errors: unknown engine, --events without a key, a construct without translation', () => {
        expect(runCli(['run', 'examples/sneakers.segment', '--engine', 'spark']).stderr).toMatch(/unknown engine 'spark'/iu);
        expect(runCli(['run', 'examples/sneakers.segment', '--events', 'x.parquet']).stderr).toContain('--events needs --events-key');
        const folder = temporaryFolder();
        const file = path.join(folder, 'top.segment');
        writeFileSync(file, 'segment top {\n    where: xEvent.topN(timestamp, 1).head().eventType = "search"\n}\n');
        const duck = runCli(['run', file, '--engine', 'duckdb', '--data', path.join(REPO, 'examples/sample-profiles.jsonl')]);
        expect(duck.status).toBe(2);
        expect(duck.stderr).toMatch(/Cannot translate the method '\.topN\(\)' at 2:12–2:37 \('xEvent\.topN\(timestamp, 1\)'\) to SQL/u);
        const auto = runCli(['run', file, '--data', path.join(REPO, 'examples/sample-profiles.jsonl'), '--format', 'json']);
        expect(auto.status).toBe(0);
        expect((JSON.parse(auto.stdout) as Result).engine).toBe('js');
    });
});

describe('segment sql', () => {
    test('prints the DuckDB query, and the Spark query with now as a timestamp literal', () => {
        const duck = runCli(['sql', 'examples/sneakers.segment', '--now', '2026-11-01T12:00:00Z']);
        expect(duck.status).toBe(0);
        expect(duck.stdout).toContain('list_filter(coalesce(p."xEvent", []), lambda __e:');
        const spark = runCli(['sql', 'examples/sneakers.segment', '--dialect', 'spark', '--now', '2026-11-01T12:00:00Z']);
        expect(spark.stdout).toContain("exists(coalesce(p.`xEvent`, array()), v1 ->");
        expect(spark.stdout).toContain("unix_millis(TIMESTAMP '2026-10-02T12:00:00.000Z')");
        expect(spark.stdout).toContain('-- now = 2026-11-01T12:00:00.000Z');
        expect(runCli(['sql', 'examples/sneakers.segment', '--dialect', 'oracle']).status).toBe(2);
        expect(readFileSync(path.join(REPO, 'docs/sql.md'), 'utf8')).toContain('segment sql');
    });
});
