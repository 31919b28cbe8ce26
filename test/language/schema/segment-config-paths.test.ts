import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI, type FileSystemProvider } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRunEnvironment } from '../../../src/language/evaluation/segment-run-environment.js';
import { SegmentRunHandler } from '../../../src/language/evaluation/segment-run-handler.js';
import { createSegmentServices } from '../../../src/language/segment-module.js';

/**
 * The editor's side of "paths in segment.config.json stay inside the workspace" (issue 13): a
 * config naming `/etc/passwd` or `../secret.json` had the file read and its first bytes quoted. A
 * path may point inside the config's folder, its git repository or the workspace folder; outside,
 * the file is not even read, unless the config sets "allowPathsOutsideWorkspace": true.
 */
let root: string;
const SECRET = 'SECRET-TEXT, not a schema';
const SCHEMA = JSON.stringify({ properties: { _acme: { type: 'object', properties: { tier: { type: 'string' } } } } });

function write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
}

/** The schemas of `<project>/a.segment` as the server loads them, with every file it read. */
async function load(project: string, workspaceFolder?: string) {
    const reads: string[] = [];
    const node = NodeFileSystem.fileSystemProvider();
    const spy = new Proxy(node, {
        get(target, property) {
            if (property === 'readFile') {
                return (uri: URI) => { reads.push(uri.fsPath); return target.readFile(uri); };
            }
            const value = Reflect.get(target, property) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
        },
    }) as FileSystemProvider;
    const { shared, Segment } = createSegmentServices({ fileSystemProvider: () => spy });
    if (workspaceFolder) {
        shared.workspace.WorkspaceManager.initialize({ workspaceFolders: [{ uri: URI.file(path.join(root, workspaceFolder)).toString(), name: 'ws' }], capabilities: {}, processId: null, rootUri: null });
    }
    const schemas = await Segment.schema.SchemaProvider.load(URI.file(path.join(root, project, 'a.segment')));
    return { schemas, problems: schemas.problems.map(p => `${p.code} ${p.message}`), reads, shared, Segment };
}

beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'segment-paths-'));
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/schemas/p.schema.json', SCHEMA);
    write('repo/proj/segment.config.json', '{ "schema": "../schemas/p.schema.json" }');
    write('plain/secret.json', SECRET);
    write('plain/data.jsonl', '{"_id": "a"}\n');
    write('plain/proj/segment.config.json', '{ "schema": "../secret.json" }');
    write('plain/run/segment.config.json', '{ "sample": "../data.jsonl" }');
    write('plain/run/a.segment', 'segment a { where: person.birthYear > 1 }\n');
    write('plain/abs/segment.config.json', '{ "eventSchema": "/etc/passwd" }');
    write('plain/optout/segment.config.json', '{ "schema": "../secret.json", "allowPathsOutsideWorkspace": true }');
    write('plain/folder/segment.config.json', '{ "schema": "schemas" }');
    mkdirSync(path.join(root, 'plain/folder/schemas'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('paths in segment.config.json, in the language server', () => {
    test('a path into the config\'s git repository is read (as examples/acme reads ../schemas)', async () => {
        const { schemas, problems } = await load('repo/proj');
        expect(problems).toEqual([]);
        expect(schemas.profile.field('_acme.tier')).toBeDefined();
    });

    test('a path outside folder, repository and workspace is one error and the file is never read', async () => {
        const { problems, reads } = await load('plain/proj');
        expect(problems).toEqual([expect.stringMatching(/^config\/outside-path "schema" names .*\/plain\/secret\.json, outside the project's folder, git repository and workspace; set "allowPathsOutsideWorkspace": true in segment\.config\.json to read files elsewhere\. Using the bundled profile schema meanwhile\.$/u)]);
        expect(reads.some(file => file.endsWith('secret.json'))).toBe(false);
        const absolute = await load('plain/abs');
        expect(absolute.problems).toEqual([expect.stringMatching(/^config\/outside-path "eventSchema" names \/etc\/passwd, outside/u)]);
        expect(absolute.reads).not.toContain('/etc/passwd');
    });

    test('inside the editor\'s workspace folder a path may leave the config\'s folder; the text of a non-schema is never quoted', async () => {
        const { problems } = await load('plain/proj', 'plain');
        expect(problems).toEqual([expect.stringMatching(/^config\/invalid-schema Schema secret\.json is not valid JSON/u)]);
        expect(problems.join('\n')).not.toContain('SECRET');
    });

    test('"allowPathsOutsideWorkspace": true lifts the rule', async () => {
        const { problems } = await load('plain/optout');
        expect(problems).toEqual([expect.stringMatching(/^config\/invalid-schema Schema secret\.json is not valid JSON/u)]);
    });

    test('a folder given as the schema is named a folder, not "no such file" (issue 15)', async () => {
        const { problems } = await load('plain/folder');
        expect(problems).toEqual([expect.stringMatching(/^config\/invalid-schema Cannot read .*\/plain\/folder\/schemas: it is a folder, not a file\./u)]);
    });

    test('a run refuses a config sample outside the workspace, naming the key', async () => {
        const { shared, Segment } = await load('plain/run');
        const handler = new SegmentRunHandler(shared, createRunEnvironment(Segment));
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(path.join(root, 'plain/run')).toString(), name: 'ws' }]);
        const response = await handler.run({ uri: URI.file(path.join(root, 'plain/run/a.segment')).toString(), segmentId: 'a' });
        expect(response).toMatchObject({ status: 'refused', reason: 'invalid-input', message: expect.stringMatching(/^"sample" names .*\/plain\/data\.jsonl, outside the project's folder/u) });
    });

    test('a run refuses while the config has an error, naming the config and the position of the error, though the document has none', async () => {
        write('plain/proj/a.segment', 'segment a { where: person.birthYear > 1 }\n');
        const { shared, Segment } = await load('plain/proj');
        const handler = new SegmentRunHandler(shared, createRunEnvironment(Segment));
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(path.join(root, 'plain/proj')).toString(), name: 'ws' }]);
        const uri = URI.file(path.join(root, 'plain/proj/a.segment'));
        await shared.workspace.DocumentBuilder.build([await shared.workspace.LangiumDocuments.getOrCreateDocument(uri)], { validation: true });
        expect(shared.workspace.LangiumDocuments.getDocument(uri)?.diagnostics).toEqual([]);
        const response = await handler.run({ uri: uri.toString(), segmentId: 'a' });
        expect(response).toMatchObject({
            status: 'refused', reason: 'document-errors', message: 'segment.config.json has 1 error; fix it first.',
            errors: [{ line: 1, column: 13, code: 'config/outside-path' }],
        });
    });
});
