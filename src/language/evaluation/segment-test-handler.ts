import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { EvaluationCancelledError } from '../../engine/segment-engine.js';
import { runTestFiles } from '../../engine/testing/segment-test-suite.js';
import { segmentCoverage } from '../../engine/testing/segment-test-coverage.js';
import {
    COVERAGE_REQUEST, LIST_TESTS_REQUEST, RUN_TESTS_REQUEST, type CoverageParams, type ListTestsParams, type RunTestsParams,
    type SegmentCoverageSummary, type TestFileSummary, type TestOutcome,
} from '../../shared/segment-protocol.js';
import { isSegmentFile, type SegmentFile } from '../generated/ast.js';
import { testSegment } from '../segment-properties.js';
import { testRange as rangeOf } from './segment-evaluation-tasks.js';
import { InProcessEvaluator, type SegmentEvaluator } from './segment-evaluators.js';

/**
 * The server side of the editor's Test Explorer: `segment/listTests` finds the `test` declarations,
 * `segment/runTests` runs them with the same runner as `segment test` (src/engine/testing), on the
 * documents as the editor shows them, unsaved edits included. Node-only (fixtures are read from
 * disk), so src/language/main.ts wires it as it does the run requests.
 */
export class SegmentTestHandler {
    /** `evaluator`: where the tests run (the server's is a worker thread). */
    constructor(private readonly shared: LangiumSharedServices, private readonly evaluator: SegmentEvaluator = new InProcessEvaluator()) {}

    async listTests(params: ListTestsParams): Promise<TestFileSummary[]> {
        const { workspace } = this.shared;
        await workspace.WorkspaceManager.ready;
        const documents = params.uri
            ? [workspace.LangiumDocuments.getDocument(URI.parse(params.uri))].filter(d => d !== undefined)
            : workspace.LangiumDocuments.all.toArray();
        return documents
            .filter(d => isSegmentFile(d.parseResult.value) && (d.parseResult.value.tests.length > 0 || params.uri !== undefined))
            .map(d => ({ uri: d.uri.toString(), tests: (d.parseResult.value as SegmentFile).tests.map(t => ({ name: t.name, segment: testSegment(t)?.$refText ?? '', range: rangeOf(t) })) }));
    }

    async runTests(params: RunTestsParams, token = CancellationToken.None): Promise<TestOutcome[]> {
        const { workspace } = this.shared;
        await workspace.WorkspaceManager.ready;
        const uri = URI.parse(params.uri);
        if (!workspace.LangiumDocuments.hasDocument(uri)) {
            return [];
        }
        // As for runs: wait for the text the user sees to be linked, then read under the lock.
        await workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri, token);
        const prepared = await workspace.WorkspaceLock.read(async () => {
            const document = workspace.LangiumDocuments.getDocument(uri);
            if (!document || !isSegmentFile(document.parseResult.value)) {
                return undefined;
            }
            const diagnostics = document.state >= DocumentState.Validated
                ? document.diagnostics ?? []
                : await this.shared.ServiceRegistry.getServices(uri).validation.DocumentValidator.validateDocument(document, {}, token);
            const errors = diagnostics.filter(d => d.severity === 1).map(d => `line ${d.range.start.line + 1}: ${d.message}`);
            const segments = workspace.LangiumDocuments.all.flatMap(d => isSegmentFile(d.parseResult.value) ? d.parseResult.value.segments : []).toArray();
            return { document: document as LangiumDocument<SegmentFile>, errors, segments };
        });
        if (token.isCancellationRequested) {
            throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The test run was cancelled.');
        }
        if (!prepared) {
            return [];
        }
        const { document, errors, segments } = prepared;
        if (errors.length > 0) {
            const tests = document.parseResult.value.tests.filter(t => !params.names || params.names.includes(t.name));
            const message = `The file has ${errors.length} error(s); fix them before testing:\n${errors.join('\n')}`;
            return tests.map(t => ({
                uri: params.uri, name: t.name, segment: testSegment(t)?.$refText ?? '', status: 'error', summary: message.split('\n')[0], message,
                expected: '', actual: '', range: rangeOf(t), durationMs: 0,
            }));
        }
        try {
            return await this.evaluator.execute({ kind: 'tests', uri: params.uri, file: uri.fsPath, names: params.names }, { document, workspaceSegments: segments }, token);
        } catch (error) {
            if (error instanceof EvaluationCancelledError) {
                throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The test run was cancelled.');
            }
            throw error;
        }
    }

    /** Runs the workspace's tests of the document's segments and counts their clauses' outcomes. */
    async coverage(params: CoverageParams, token = CancellationToken.None): Promise<SegmentCoverageSummary[]> {
        const { workspace } = this.shared;
        await workspace.WorkspaceManager.ready;
        const uri = URI.parse(params.uri);
        if (!workspace.LangiumDocuments.hasDocument(uri)) {
            return [];
        }
        await workspace.DocumentBuilder.waitUntil(DocumentState.Linked, token);
        const { segments, files, all } = await workspace.WorkspaceLock.read(() => {
            const documents = workspace.LangiumDocuments.all.filter(d => isSegmentFile(d.parseResult.value)).toArray() as Array<LangiumDocument<SegmentFile>>;
            const own = documents.find(d => d.uri.toString() === uri.toString())?.parseResult.value.segments ?? [];
            const testing = documents.filter(d => d.parseResult.value.tests.some(t => own.some(s => s === testSegment(t)?.ref)));
            return { segments: own, files: testing.map(d => ({ file: d.uri.fsPath, root: d.parseResult.value })), all: documents.flatMap(d => d.parseResult.value.segments) };
        });
        const wanted = new Set(segments.map(s => s.name));
        const results = await runTestFiles(files, all, undefined, { coverage: true });
        return segments.map(segment => {
            const coverage = segmentCoverage(segment, uri.fsPath, results.filter(r => wanted.has(r.segment)));
            return { segment: segment.name, tests: coverage.tests, percent: coverage.percent, clauses: coverage.clauses.map(({ text, range, whenTrue, whenFalse }) => ({ text, range, whenTrue, whenFalse })) };
        });
    }
}

/** Registers the test requests on the connection; call after `startLanguageServer`. */
export function registerTestRequests(connection: Connection, shared: LangiumSharedServices, evaluator?: SegmentEvaluator): SegmentTestHandler {
    const handler = new SegmentTestHandler(shared, evaluator);
    connection.onRequest(LIST_TESTS_REQUEST, (params: ListTestsParams) => handler.listTests(params ?? {}));
    connection.onRequest(RUN_TESTS_REQUEST, (params: RunTestsParams, token) => handler.runTests(params, token));
    connection.onRequest(COVERAGE_REQUEST, (params: CoverageParams, token) => handler.coverage(params, token));
    return handler;
}
