import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { refBomb } from '../language/schema/schema-bombs.js';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

/** A project folder with one segment using `person`, its config naming `schema.json`, and that schema. */
function project(schema: unknown): string {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'a.segment'), 'segment a {\n    where: person.birthYear > 1980\n}\n');
    writeFileSync(path.join(folder, 'segment.config.json'), '{ "schema": "schema.json" }');
    if (schema !== undefined) {
        writeFileSync(path.join(folder, 'schema.json'), JSON.stringify(schema));
    }
    return folder;
}

describe('segment check with hostile schema files (issue 15)', () => {
    test('a 3.5 KB $ref bomb (18 levels, 4 uses each) is one error line, not minutes and gigabytes', () => {
        const { stdout, status } = runCli(['check', '.'], project(refBomb(18)));
        expect(stdout.trim().split('\n')).toEqual([
            expect.stringMatching(/^a\.segment:1:1 error config\/invalid-schema Schema schema\.json cannot be used: the schema expands to more than 100,000 field paths/u),
        ]);
        expect(status).toBe(1);
    });

    test('a folder given as the schema is named a folder, not "no such file"', () => {
        const folder = project(undefined);
        mkdirSync(path.join(folder, 'schema.json'));
        const { stdout } = runCli(['check', '.'], folder);
        expect(stdout).toMatch(/^a\.segment:1:1 error config\/invalid-schema Cannot read .*\/schema\.json: it is a folder, not a file\. Using the bundled schemas meanwhile\.$/mu);
    });
});
