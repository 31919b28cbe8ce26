import * as path from 'node:path';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, type Connection } from 'vscode-languageserver';
import {
    COVERAGE_REQUEST, LIST_TESTS_REQUEST, RUN_TESTS_REQUEST, type CoverageParams, type ListTestsParams, type RunTestsParams,
    type SegmentCoverageSummary, type TestFileSummary, type TestOutcome,
} from '../../shared/segment-protocol.js';
import { isSegmentFile, type SegmentFile } from '../generated/ast.js';
import { testSegment } from '../segment-properties.js';
import type { SegmentServices } from '../segment-module.js';
import { configErrors } from '../validation/segment-config-validation.js';
import { answeringCancellation, InProcessEvaluator, type SegmentEvaluator } from './segment-evaluators.js';
import { currentDiagnostics, readLinkedDocument, snapshotSources } from './segment-request-documents.js';
import { testRange as rangeOf } from './segment-test-tasks.js';

/**
 * The server side of the editor's Test Explorer: `segment/listTests` finds the `test` declarations,
 * `segment/runTests` runs them with the same runner as `segment test` (src/engine/testing), on the
 * documents as the editor shows them, unsaved edits included, and `segment/coverage` counts the
 * outcomes of a document's clauses over its tests. Both evaluate in the evaluator's thread and
 * answer a cancellation with RequestCancelled. Node-only (fixtures are read from disk), so
 * src/language/main.ts wires it as it does the run requests.
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
        return answeringCancellation(token, 'The test run', async () => {
            const uri = URI.parse(params.uri);
            const prepared = await readLinkedDocument(this.shared, uri, token, async document => {
                const root = document.parseResult.value;
                if (!isSegmentFile(root)) {
                    return undefined;
                }
                const diagnostics = await currentDiagnostics(this.shared, document, token);
                const errors = diagnostics.filter(d => d.severity === 1).map(d => `line ${d.range.start.line + 1}: ${d.message}`);
                // The config's errors are diagnostics of the config, not of the file; tests need it fixed all the same.
                const config = configErrors(this.shared.ServiceRegistry.getServices(uri) as SegmentServices, uri)
                    .map(p => `${path.posix.basename(p.file.path)} line ${p.range.start.line + 1}: ${p.message}`);
                const tests = root.tests.filter(t => !params.names || params.names.includes(t.name));
                return {
                    tests, errors: errors.length > 0 ? errors : config, inConfig: errors.length === 0,
                    sources: snapshotSources(this.shared, document, tests.flatMap(t => testSegment(t)?.ref ?? [])),
                };
            });
            if (!prepared) {
                return [];
            }
            const { tests, errors, inConfig, sources } = prepared;
            if (errors.length > 0) {
                const message = `${inConfig ? 'Its configuration' : 'The file'} has ${errors.length} error(s); fix them before testing:\n${errors.join('\n')}`;
                return tests.map(t => ({
                    uri: params.uri, name: t.name, segment: testSegment(t)?.$refText ?? '', status: 'error', summary: message.split('\n')[0], message,
                    expected: '', actual: '', range: rangeOf(t), durationMs: 0,
                }));
            }
            return this.evaluator.execute({ kind: 'tests', uri: params.uri, file: uri.fsPath, names: params.names }, sources, token);
        });
    }

    /** Runs the workspace's tests of the document's segments and counts their clauses' outcomes. */
    async coverage(params: CoverageParams, token = CancellationToken.None): Promise<SegmentCoverageSummary[]> {
        return answeringCancellation(token, 'The coverage run', async () => {
            const uri = URI.parse(params.uri);
            const prepared = await readLinkedDocument(this.shared, uri, token, document => {
                const own = isSegmentFile(document.parseResult.value) ? document.parseResult.value.segments : [];
                const testing = this.shared.workspace.LangiumDocuments.all.toArray().flatMap(d => {
                    const names = isSegmentFile(d.parseResult.value) ? d.parseResult.value.tests.filter(t => own.some(s => s === testSegment(t)?.ref)).map(t => t.name) : [];
                    return names.length > 0 ? [{ document: d, names }] : [];
                });
                const tests = testing.map(({ document: d, names }) => ({ uri: d.uri.toString(), file: d.uri.fsPath, names }));
                return own.length > 0 ? { tests, sources: snapshotSources(this.shared, document, own, testing.map(t => t.document)) } : undefined;
            });
            if (!prepared) {
                return [];
            }
            return this.evaluator.execute({ kind: 'coverage', uri: params.uri, file: uri.fsPath, tests: prepared.tests }, prepared.sources, token);
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
