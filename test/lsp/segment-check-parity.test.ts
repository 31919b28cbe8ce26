import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { projectRoot, type CliDiagnostic } from '../../src/cli/segment-cli-workspace.js';
import { StdioLspClient } from '../helpers/segment-lsp-client.js';

/**
 * One implementation: `segment check` and the language server must report the same diagnostics
 * (line, column, code, message, severity) for every file of test/resources/validation/ and
 * examples/ (examples/acme/ included, which has its own segment.config.json and user schema).
 * Files are grouped by project root as the CLI determines it (nearest segment.config.json, else
 * the file's folder); per project, one `check --format json` run over all its files and one
 * server whose workspace folder is the project root, so both see the same neighbouring files.
 * The projects' segment.config.json files are compared too: their problems are reported on them.
 */
const REPO = path.resolve(__dirname, '../..');
const CLI_BUNDLE = path.join(REPO, 'out/cli/main.cjs');
const FOLDERS = ['test/resources/validation', 'examples'].map(f => path.join(REPO, f));
const SEVERITIES = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** What both sides must agree on, 1-based like the CLI. */
type Reported = Pick<CliDiagnostic, 'line' | 'column' | 'code' | 'message' | 'severity'>;

function segmentFiles(folder: string): string[] {
    return readdirSync(folder).sort().flatMap(entry => {
        const full = path.join(folder, entry);
        return statSync(full).isDirectory() ? segmentFiles(full) : entry.endsWith('.segment') ? [full] : [];
    });
}

function byPosition(a: Reported, b: Reported): number {
    return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
}

async function checkWithCli(files: string[]): Promise<Map<string, Reported[]>> {
    let stdout: string;
    try {
        ({ stdout } = await promisify(execFile)(process.execPath, [CLI_BUNDLE, 'check', ...files, '--format', 'json'], { cwd: REPO, maxBuffer: 32 * 1024 * 1024 }));
    } catch (error) {
        // Exit code 1 means "errors found": the JSON is still on stdout.
        const failure = error as { code?: number; stdout?: string; stderr?: string };
        if (failure.code !== 1 || !failure.stdout) {
            throw new Error(`segment check failed (exit ${failure.code}): ${failure.stderr}`);
        }
        stdout = failure.stdout;
    }
    const result = new Map<string, Reported[]>([...files, ...configsOf(files)].map(f => [f, []]));
    for (const d of JSON.parse(stdout) as CliDiagnostic[]) {
        const file = path.resolve(REPO, d.file);
        expect(result.has(file), `the CLI reported ${d.file}, which was not asked for`).toBe(true);
        result.get(file)!.push({ line: d.line, column: d.column, code: d.code, message: d.message, severity: d.severity });
    }
    return result;
}

async function checkWithServer(root: string, files: string[]): Promise<Map<string, Reported[]>> {
    const client = await StdioLspClient.start(root);
    try {
        const uris = files.map(f => pathToFileURL(f).toString());
        await Promise.all(files.map((f, i) => client.open(uris[i], readFileSync(f, 'utf8'))));
        const result = new Map<string, Reported[]>();
        for (const [i, uri] of uris.entries()) {
            await client.diagnosticsFor(uri);
            // Code actions are served once the document is validated: after this, its last published diagnostics are final.
            await client.connection.sendRequest('textDocument/codeAction', {
                textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] },
            });
            const { diagnostics } = await client.diagnosticsFor(uri);
            result.set(files[i], diagnostics.map(reported));
        }
        // Published while the documents are indexed, before they are validated: final by now (none published: none).
        for (const config of configsOf(files)) {
            result.set(config, (client.latest(pathToFileURL(config).toString())?.diagnostics ?? []).map(reported));
        }
        return result;
    } finally {
        await client.stop();
    }
}

function reported(d: Diagnostic): Reported {
    return { line: d.range.start.line + 1, column: d.range.start.character + 1, code: String(d.code), message: d.message, severity: SEVERITIES[d.severity ?? 1] };
}

/** The segment.config.json files governing `files`. */
function configsOf(files: string[]): string[] {
    return [...new Set(files.map(f => path.join(projectRoot(path.dirname(f)), 'segment.config.json')))].filter(f => existsSync(f));
}

const files = FOLDERS.flatMap(segmentFiles);
const projects = new Map<string, string[]>();
for (const file of files) {
    const root = projectRoot(path.dirname(file));
    projects.set(root, [...projects.get(root) ?? [], file]);
}

describe('segment check and the language server report the same diagnostics', () => {
    const cli = new Map<string, Reported[]>();
    const server = new Map<string, Reported[]>();

    beforeAll(async () => {
        if (!existsSync(CLI_BUNDLE)) {
            throw new Error(`${CLI_BUNDLE} is missing: run 'npm run build' (npm test does) before this test.`);
        }
        // Projects in parallel: each has its own CLI process and server.
        await Promise.all([...projects].map(async ([root, group]) => {
            const [fromCli, fromServer] = await Promise.all([checkWithCli(group), checkWithServer(root, group)]);
            fromCli.forEach((v, k) => cli.set(k, v.sort(byPosition)));
            fromServer.forEach((v, k) => server.set(k, v.sort(byPosition)));
        }));
    }, 120_000);

    afterAll(() => {
        cli.clear();
        server.clear();
    });

    test('the corpus covers the validation resources, the examples and the example project', () => {
        const relative = files.map(f => path.relative(REPO, f));
        expect(relative).toEqual(expect.arrayContaining(['test/resources/validation/fields.segment', 'examples/sneakers.segment', 'examples/acme/club.segment']));
        expect(projects.has(path.join(REPO, 'examples/acme'))).toBe(true);
        // Not a vacuous comparison: the validation resources announce many diagnostics.
        expect([...cli.values()].flat().length).toBeGreaterThanOrEqual(30);
    });

    test.each([...files, ...configsOf(files)].map(f => [path.relative(REPO, f), f]))('%s', (_name, file) => {
        expect(server.get(file), 'the language server published no diagnostics').toBeDefined();
        expect(cli.get(file), 'segment check did not check the file').toBeDefined();
        expect(server.get(file)).toEqual(cli.get(file));
    });
});
