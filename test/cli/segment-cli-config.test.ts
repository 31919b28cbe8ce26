import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

/** A project folder `p/` with one valid segment and the given segment.config.json text. */
function project(config: string): string {
    const folder = temporaryFolder();
    mkdirSync(path.join(folder, 'p'));
    writeFileSync(path.join(folder, 'p', 'a.segment'), 'segment a {\n    where: person.birthYear > 1980\n}\n');
    writeFileSync(path.join(folder, 'p', 'segment.config.json'), config);
    return folder;
}

describe('segment.config.json: keys, paths and messages (issue 13)', () => {
    test('keys named __proto__, constructor, toString are unknown keys, not "must be a string: the undefined"', () => {
        const { stdout } = runCli(['check', 'p'], project('{"__proto__": 1, "constructor": 1, "toString": 1}'));
        for (const key of ['__proto__', 'constructor', 'toString']) {
            expect(stdout).toContain(`unknown key "${key}"`);
        }
        expect(stdout).not.toContain('the undefined');
    });

    test('a schema outside the project, the repository and the working folder is refused unread: one line per path, at its value', () => {
        const folder = project('{"schema": "../outside.json", "eventSchema": "/etc/passwd"}');
        writeFileSync(path.join(folder, 'p', 'b.segment'), 'segment b {\n    where: person.birthYear > 1990\n}\n');
        writeFileSync(path.join(folder, 'outside.json'), 'SECRET-TEXT, not a schema\n');
        const { stdout, stderr, status } = runCli(['check', '.'], path.join(folder, 'p'));
        expect(stdout.trim().split('\n')).toEqual([
            expect.stringMatching(/^segment\.config\.json:1:12 error config\/outside-path "schema" names .*\/outside\.json, outside the project's folder, git repository and workspace; set "allowPathsOutsideWorkspace": true/u),
            expect.stringMatching(/^segment\.config\.json:1:46 error config\/outside-path "eventSchema" names \/etc\/passwd, outside/u),
        ]);
        expect(stdout + stderr).not.toMatch(/SECRET|root:/u);
        expect(status).toBe(1);
    });

    test('inside the working folder, or with "allowPathsOutsideWorkspace": true, a non-schema is read but not quoted', () => {
        const folder = project('{"schema": "../outside.json"}');
        writeFileSync(path.join(folder, 'outside.json'), 'SECRET-TEXT, not a schema\n');
        const fromParent = runCli(['check', 'p'], folder);
        expect(fromParent.stdout).toMatch(/Schema outside\.json is not valid JSON/u);
        const optedOut = project('{"schema": "/etc/passwd", "allowPathsOutsideWorkspace": true}');
        const fromProject = runCli(['check', '.'], path.join(optedOut, 'p'));
        expect(fromProject.stdout).toMatch(/Schema passwd is not valid JSON/u);
        expect(fromParent.stdout + fromParent.stderr + fromProject.stdout + fromProject.stderr).not.toMatch(/SECRET|root:/u);
    });

    test('"allowPathsOutsideWorkspace" must be true or false', () => {
        const { stdout } = runCli(['check', 'p'], project('{"allowPathsOutsideWorkspace": "yes"}'));
        expect(stdout).toContain('"allowPathsOutsideWorkspace" must be true or false');
    });

    test('a schema inside the project that is not JSON is reported without quoting its text', () => {
        const folder = project('{"schema": "notes.json"}');
        writeFileSync(path.join(folder, 'p', 'notes.json'), 'SECRET-TEXT, not a schema\n');
        const { stdout } = runCli(['check', 'p'], folder);
        expect(stdout).toMatch(/Schema notes\.json is not valid JSON/u);
        expect(stdout).not.toContain('SECRET');
    });

    test('a config with a UTF-8 BOM is accepted like data files', () => {
        const { stdout, status } = runCli(['check', 'p'], project('\uFEFF{"now": "2026-11-01T12:00:00Z"}'));
        expect(stdout).toBe('');
        expect(status).toBe(0);
    });

    test('a config sample outside the project is refused by run, naming the key; no data error prints the usage', () => {
        const folder = project('{"sample": "../elsewhere.jsonl"}');
        writeFileSync(path.join(folder, 'elsewhere.jsonl'), 'SECRET-TEXT\n');
        const { stderr, status } = runCli(['run', 'a.segment'], path.join(folder, 'p'));
        expect(stderr).toMatch(/^segment run: "sample" names .*elsewhere\.jsonl, outside the project's folder, git repository and workspace; set "allowPathsOutsideWorkspace": true/u);
        expect(stderr).not.toContain('SECRET');
        expect(stderr).not.toContain('Usage');
        expect(status).toBe(2);
    });
});
