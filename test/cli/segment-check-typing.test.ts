import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

/** `segment check` on text as an editor holds it mid-keystroke: syntax errors only, no stack trace. */
describe('segment check on partially typed text', () => {
    test('a trailing dot after a name is one syntax error and nothing on stderr but the summary', () => {
        const folder = temporaryFolder();
        writeFileSync(path.join(folder, 't.segment'), 'segment t {\n where: person.\n}\n');
        const { status, stdout, stderr } = runCli(['check', 't.segment'], folder);
        expect(stdout.trim().split('\n')).toEqual(["t.segment:3:1 error syntax/parse Expected a field or function name after '.' but found '}'."]);
        expect(stderr).toBe('1 file(s) checked: 1 error(s), 0 other diagnostic(s).\n');
        expect(status).toBe(1);
    });

    test('a UTF-8 byte order mark does not shift the columns of line 1; a config saved with one is read', () => {
        const folder = temporaryFolder();
        const text = 'segment t { where: person.brthYear > 1 }\n';
        writeFileSync(path.join(folder, 'segment.config.json'), '\uFEFF{ "now": "2026-11-01T12:00:00Z" }');
        writeFileSync(path.join(folder, 'plain.segment'), text.replace('segment t', 'segment u'));
        writeFileSync(path.join(folder, 'bom.segment'), `\uFEFF${text}`);
        const { stdout } = runCli(['check', 'plain.segment', 'bom.segment'], folder);
        expect(stdout.trim().split('\n').map(line => line.replace(/ .*/u, '')).sort()).toEqual(['bom.segment:1:27', 'plain.segment:1:27']);
    });

    test('an emoji is one column, after a BOM on line 1 too, in every output format', () => {
        const folder = temporaryFolder();
        // `brthYear` is the 38th to 45th character: each 🎉 is one character (two UTF-16 code units).
        writeFileSync(path.join(folder, 'emoji.segment'), '\uFEFFsegment t { name: "🎉🎉" where: person.brthYear > 1 }\n');
        expect(runCli(['check', 'emoji.segment'], folder).stdout).toMatch(/^emoji\.segment:1:38 error /u);
        const [diagnostic] = JSON.parse(runCli(['check', 'emoji.segment', '--format', 'json'], folder).stdout) as Array<Record<string, unknown>>;
        expect(diagnostic).toMatchObject({ line: 1, column: 38, endLine: 1, endColumn: 46 });
        const sarif = JSON.parse(runCli(['check', 'emoji.segment', '--format', 'sarif'], folder).stdout) as { runs: Array<{ columnKind: string; results: Array<{ locations: Array<{ physicalLocation: { region: unknown } }> }> }> };
        expect(sarif.runs[0].columnKind).toBe('unicodeCodePoints');
        expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 38, endLine: 1, endColumn: 46 });
    });
});
