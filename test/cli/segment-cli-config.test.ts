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

    test('a schema outside the project that is not a schema is reported without quoting a byte of it', () => {
        const folder = project('{"schema": "../outside.json"}');
        writeFileSync(path.join(folder, 'outside.json'), 'SECRET-TEXT, not a schema\n');
        const { stdout, stderr } = runCli(['check', '.'], path.join(folder, 'p'));
        expect(stdout).toMatch(/Schema outside\.json is not valid JSON/u);
        expect(stdout + stderr).not.toContain('SECRET');
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
        expect(stderr).toMatch(/^segment run: "sample" in segment\.config\.json names .*elsewhere\.jsonl, outside the project and the working folder/u);
        expect(stderr).not.toContain('SECRET');
        expect(stderr).not.toContain('Usage');
        expect(status).toBe(2);
    });
});
