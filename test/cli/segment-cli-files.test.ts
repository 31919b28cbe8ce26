import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

const segment = (id: string, where = 'person.birthYear > 1980'): string => `segment ${id} {\n    where: ${where}\n}\n`;

describe('folder searches end and list each real file once (issue 13)', () => {
    test('a FIFO named x.segment is skipped with a message, not read (reading it waits forever)', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 'a.segment'), segment('a'));
        execFileSync('mkfifo', [path.join(folder, 'x.segment')]);
        const { status, stderr } = runCli(['check', '.'], folder);
        expect(stderr).toContain('warning: skipped x.segment (a FIFO (named pipe)): not a regular file.');
        expect(stderr).toContain('1 file(s) checked: 0 error(s)');
        expect(status).toBe(0);
    });

    test('a symlink loop (a/up -> ..) ends; a link to the folder itself (me -> .) gives no false duplicate id', () => {
        const folder = temporaryFolder();
        mkdirSync(path.join(folder, 'a'));
        writeFileSync(path.join(folder, 'a', 'one.segment'), segment('one'));
        writeFileSync(path.join(folder, 'two.segment'), segment('two', 'inSegment("one")'));
        symlinkSync('..', path.join(folder, 'a', 'up'));
        symlinkSync('.', path.join(folder, 'me'));
        const { status, stdout, stderr } = runCli(['check', '.'], folder);
        expect(stdout).toBe('');
        expect(stderr).toBe('2 symbolic link(s) not followed (already searched, a loop, or dangling).\n'
            + '2 file(s) checked: 0 error(s), 0 other diagnostic(s).\n');
        expect(status).toBe(0);
        const exported = runCli(['export', '.', '--format', 'pql'], folder);
        expect(exported.stderr).toMatch(/reference-without-aep-id/u);
        expect(exported.stderr).not.toMatch(/duplicate/iu);
    });
});

// As root every file is readable: the unreadable cases run the CLI as an unprivileged user.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('unreadable entries are reported one by one and fail the command (issue 15)', () => {
    test('an unreadable .segment file and an unreadable folder: each named, the rest checked, exit 2', () => {
        const folder = temporaryFolder();
        chmodSync(folder, 0o755);
        writeFileSync(path.join(folder, 'ok.segment'), segment('ok'));
        writeFileSync(path.join(folder, 'secret.segment'), segment('secret'));
        chmodSync(path.join(folder, 'secret.segment'), 0o000);
        mkdirSync(path.join(folder, 'locked'));
        writeFileSync(path.join(folder, 'locked', 'bad.segment'), 'segment bad { where: }\n');
        chmodSync(path.join(folder, 'locked'), 0o000);
        const { status, stderr } = runCli(['check', '.'], folder, asUser);
        expect(stderr).not.toMatch(/internal error/u);
        expect(stderr).toContain('error: cannot read secret.segment (EACCES).');
        expect(stderr).toContain(`error: cannot read locked${path.sep} (EACCES).`);
        expect(stderr).toContain('1 file(s) checked: 0 error(s), 0 other diagnostic(s); 2 path(s) could not be read.');
        expect(status).toBe(2);
        chmodSync(path.join(folder, 'locked'), 0o755);
    });
});

describe('what a project is: the same rule as the editor (issue 15)', () => {
    test('without segment.config.json, a folder given to check/export is one project: references across its subfolders resolve', () => {
        const folder = temporaryFolder();
        mkdirSync(path.join(folder, 'proj', 'a'), { recursive: true });
        mkdirSync(path.join(folder, 'proj', 'b'), { recursive: true });
        writeFileSync(path.join(folder, 'proj', 'a', 'vip.segment'), 'segment vip {\n    aepId: "11111111-2222-3333-4444-555555555555"\n    where: person.birthYear > 1980\n}\n');
        writeFileSync(path.join(folder, 'proj', 'b', 'not-vip.segment'), segment('not_vip', 'not inSegment("vip")'));
        const checked = runCli(['check', 'proj'], folder);
        expect(checked.stdout).toBe('');
        expect(checked.status).toBe(0);
        const exported = runCli(['export', 'proj', '--segment', 'not_vip', '--format', 'pql'], folder);
        expect(exported.stdout).toBe('not inSegment("11111111-2222-3333-4444-555555555555")\n');
        expect(exported.status).toBe(0);
    });
});
