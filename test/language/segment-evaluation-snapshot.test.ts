import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EvaluationTask, TaskOf, TaskResults } from '../../src/language/evaluation/segment-evaluation-tasks.js';
import { InProcessEvaluator, type EvaluationSources, type SegmentEvaluator } from '../../src/language/evaluation/segment-evaluators.js';
import { generateProfile } from '../../src/language/evaluation/segment-generate-handler.js';
import { createRunEnvironment } from '../../src/language/evaluation/segment-run-environment.js';
import { SegmentRunHandler } from '../../src/language/evaluation/segment-run-handler.js';
import { SegmentTestHandler } from '../../src/language/evaluation/segment-test-handler.js';
import { WorkerEvaluator } from '../../src/language/evaluation/segment-worker-evaluator.js';
import { createSegmentServices } from '../../src/language/segment-module.js';

/**
 * A request checks the document under the workspace lock (errors, the segment's id), then waits
 * for its data, a DuckDB query or the evaluation thread. An edit that arrives meanwhile (here: at
 * the moment the task reaches the evaluator, the latest it can) must not change what is evaluated:
 * the answer describes the text the request checked, and says which version that was. Before,
 * the evaluator read the document's text (or tree) when the task started: a renamed segment made
 * the request fail, a changed condition answered for text the user did not run.
 */
const WORKER = path.resolve('out/language/evaluation-worker.cjs');
const NOW = '2026-11-01T12:00:00Z';

let folder: string;
let sample: string;
let counter = 0;

beforeAll(() => {
    if (!existsSync(WORKER)) {
        throw new Error(`${WORKER} is missing: run \`npm run build\` first.`);
    }
    folder = mkdtempSync(path.join(tmpdir(), 'segment-snapshot-'));
    sample = path.join(folder, 'sample.jsonl');
    writeFileSync(sample, `${JSON.stringify({ _id: 'p1', loyalty: { tier: 'gold' } })}\n${JSON.stringify({ _id: 'p2', loyalty: { tier: 'silver' } })}\n`);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Hands each task on after editing the document, as if the user typed while the request waited. */
class EditingEvaluator implements SegmentEvaluator {
    edit: (() => Promise<void>) | undefined;

    constructor(private readonly inner: SegmentEvaluator) {}

    async execute<K extends EvaluationTask['kind']>(task: TaskOf<K>, sources: EvaluationSources, token: CancellationToken): Promise<TaskResults[K]> {
        const edit = this.edit;
        this.edit = undefined;
        await edit?.();
        return this.inner.execute(task, sources, token);
    }

    dispose(): void {
        this.inner.dispose();
    }
}

/** A workspace on the temporary folder, with documents opened and edited as the editor does it. */
async function editorWorkspace(evaluator: SegmentEvaluator) {
    const { shared, Segment } = createSegmentServices(NodeFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(folder).toString(), name: 'ws' }]);
    /** didOpen/didChange: the text stored at once, the build under the write lock (Langium's update handler). */
    const change = async (uri: string, version: number, text: string) => {
        shared.workspace.TextDocuments.set(TextDocument.create(uri, 'segment', version, text));
        await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([URI.parse(uri)], [], token));
    };
    const environment = { ...createRunEnvironment(Segment), bundledSamplePath: sample, clock: () => new Date(NOW), evaluator };
    return { shared, change, runs: new SegmentRunHandler(shared, environment), tests: new SegmentTestHandler(shared, evaluator) };
}

