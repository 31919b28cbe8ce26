import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, runCli, temporaryFolder } from './segment-cli-helpers.js';

const EXAMPLES = readdirSync(path.join(REPO, 'examples')).filter(f => f.endsWith('.segment')).sort();
const GOLDEN = path.join(REPO, 'test/engine/golden');

describe('segment run', () => {
    test.each(EXAMPLES)('examples/%s prints valid JSON matching the golden ids', file => {
        const { status, stdout, stderr } = runCli(['run', `examples/${file}`, '--format', 'json']);
        expect(stderr).toBe('');
        expect(status).toBe(0);
        const parsed = JSON.parse(stdout) as Record<string, unknown> | Array<Record<string, unknown>>;
        for (const result of Array.isArray(parsed) ? parsed : [parsed]) {
            expect(Object.keys(result).slice(0, 6)).toEqual(['segment', 'now', 'total', 'matched', 'ids', 'clauses']);
            expect(result.now).toBe('2026-11-01T12:00:00.000Z');
            const golden = JSON.parse(readFileSync(path.join(GOLDEN, `${result.segment as string}.json`), 'utf8')) as { ids: string[] };
            expect(result.ids).toEqual(golden.ids);
            expect(result.matched).toBe(golden.ids.length);
        }
    });

    test('--segment picks one segment, --now moves the window, text output summarises', () => {
        const json = (now: string) => JSON.parse(runCli(['run', 'examples/sneakers.segment', '--segment', 'sneaker_abandoners', '--format', 'json', '--now', now]).stdout) as { matched: number; now: string };
        const later = json('2030-01-01T00:00:00Z');
        expect(later).toMatchObject({ now: '2030-01-01T00:00:00.000Z', matched: 0 });
        const text = runCli(['run', 'examples/sneakers.segment']);
        expect(text.status).toBe(0);
        expect(text.stdout).toMatch(/^sneaker_abandoners: \d+ of 520 profiles matched \(\d+\.\d %\)\n {2}now 2026-11-01T12:00:00\.000Z/u);
    });

    test('--explain reports why a profile did or did not match', () => {
        const golden = JSON.parse(readFileSync(path.join(GOLDEN, 'sneaker_abandoners.json'), 'utf8')) as { ids: string[] };
        const matching = golden.ids[0];
        const out = JSON.parse(runCli(['run', 'examples/sneakers.segment', '--format', 'json', '--explain', matching]).stdout) as
            { explanations: Array<{ id: string; matched: boolean; tree: { result: boolean } }> };
        expect(out.explanations).toEqual([expect.objectContaining({ id: matching, matched: true, tree: expect.objectContaining({ result: true }) })]);
        const text = runCli(['run', 'examples/sneakers.segment', '--explain', 'p0007']).stdout;
        expect(text).toMatch(/why p0007 did not match:\n {4}✗ select X from xEvent/u);
    });

    test('exit 1 and the errors when the file has errors; nothing is evaluated', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 'broken.segment'), 'segment broken {\n    where: person.birthYear >\n}\n');
        const { status, stdout, stderr } = runCli(['run', path.join(folder, 'broken.segment')]);
        expect(status).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toMatch(/broken\.segment:3:1 error syntax\/parse Expected an expression/u);
    });

    test('exit 2 for bad usage and unreadable or malformed data, naming the line', () => {
        const folder = temporaryFolder();
        const data = path.join(folder, 'profiles.jsonl');
        writeFileSync(data, '{"_id": "a", "person": {"birthYear": 1990}}\n{"_id": "b", oops\n{"_id": "c", "person": {"birthYear": 1970}}\n');
        writeFileSync(path.join(folder, 'old.segment'), 'segment old {\n    where: person.birthYear < 1980\n}\n');
        const segment = path.join(folder, 'old.segment');
        expect(runCli(['run']).status).toBe(2);
        expect(runCli(['run', segment, '--format', 'xml']).status).toBe(2);
        expect(runCli(['run', segment, '--segment', 'nope']).stderr).toMatch(/No segment 'nope' in the file; it declares old/u);
        expect(runCli(['run', segment, '--data', path.join(folder, 'missing.jsonl')]).status).toBe(2);
        expect(runCli(['run', segment, '--now', 'yesterday-ish']).stderr).toMatch(/not an ISO-8601 instant/u);
        const malformed = runCli(['run', segment, '--data', data]);
        expect(malformed.status).toBe(2);
        expect(malformed.stderr).toContain(`${data}:2:`);
        const skipped = runCli(['run', segment, '--data', data, '--skip-invalid', '--format', 'json']);
        expect(skipped.status).toBe(0);
        expect(JSON.parse(skipped.stdout)).toMatchObject({ total: 2, matched: 1, ids: ['c'], skipped: 1 });
    });
});
