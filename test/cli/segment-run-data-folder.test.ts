/**
 * A folder as the data (`--data .`, `sample: "."` in segment.config.json) is read as Parquet part
 * files; a folder without any gets a message naming the folder and what was expected, not DuckDB's
 * "No files found that match the pattern" (issue 13).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

function project(config?: string): string {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'a.segment'), 'segment a {\n    where: person.birthYear > 1980\n}\n');
    writeFileSync(path.join(folder, 'profiles.jsonl'), '{"_id": "p1", "person": {"birthYear": 1990}}\n');
    if (config !== undefined) {
        writeFileSync(path.join(folder, 'segment.config.json'), config);
    }
    return folder;
}

const EXPECTED = /is a folder without Parquet part files \(\*\.parquet\); give a JSON Lines \(or JSON array\) file, a \.parquet file, or a folder of Parquet part files\./u;

test.each(['auto', 'duckdb', 'js'])('--data . (engine %s) names the folder and what a dataset is', engine => {
    const folder = project();
    const { status, stdout, stderr } = runCli(['run', 'a.segment', '--data', '.', '--engine', engine], folder);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`--data: '${folder}'`);
    expect(stderr).toMatch(EXPECTED);
    expect(stderr).not.toContain('No files found');
    expect(stderr).not.toContain('Usage');
});

test('sample "." in segment.config.json names the config key and the folder', () => {
    const folder = project('{"sample": "."}');
    const { status, stderr } = runCli(['run', 'a.segment'], folder);
    expect(status).toBe(2);
    expect(stderr).toContain(`"sample" in segment.config.json: '${folder}'`);
    expect(stderr).toMatch(EXPECTED);
});

test('a folder with Parquet part files deeper down is still a dataset (the check does not refuse it)', () => {
    const folder = project();
    mkdirSync(path.join(folder, 'data', 'year=2026'), { recursive: true });
    writeFileSync(path.join(folder, 'data', 'year=2026', 'part-0.parquet'), 'not really parquet');
    const { stderr } = runCli(['run', 'a.segment', '--data', 'data'], folder);
    // DuckDB now reads the part file (and finds it is not Parquet): past the folder check.
    expect(stderr).not.toMatch(EXPECTED);
    expect(stderr).toMatch(/part-0\.parquet/u);
});
