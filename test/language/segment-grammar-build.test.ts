import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `langium generate` (the first step of `npm run build`) run as the build runs it, but writing into a
 * temporary folder so that the test never rewrites the sources other tests are reading. The build
 * output must be clean: a grammar warning ("Found multiple assignments to 'title'" when a property
 * is assigned in several alternatives) is a shape to fix, not noise to scroll past.
 */
const config = JSON.parse(readFileSync('langium-config.json', 'utf8')) as { languages: Array<{ grammar: string }>; out: string };
const folder = mkdtempSync(join(tmpdir(), 'segment-grammar-'));
const out = join(folder, 'generated');
const configFile = join(folder, 'langium-config.json');
writeFileSync(configFile, JSON.stringify({
    ...config,
    languages: config.languages.map(language => ({ ...language, grammar: resolve(language.grammar) })),
    out,
}));
const run = spawnSync(process.execPath, [resolve('node_modules/langium-cli/bin/langium.js'), 'generate', '--file', configFile], {
    encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('langium generate', () => {

    test('succeeds', () => {
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain('Langium generator finished successfully');
    });

    test('prints no warning and no diagnostic about the grammar', () => {
        // Warnings go to stderr (console.warn); hints would be `file:line:column - message` lines on stdout.
        expect(run.stderr).toBe('');
        expect(run.stdout.split('\n').filter(line => /\.langium:\d+:\d+ - /u.test(line))).toEqual([]);
    });

    test.each(['ast.ts', 'grammar.ts', 'module.ts'])('the committed generated/%s is what the grammar generates', file => {
        expect(readFileSync(join(config.out, file), 'utf8')).toBe(readFileSync(join(out, file), 'utf8'));
    });
});
