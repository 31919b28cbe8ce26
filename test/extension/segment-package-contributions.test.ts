/**
 * VS Code conventions the packaged extension must keep: the config's JSON Schema agrees with the
 * server's own validation, snippets expand to valid segments, the walkthrough's media and the icon
 * exist, workspace trust is declared, and the files the README links to are in the package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parseSegmentConfig } from '../../src/language/segment-config.js';
import { parseSegments } from '../engine/engine-helpers.js';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

describe('segment.config.json schema (contributes.jsonValidation)', () => {
    const [validation] = contributes.jsonValidation;
    const schema = JSON.parse(readFileSync(path.join(root, validation.url), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);

    test('is registered for segment.config.json', () => {
        expect(validation.fileMatch).toBe('segment.config.json');
    });

    test.each([
        ['{ "schema": "schemas/profile.schema.json", "sample": "s.jsonl", "now": "2026-11-01T12:00:00Z", "timeZone": "UTC" }', true],
        ['{ "eventSchema": "e.json", "now": "2026-11-01T12:00:00.5+01:00" }', true],
        ['{ "$schema": "x", "sample": "profiles.json" }', true],
        ['{ "schemas": "typo.json" }', false],
        ['{ "schema": "" }', false],
        ['{ "now": "2026-11-01" }', false],
        ['{ "now": "yesterday" }', false],
        ['{ "sample": 3 }', false],
        ['[]', false],
    ])('agrees with the server on %s', (text, valid) => {
        expect(validate(JSON.parse(text))).toBe(valid);
        expect(parseSegmentConfig(text).errors.length === 0).toBe(valid);
    });
});

describe('snippets', () => {
    const file = contributes.snippets.find((s: { language: string }) => s.language === 'segment').path;
    const snippets: Record<string, { prefix: string; body: string | string[] }> = JSON.parse(readFileSync(path.join(root, file), 'utf8'));

    /** The text a snippet inserts when every placeholder keeps its default (the first choice). */
    function expand(body: string | string[]): string {
        let text = Array.isArray(body) ? body.join('\n') : body;
        const defaults = new Map<string, string>();
        for (let previous = ''; previous !== text;) {
            previous = text;
            text = text.replace(/\$\{(\d+):([^{}]*)\}/gu, (_, n: string, value: string) => (defaults.set(n, value), value))
                .replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/gu, (_, n: string, value: string) => (defaults.set(n, value), value));
        }
        return text.replace(/\$(\d+)/gu, (_, n: string) => defaults.get(n) ?? '');
    }

    test('a segment skeleton, an event selection, a CHAIN and an occurs window', () => {
        expect(Object.values(snippets).map(s => s.prefix).sort()).toEqual(['chain', 'occurs', 'segment', 'select']);
    });

    test.each(['segment', 'select', 'chain', 'occurs'])('the %s snippet expands to valid PQL', async prefix => {
        const snippet = Object.values(snippets).find(s => s.prefix === prefix)!;
        const text = expand(snippet.body);
        const file = prefix === 'segment' ? text : `segment t { where: ${text.replace('X.timestamp', 'timestamp')} }`;
        expect(await parseSegments(file)).toHaveLength(1);
    });
});

describe('manifest', () => {
    test('a Getting Started walkthrough whose steps link commands the extension contributes, with their media', () => {
        const [walkthrough] = contributes.walkthroughs;
        const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
        expect(walkthrough.steps.map((s: { id: string }) => s.id)).toEqual(['openExample', 'run', 'configure']);
        for (const step of walkthrough.steps) {
            expect(existsSync(path.join(root, step.media.markdown))).toBe(true);
            const linked = /\(command:([\w.]+)\)/u.exec(step.description)?.[1];
            expect(commands.has(linked)).toBe(true);
        }
    });

    test('workspace trust is declared, with what is limited', () => {
        const trust = manifest.capabilities.untrustedWorkspaces;
        expect(trust.supported).toBe('limited');
        expect(trust.description).toMatch(/running segments is disabled/u);
        expect(trust.restrictedConfigurations).toEqual(['segment.schema.path', 'segment.sample.path']);
    });

    test('the icon is a 128×128 PNG; there is a CHANGELOG', () => {
        const png = readFileSync(path.join(root, manifest.icon));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
        expect(existsSync(path.join(root, 'CHANGELOG.md'))).toBe(true);
    });
});

describe('the packaged README', () => {
    test('links relatively (no placeholder host), and every file it or the shipped docs link to is in the package', () => {
        expect(manifest.scripts.package).not.toMatch(/example\.invalid|baseContentUrl/u);
        expect(manifest.scripts.package).toContain('--no-rewrite-relative-links');
        // `vsce ls` lists exactly what `vsce package` puts in the .vsix.
        const listed = new Set(execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
            .split('\n').map(line => line.trim()).filter(Boolean));
        const links = (file: string): string[] => [...readFileSync(path.join(root, file), 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/gu)]
            .map(m => m[1]).filter(target => !/^[a-z]+:/u.test(target)).map(target => path.posix.join(path.posix.dirname(file), target));
        const shippedDocs = [...listed].filter(file => file.endsWith('.md'));
        const missing = ['README.md', ...shippedDocs].flatMap(file => links(file).filter(target => !listed.has(target)).map(target => `${file} → ${target}`));
        expect(missing).toEqual([]);
        for (const file of ['README.md', 'CHANGELOG.md', 'media/icon.png', 'schemas/segment.config.schema.json', 'snippets/segment.code-snippets', 'docs/semantics.md']) {
            expect(listed.has(file)).toBe(true);
        }
    }, 30_000);
});
