import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

describe('segment check', () => {
    test('exit 0 on the examples, with a summary on stderr', () => {
        const { status, stdout, stderr } = runCli(['check', 'examples']);
        expect(stdout).toBe('');
        expect(stderr).toMatch(/^\d+ file\(s\) checked: 0 error\(s\), 0 other diagnostic\(s\)\.\n$/u);
        expect(status).toBe(0);
    });

    test('exit 1 with file:line:col severity code message; JSON is an array of 1-based positions', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 'a.segment'), 'segment a {\n    where: inSegment("b") and person.brthYear > 1980\n}\n');
        writeFileSync(path.join(folder, 'b.segment'), 'segment b {\n    where: person.birthYear = 1980 and\n}\n');
        const text = runCli(['check', folder], folder);
        expect(text.status).toBe(1);
        expect(text.stdout.trim().split('\n')).toEqual([
            "a.segment:2:38 error schema/unknown-field Unknown field 'brthYear': 'person' has no such field in the schema. Did you mean 'birthYear'?",
            "b.segment:3:1 error syntax/parse Expected an expression (a field path, a literal, a function call, select/exists/forall, chain(…) …) but found '}'.",
        ]);
        const json = runCli(['check', folder, '--format', 'json'], folder);
        expect(json.status).toBe(1);
        expect(JSON.parse(json.stdout)).toEqual([
            expect.objectContaining({ file: 'a.segment', line: 2, column: 38, endLine: 2, endColumn: 46, severity: 'error', code: 'schema/unknown-field' }),
            expect.objectContaining({ file: 'b.segment', line: 3, column: 1, severity: 'error', code: 'syntax/parse' }),
        ]);
    });

    test('warnings alone exit 0', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 'w.segment'), "segment w {\n    where: homeAddress.countryCode = 'US'\n}\n");
        const { status, stdout } = runCli(['check', folder], folder);
        expect(stdout).toContain('warning syntax/single-quoted-string');
        expect(status).toBe(0);
    });

    test('exit 2 for bad usage or an unreadable path, with a message on stderr', () => {
        for (const args of [['check'], ['check', 'no/such/folder'], ['check', 'examples', '--format', 'yaml'], ['check', '--bogus', 'examples'], ['frobnicate']]) {
            const { status, stderr } = runCli(args);
            expect(status, args.join(' ')).toBe(2);
            expect(stderr.length, args.join(' ')).toBeGreaterThan(0);
        }
        expect(runCli(['check', 'no/such/folder']).stderr).toMatch(/cannot read 'no\/such\/folder': no such file or folder\./u);
    });

    test('what a folder search finds and cannot follow (a dangling link) is passed over and counted', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 'a.segment'), 'segment a {\n    where: person.birthYear > 1980\n}\n');
        symlinkSync(path.join(folder, 'gone'), path.join(folder, 'dangling'));
        const search = runCli(['check', '.'], folder);
        expect(search.stderr).toBe('1 symbolic link(s) not followed (already searched, a loop, or dangling).\n'
            + '1 file(s) checked: 0 error(s), 0 other diagnostic(s).\n');
        expect(search.status).toBe(0);
        const file = runCli(['check', 'a.segment'], folder);
        expect(file.stderr).toBe('1 file(s) checked: 0 error(s), 0 other diagnostic(s).\n');
        expect(file.status).toBe(0);
    });
});

describe('segment check across projects', () => {
    test('each project (a folder with segment.config.json) is its own workspace', () => {
        const folder = temporaryFolder();
        for (const project of ['one', 'two']) {
            mkdirSync(path.join(folder, project));
            writeFileSync(path.join(folder, project, 'segment.config.json'), '{}');
            writeFileSync(path.join(folder, project, 's.segment'), `segment same {\n    where: person.birthYear > 1980\n}\n`);
        }
        writeFileSync(path.join(folder, 'two', 'uses.segment'), 'segment uses {\n    where: inSegment("same")\n}\n');
        const { status, stdout } = runCli(['check', 'one', 'two'], folder);
        expect(stdout).toBe('');
        expect(status).toBe(0);
    });

    test('a file over 1 MiB is one syntax/too-large error naming its size and the limit; the other files are checked', () => {
        const folder = temporaryFolder();
        const segments = Array.from({ length: 20_000 }, (_, i) => `segment s${i} {\n    where: person.birthYear > ${i}\n}\n`).join('');
        writeFileSync(path.join(folder, 'generated.segment'), segments);
        writeFileSync(path.join(folder, 'b.segment'), 'segment b {\n    where: person.brthYear > 1980\n}\n');
        const { status, stdout, stderr } = runCli(['check', '.'], folder);
        expect(stdout.trim().split('\n')).toEqual([
            "b.segment:2:19 error schema/unknown-field Unknown field 'brthYear': 'person' has no such field in the schema. Did you mean 'birthYear'?",
            `generated.segment:1:1 error syntax/too-large This file has ${segments.length.toLocaleString('en-US')} characters (1.1 MiB), more than the 1,048,576 (1 MiB) `
                + 'that this tool analyses; it is not analysed. Expected a smaller file: split its segments across files of at most 1 MiB.',
        ]);
        expect(stderr).toBe('2 file(s) checked: 2 error(s), 0 other diagnostic(s).\n');
        expect(status).toBe(1);
    });
});
