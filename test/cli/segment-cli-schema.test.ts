import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { refBomb } from '../language/schema/schema-bombs.js';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

/** A project folder with segments a, b, c using a custom field, its config naming `schema.json`, and that schema. */
function project(schema: unknown): string {
    const folder = temporaryFolder();
    for (const name of ['a', 'b', 'c']) {
        writeFileSync(path.join(folder, `${name}.segment`), `segment ${name} {\n    where: _acme.tier = "${name}"\n}\n`);
    }
    writeFileSync(path.join(folder, 'segment.config.json'), '{\n    "schema": "schema.json"\n}\n');
    if (schema !== undefined) {
        writeFileSync(path.join(folder, 'schema.json'), JSON.stringify(schema));
    }
    return folder;
}

describe('segment check with hostile schema files (issue 15)', () => {
    test('a 3.5 KB $ref bomb (18 levels, 4 uses each) is one error line on the config, not minutes and gigabytes, nor one per file', () => {
        const { stdout, stderr, status } = runCli(['check', '.'], project(refBomb(18)));
        expect(stdout.trim().split('\n')).toEqual([
            expect.stringMatching(/^segment\.config\.json:2:15 error config\/invalid-schema Schema schema\.json cannot be used: the schema expands to more than 100,000 field paths/u),
        ]);
        expect(stderr).toMatch(/^3 file\(s\) checked: 1 error\(s\)/u);
        expect(status).toBe(1);
    });

    test('the JSON and SARIF formats hold the same one diagnostic, at the config\'s schema value', () => {
        const folder = project(refBomb(18));
        const json = runCli(['check', '.', '--format', 'json'], folder);
        expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({
            file: 'segment.config.json', line: 2, column: 15, endLine: 2, endColumn: 28, severity: 'error', code: 'config/invalid-schema',
        })]);
        expect(json.status).toBe(1);
        const sarif = runCli(['check', '.', '--format', 'sarif'], folder);
        const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: unknown }> }> }).runs[0].results;
        expect(results.map(r => [r.ruleId, r.locations])).toEqual([['config/invalid-schema', [{ physicalLocation: {
            artifactLocation: { uri: 'segment.config.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 15, endLine: 2, endColumn: 28 },
        } }]]]);
        expect(sarif.status).toBe(1);
    });

    test('a folder given as the schema is named a folder, not "no such file"', () => {
        const folder = project(undefined);
        mkdirSync(path.join(folder, 'schema.json'));
        const { stdout } = runCli(['check', '.'], folder);
        expect(stdout).toMatch(/^segment\.config\.json:2:15 error config\/invalid-schema Cannot read .*\/schema\.json: it is a folder, not a file\. Using the bundled schemas meanwhile\.$/mu);
    });
});
