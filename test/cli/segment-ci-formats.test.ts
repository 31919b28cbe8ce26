import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { escapeData, escapeProperty, formatGithub, formatSarif } from '../../src/cli/check/segment-ci-formats.js';
import type { CliDiagnostic } from '../../src/cli/segment-cli-workspace.js';
import { DIAGNOSTICS } from '../../src/language/validation/segment-diagnostics.js';
import { REPO, runCli, schemaErrors, schemaValidator, temporaryFolder } from './segment-cli-helpers.js';

const validateSarif = schemaValidator(path.join(REPO, 'test/resources/sarif/sarif-schema-2.1.0.json'));

/** A workspace with an error, a warning and a clean file, in a sub-folder with a space in its name. */
function brokenWorkspace(): string {
    const dir = temporaryFolder();
    mkdirSync(path.join(dir, 'my segments'));
    writeFileSync(path.join(dir, 'my segments/bad.segment'), 'segment bad {\n    where: person.gender == "female" and homeAddress.countryISO = \'US\'\n}\n');
    writeFileSync(path.join(dir, 'ok.segment'), 'segment ok {\n    where: person.birthYear > 1980\n}\n');
    return dir;
}

const SAMPLE: CliDiagnostic[] = [
    { file: 'a.segment', line: 1, column: 1, endLine: 1, endColumn: 5, severity: 'error', code: 'syntax/parse', message: 'Expected: 100%, got "a,b:c"\nsecond line' },
    { file: path.join('dir', 'b c.segment'), line: 3, column: 7, endLine: 4, endColumn: 2, severity: 'warning', code: 'segment/invalid-aep-id', message: 'w' },
    { file: 'c.segment', line: 2, column: 1, endLine: 2, endColumn: 1, severity: 'info', code: 'style/made-up-code', message: 'i' },
    { file: 'c.segment', line: 2, column: 1, endLine: 2, endColumn: 1, severity: 'hint', code: 'syntax/parse', message: 'h' },
];

describe('segment check --format sarif', () => {
    test('the CLI output validates against the SARIF 2.1.0 schema and locates the results', () => {
        const dir = brokenWorkspace();
        const result = runCli(['check', '.', '--format', 'sarif'], dir);
        expect(result.status).toBe(1);
        const log = JSON.parse(result.stdout) as any;
        expect(validateSarif(log), schemaErrors(validateSarif)).toBe(true);
        const run = log.runs[0];
        const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
        expect(run.tool.driver).toMatchObject({ name: 'segment', version: pkg.version, informationUri: expect.stringMatching(/^https?:\/\/[^/]+\/segment-language$/) });
        const foreign = run.results.find((r: any) => r.ruleId === 'syntax/foreign-operator');
        expect(foreign).toMatchObject({
            level: 'error',
            locations: [{ physicalLocation: {
                artifactLocation: { uri: 'my%20segments/bad.segment', uriBaseId: '%SRCROOT%' },
                region: { startLine: 2, startColumn: expect.any(Number), endLine: 2, endColumn: expect.any(Number) },
            } }],
        });
        expect(run.results.find((r: any) => r.ruleId === 'syntax/single-quoted-string')).toMatchObject({ level: 'warning' });
        for (const r of run.results) {
            expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
        }
    });

    test('rules come from the diagnostics catalog', () => {
        const log = JSON.parse(formatSarif([], '/work', { version: '1.2.3', informationUri: 'https://example.invalid/x' })) as any;
        expect(validateSarif(log), schemaErrors(validateSarif)).toBe(true);
        const rules = log.runs[0].tool.driver.rules as any[];
        expect(rules.map(r => r.id)).toEqual(Object.keys(DIAGNOSTICS));
        const [code, definition] = Object.entries(DIAGNOSTICS)[0];
        expect(rules[0]).toMatchObject({
            id: code,
            shortDescription: { text: definition.title },
            fullDescription: { markdown: definition.help },
            help: { markdown: expect.stringContaining(definition.fix) },
            defaultConfiguration: { level: definition.severity === 'warning' ? 'warning' : definition.severity === 'error' ? 'error' : 'note' },
        });
        expect(rules[0].help.text).not.toContain('`');
        expect(log.runs[0].results).toEqual([]);
    });

    test('levels, unknown codes, relative and outside paths', () => {
        const log = JSON.parse(formatSarif([...SAMPLE, { ...SAMPLE[0], file: path.join('..', 'elsewhere.segment') }], path.resolve('/work/project'))) as any;
        expect(validateSarif(log), schemaErrors(validateSarif)).toBe(true);
        const results = log.runs[0].results as any[];
        expect(results.map(r => r.level)).toEqual(['error', 'warning', 'note', 'note', 'error']);
        expect(results[1].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'dir/b%20c.segment', uriBaseId: '%SRCROOT%' });
        expect(results[4].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*elsewhere\.segment$/);
        expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 7, endLine: 4, endColumn: 2 });
        const rules = log.runs[0].tool.driver.rules as any[];
        expect(rules[results[2].ruleIndex]).toMatchObject({ id: 'style/made-up-code' });
        expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
    });

    test('the vendored schema rejects malformed logs (so the checks above mean something)', () => {
        const log = JSON.parse(formatSarif(SAMPLE, '/work')) as any;
        log.runs[0].results[0].level = 'fatal';
        expect(validateSarif(log)).toBe(false);
        delete log.runs[0].results[0].level;
        log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
        expect(validateSarif(log)).toBe(false);
        expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    });
});

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, with GitHub's escaping. */
const WORKFLOW_COMMAND = /^::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:\r\n]+::[^\r\n]*$/;

describe('segment check --format github', () => {
    test('every line of the CLI output is a workflow command', () => {
        const dir = brokenWorkspace();
        const result = runCli(['check', '.', '--format', 'github'], dir);
        expect(result.status).toBe(1);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines.length).toBeGreaterThanOrEqual(2);
        for (const line of lines) {
            expect(line).toMatch(WORKFLOW_COMMAND);
        }
        expect(lines).toContainEqual(expect.stringMatching(/^::error file=my segments\/bad\.segment,line=2,col=\d+,endLine=2,endColumn=\d+,title=syntax\/foreign-operator::/));
        expect(lines).toContainEqual(expect.stringMatching(/^::warning file=my segments\/bad\.segment,.*title=syntax\/single-quoted-string::/));
    });

    test('severities map to error, warning, notice; messages and properties are escaped', () => {
        const lines = formatGithub(SAMPLE).split('\n');
        expect(lines).toHaveLength(4);
        lines.forEach(line => expect(line).toMatch(WORKFLOW_COMMAND));
        expect(lines[0]).toBe('::error file=a.segment,line=1,col=1,endLine=1,endColumn=5,title=syntax/parse::Expected: 100%25, got "a,b:c"%0Asecond line');
        expect(lines[1]).toBe('::warning file=dir/b c.segment,line=3,col=7,endLine=4,endColumn=2,title=segment/invalid-aep-id::w');
        expect(lines.slice(2).every(l => l.startsWith('::notice '))).toBe(true);
        expect(escapeProperty('a:b,c%d\r\n')).toBe('a%3Ab%2Cc%25d%0D%0A');
        expect(escapeData('a:b,c%d\r\n')).toBe('a:b,c%25d%0D%0A');
        expect(formatGithub([])).toBe('');
    });

    test('a clean workspace prints nothing and exits 0', () => {
        const dir = temporaryFolder();
        writeFileSync(path.join(dir, 'ok.segment'), 'segment ok {\n    where: person.birthYear > 1980\n}\n');
        const result = runCli(['check', '.', '--format', 'github'], dir);
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('');
    });
});