describe.each([
    ['in process', () => new InProcessEvaluator()],
    ['in the worker thread', () => new WorkerEvaluator(WORKER)],
])('an edit during the request does not change what it evaluates (%s)', (_where, create) => {
    const evaluator = new EditingEvaluator(create());
    let workspace: Awaited<ReturnType<typeof editorWorkspace>>;
    beforeAll(async () => {
        workspace = await editorWorkspace(evaluator);
    });
    afterAll(() => evaluator.dispose());

    /** Opens a new document at version 1; the next task edits it to version 2 with `edited`. */
    async function openThenEditDuringTask(text: (id: string) => string, edited: (id: string) => string): Promise<{ uri: string; id: string }> {
        const id = `s${++counter}`;
        const uri = URI.file(path.join(folder, `${id}.segment`)).toString();
        await workspace.change(uri, 1, text(id));
        evaluator.edit = () => workspace.change(uri, 2, edited(id));
        return { uri, id };
    }
    const gold = (id: string) => `segment ${id} {\n    where: loyalty.tier = "gold"\n}\n`;
    const renamedSilver = (id: string) => `segment ${id}_renamed {\n    where: loyalty.tier = "silver"\n}\n`;

    test('segment/run on the js engine: the segment as checked, with the version that ran', async () => {
        const { uri, id } = await openThenEditDuringTask(gold, renamedSilver);
        const response = await workspace.runs.run({ uri, segmentId: id, samplePath: sample, now: NOW, engine: 'js', explainIds: ['p1'] });
        expect(response).toMatchObject({ status: 'ok', result: { segment: id, version: 1, ids: ['p1'], explanations: [{ id: 'p1', matched: true }] } });
    });

    test('segment/run on DuckDB: the explanations of explainIds, computed after the query', async () => {
        const { uri, id } = await openThenEditDuringTask(gold, renamedSilver);
        const response = await workspace.runs.run({ uri, segmentId: id, samplePath: sample, now: NOW, engine: 'duckdb', explainIds: ['p1', 'p2'] });
        expect(response).toMatchObject({
            status: 'ok',
            result: { engine: 'duckdb', segment: id, version: 1, ids: ['p1'], explanations: [{ id: 'p1', matched: true }, { id: 'p2', matched: false }] },
        });
    }, 30_000);

    test('an edit stored but not built yet when the request checks the document: the parsed text runs, version unknown', async () => {
        const { uri, id } = await openThenEditDuringTask(gold, gold);
        evaluator.edit = undefined;
        // The server's text documents apply didChange in place at once; its build waits for the lock, which the request may hold.
        TextDocument.update(workspace.shared.workspace.TextDocuments.get(uri)!, [{ text: renamedSilver(id) }], 2);
        const response = await workspace.runs.run({ uri, segmentId: id, samplePath: sample, now: NOW, engine: 'js' });
        expect(response).toMatchObject({ status: 'ok', result: { segment: id, ids: ['p1'] } });
        expect(response.status === 'ok' && 'version' in response.result).toBe(false);
    });

    test('segment/explainProfile', async () => {
        const { uri, id } = await openThenEditDuringTask(gold, renamedSilver);
        const response = await workspace.runs.explain({ uri, segmentId: id, profileId: 'p1', samplePath: sample, now: NOW });
        expect(response).toMatchObject({ status: 'ok', result: { profileId: 'p1', matched: true, version: 1 } });
    });

    test('segment/runTests', async () => {
        const withTest = (condition: string) => (id: string) => `${gold(id).replace('"gold"', condition)}\n`
            + `test ${id}_gold {\n    segment: ${id}\n    now: "${NOW}"\n    profile: { "_id": "g", "loyalty": { "tier": "gold" } }\n    expect: match\n}\n`;
        const { uri, id } = await openThenEditDuringTask(withTest('"gold"'), withTest('"silver"'));
        expect(await workspace.tests.runTests({ uri })).toMatchObject([{ name: `${id}_gold`, status: 'passed' }]);
    });

    test('segment/coverage', async () => {
        const covered = (tier: string) => (id: string) => `segment ${id} {\n    where: loyalty.tier = "${tier}"\n}\n\n`
            + `test ${id}_gold {\n    segment: ${id}\n    now: "${NOW}"\n    profile: { "_id": "g", "loyalty": { "tier": "gold" } }\n    expect: match\n}\n`;
        const { uri, id } = await openThenEditDuringTask(covered('gold'), covered('silver'));
        expect(await workspace.tests.coverage({ uri })).toMatchObject([{ segment: id, tests: 1, clauses: [{ text: 'loyalty.tier = "gold"', whenTrue: 1, whenFalse: 0 }] }]);
    });

    test('segment/generateProfile', async () => {
        const { uri, id } = await openThenEditDuringTask(gold, renamedSilver);
        const response = await generateProfile(workspace.shared, { uri, segment: id }, { evaluator, clock: () => new Date(NOW) });
        expect(response).toMatchObject({ status: 'ok', text: expect.stringMatching(new RegExp(`test ${id}_matches \\{[^]*"tier": "gold"`, 'u')) });
    });

    test('segment/generateProfile of an unsatisfiable segment: its contradictions as checked', async () => {
        const never = (id: string) => `segment ${id} {\n    where: person.birthYear > 2000 and person.birthYear < 1990\n}\n`;
        const { uri, id } = await openThenEditDuringTask(never, (other: string) => `\n\n${never(other)}`);
        const response = await generateProfile(workspace.shared, { uri, segment: id }, { evaluator, clock: () => new Date(NOW) });
        expect(response).toEqual({ status: 'not-found', message: expect.stringMatching(/can match no profile \(unsatisfiable\): line 2: Always false/u) });
    });
});
