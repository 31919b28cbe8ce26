import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLI, runCli, temporaryFolder } from './segment-cli-helpers.js';

// Bad invocations of every command: each is one clear message on stderr and exit 2, never an
// "internal error" with a stack trace (issue 16 §2; commands and formats as inherited keys, issue 15).
const folder = temporaryFolder();
const segment = path.join(folder, 'ok.segment');
writeFileSync(segment, 'segment ok {\n    where: person.birthYear > 1990\n}\n');
const empty = path.join(folder, 'empty.segment');
writeFileSync(empty, '');
const emptyFolder = path.join(folder, 'nothing-here');
mkdirSync(emptyFolder);
writeFileSync(path.join(emptyFolder, 'notes.txt'), 'no segments\n');
const notJson = path.join(folder, 'payload.json');
writeFileSync(notJson, '{ not json');
const fifo = path.join(folder, 'pipe.segment');
execFileSync('mkfifo', [fifo]);
const missing = path.join(folder, 'missing.segment');

const BAD: Array<[string[], RegExp]> = [
    [['constructor'], /unknown command 'constructor'/u],
    [['__proto__'], /unknown command '__proto__'/u],
    [['toString'], /unknown command 'toString'/u],
    [['check', '--format', '__proto__', segment], /--format: unknown format '__proto__'/u],
    [['check', '--format', 'toString', segment], /--format: unknown format 'toString'/u],
    [['check', '--format', 'constructor', segment], /--format: unknown format 'constructor'/u],
    [['check'], /needs at least one file or folder/u],
    [['check', missing], /cannot read '.*missing\.segment': no such file or folder/u],
    [['check', emptyFolder], /no \.segment files found in '.*nothing-here'/u],
    [['check', path.join(folder, 'nomatch*.segment')], /no \.segment files found matching '.*nomatch\*\.segment'/u],
    [['check', fifo], /pipe\.segment' is a FIFO/u],
    [['check', '--bogus', segment], /unknown option '--bogus'/u],
    [['check', segment, '--format'], /--format needs a value/u],
    [['run'], /needs exactly one \.segment file/u],
    [['run', missing], /cannot read '.*missing\.segment': no such file or folder/u],
    [['run', emptyFolder], /no \.segment files found in '.*nothing-here'/u],
    [['run', fifo], /is a FIFO/u],
    [['run', empty], /declares no segment: nothing to run/u],
    [['run', segment, '--now', 'yesterday'], /^segment run: --now: 'yesterday' is not an ISO-8601 instant/u],
    [['run', segment, '--time-zone', 'Mars/Olympus'], /^segment run: --time-zone: 'Mars\/Olympus' is not an IANA time zone/u],
    [['run', segment, '--data', '/dev/zero'], /--data: '\/dev\/zero' is a device, not a dataset file/u],
    [['run', segment, '--data', emptyFolder], /--data: '.*nothing-here' is a folder without Parquet part files \(\*\.parquet\)/u],
    [['run', segment, '--data', path.join(folder, 'none.jsonl')], /--data: cannot read '.*none\.jsonl' \(no such file\)/u],
    [['run', segment, '--format', 'toString'], /--format: unknown format 'toString'/u],
    [['run', segment, '--skip-invalid=yes'], /--skip-invalid does not take a value/u],
    [['export'], /needs a \.segment file or a folder/u],
    [['export', missing], /no such file or folder/u],
    [['export', emptyFolder], /no \.segment files found/u],
    [['export', segment, '--format', '__proto__'], /--format: unknown format '__proto__'/u],
    [['import'], /needs exactly one JSON file/u],
    [['import', missing], /[Cc]annot read/u],
    [['import', folder], /[Cc]annot read|is a folder/u],
    [['import', notJson], /is not JSON/u],
    [['init', 'a', 'b'], /at most one folder/u],
    [['sql', missing], /cannot read '.*missing\.segment': no such file or folder/u],
    [['sql', emptyFolder], /no \.segment files found/u],
    [['sql', '--dialect', 'toString', segment], /[Uu]nknown dialect 'toString'/u],
    [['test', '--format', 'toString', segment], /--format: unknown format 'toString'/u],
    [['test', missing], /no such file or folder/u],
    [['test', emptyFolder], /no \.segment files found/u],
];

describe('bad invocations: one message, exit 2, never an internal error', () => {
    test.each(BAD.map(([args, message]) => [args.map(a => path.basename(a)).join(' '), args, message] as const))('segment %s', (_name, args, message) => {
        const { status, stdout, stderr } = runCli(args, folder);
        expect(stderr).not.toMatch(/internal error|\n\s+at /u);
        expect(stderr).toMatch(message);
        expect(stderr.split('\n').filter(line => line).length).toBeLessThanOrEqual(2);
        expect(stdout).toBe('');
        expect(status).toBe(2);
    });
});

describe('help and version', () => {
    test.each(['check', 'run', 'test', 'sql', 'export', 'import', 'init'])('segment %s --help, -h and segment help <command> print the usage, exit 0', command => {
        for (const args of [[command, '--help'], [command, '-h'], ['help', command], [command, 'some-file', '--help']]) {
            const { status, stdout, stderr } = runCli(args, folder);
            expect(stderr).toBe('');
            expect(status).toBe(0);
            expect(stdout).toMatch(new RegExp(`^Usage: segment ${command}`, 'u'));
            expect(stdout).toContain('--no-color');
        }
    });

    test('after --, --help is an argument, not a request for help', () => {
        expect(runCli(['check', '--', '--help'], folder).stderr).toMatch(/cannot read '--help'/u);
    });

    test('segment --version prints the package version; segment --help lists every command', () => {
        expect(runCli(['--version']).stdout).toMatch(/^segment \d+\.\d+\.\d+\n$/u);
        const help = runCli(['--help']);
        expect(help.status).toBe(0);
        for (const command of ['check', 'run', 'test', 'sql', 'export', 'import', 'init']) {
            expect(help.stdout).toContain(`segment ${command}`);
        }
        expect(runCli([]).status).toBe(2);
    });
});

describe('colour and pipes', () => {
    const broken = path.join(folder, 'broken', 'b.segment');
    mkdirSync(path.dirname(broken));
    writeFileSync(broken, 'segment b {\n    where: person.birthYear >\n}\n');

    test('colour only when asked (--color) or on a terminal; piped and --no-color/NO_COLOR output is plain', () => {
        const escape = '\u001b[';
        expect(runCli(['check', broken], folder).stdout).not.toContain(escape);
        const coloured = runCli(['check', broken, '--color'], folder).stdout;
        expect(coloured).toContain(`${escape}31merror${escape}0m`);
        expect(runCli(['check', '--no-color', broken], folder, { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(escape);
        const explained = runCli(['run', segment, '--data', '-', '--explain', 'a', '--color'], folder, { input: '{"_id": "a", "person": {"birthYear": 1995}}\n' });
        expect(explained.stdout).toContain(`${escape}32m✓${escape}0m`);
    });

    test('--data - and /dev/stdin read a pipe (no seeking); the run names it as given', () => {
        const input = '{"_id": "a", "person": {"birthYear": 1995}}\n{"_id": "b", "person": {"birthYear": 1970}}\n';
        for (const data of ['-', '/dev/stdin']) {
            const { status, stdout, stderr } = runCli(['run', segment, '--data', data, '--format', 'json'], folder, { input });
            expect(stderr).toBe('');
            expect(status).toBe(0);
            expect(JSON.parse(stdout)).toMatchObject({ total: 2, matched: 1, ids: ['a'], sample: data });
        }
        const file = path.join(folder, 'profiles.jsonl');
        writeFileSync(file, input);
        // bash's <(cat …) is a pipe under /dev/fd: reading it must not seek.
        const substituted = execFileSync('bash', ['-c', `"${process.execPath}" "${CLI}" run "${segment}" --format json --data <(cat "${file}")`], { encoding: 'utf8' });
        expect(JSON.parse(substituted)).toMatchObject({ total: 2, matched: 1 });
        const malformed = runCli(['run', segment, '--data', '-'], folder, { input: '{"_id": "a"}\n{oops\n' });
        expect(malformed.stderr).toMatch(/^segment run: -:2: /u);
        expect(malformed.status).toBe(2);
    });
});
