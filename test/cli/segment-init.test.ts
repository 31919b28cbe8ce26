import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

test('segment init makes a starter project that checks clean and runs; it never replaces files without --force', () => {
    const folder = temporaryFolder();
    const created = runCli(['init', 'starter'], folder);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toBe(['segment.config.json', 'segments/example.segment', 'sample-profiles.jsonl']
        .map(f => `created ${path.join('starter', f)}\n`).join(''));
    expect(readdirSync(path.join(folder, 'starter')).sort()).toEqual(['sample-profiles.jsonl', 'segment.config.json', 'segments']);
    const project = path.join(folder, 'starter');
    expect(runCli(['check', '.'], project)).toMatchObject({ status: 0, stdout: '' });
    const run = runCli(['run', 'segments/example.segment', '--format', 'json'], project);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ segment: 'young_searchers', total: 4, matched: 1, ids: ['p1'] });
    const again = runCli(['init', 'starter'], folder);
    expect(again.stderr).toMatch(/^segment init: .*segment\.config\.json, .* already exist\(s\); nothing written \(--force replaces\)\.\n$/u);
    expect(again.status).toBe(2);
    const forced = runCli(['init', 'starter', '--force'], folder);
    expect(forced.stdout).toContain(`replaced ${path.join('starter', 'segment.config.json')}`);
    expect(forced.status).toBe(0);
});
