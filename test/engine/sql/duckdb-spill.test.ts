/**
 * Where DuckDB spills above its memory limit: a folder of its own under the system's temporary folder,
 * removed when the dataset is closed, never DuckDB's default `.tmp` in the working directory (the user's
 * project, or a folder the editor's server cannot write to).
 */
import { existsSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';

const sample = path.resolve(__dirname, '../../../examples/sample-profiles.jsonl');
type Connection = { runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> };

test('a dataset spills into its own temporary folder, gone once the dataset is closed', async () => {
    const duck = await DuckDbDataset.open({ path: sample }, { memoryLimit: '64MB' });
    const connection = (duck as unknown as { connection: Connection }).connection;
    const folder = String((await connection.runAndReadAll("SELECT current_setting('temp_directory')")).getRows()[0][0]);
    expect(path.dirname(folder)).toBe(os.tmpdir());
    expect(path.basename(folder)).toMatch(/^segment-duckdb-\d+-\d+$/u);
    // ~250 MB of rows under a 64 MB limit: DuckDB has to spill them.
    await connection.runAndReadAll('SET preserve_insertion_order = false');
    await connection.runAndReadAll("CREATE TEMP TABLE big AS SELECT range AS r, repeat('x', 100) || range AS s FROM range(2000000)");
    expect(readdirSync(folder).some(f => f.startsWith('duckdb_temp_storage'))).toBe(true);
    expect(existsSync(path.join(process.cwd(), '.tmp', 'duckdb_temp_storage_DEFAULT-0.tmp'))).toBe(false);
    duck.dispose();
    expect(existsSync(folder)).toBe(false);
});

test('two datasets open at once spill to different folders', async () => {
    const [a, b] = [await DuckDbDataset.open({ path: sample }), await DuckDbDataset.open({ path: sample })];
    const setting = async (d: DuckDbDataset) => ((d as unknown as { connection: Connection }).connection.runAndReadAll("SELECT current_setting('temp_directory')")).then(r => r.getRows()[0][0]);
    try {
        expect(await setting(a)).not.toBe(await setting(b));
    } finally {
        a.dispose();
        b.dispose();
    }
});
