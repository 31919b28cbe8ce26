import { closeSync, ftruncateSync, openSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AEP_RESOURCES, runCli, temporaryFolder } from './segment-cli-helpers.js';

/**
 * A 600 MB `.segment` file, more than V8's longest string (~512 MB), sparse so that it costs no
 * disk: every command that reads a project's files ended in "internal error: RangeError: Invalid
 * string length"; it is refused from its size, before it is read.
 */
describe('every command given a .segment file too large to read', () => {
    let folder: string;
    const refusal = 'big.segment:1:1 error syntax/too-large This file has 629,145,600 bytes (600.0 MiB), more than the 1,048,576 characters (1 MiB) '
        + 'that this tool analyses; it is not read. Expected a smaller file: split its segments across files of at most 1 MiB.';

    beforeAll(() => {
        folder = temporaryFolder();
        const fd = openSync(path.join(folder, 'big.segment'), 'w');
        ftruncateSync(fd, 600 * 1024 * 1024);
        closeSync(fd);
        writeFileSync(path.join(folder, 'ok.segment'), 'segment ok {\n    where: person.birthYear > 1980\n}\n');
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    test.each([
        ['check', ['check', '.']],
        ['run', ['run', 'big.segment']],
        ['test', ['test', '.']],
        ['export', ['export', '.']],
    ])('%s: one syntax/too-large error naming its size, exit 1', (_, args) => {
        const { status, stdout, stderr } = runCli(args, folder);
        expect(`${stdout}${stderr}`).not.toMatch(/internal error|RangeError/u);
        expect(`${stdout}${stderr}`.split('\n')).toContain(refusal);
        expect(status).toBe(1);
    });

    test('import into a folder holding it writes the definitions', () => {
        const { status, stderr } = runCli(['import', path.join(AEP_RESOURCES, 'single-definition.json'), '--out', '.'], folder);
        expect(stderr).not.toMatch(/internal error|RangeError/u);
        expect(stderr).toMatch(/^Imported 1 of 1 definition\(s\)/mu);
        expect(status).toBe(0);
    });
});
