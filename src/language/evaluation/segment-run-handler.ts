import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { DatasetError, type DataCheckFields, type Dataset, type RunResult } from '../../engine/segment-engine.js';
import { DuckDbMemoryError, EngineUnavailableError } from '../../engine/sql/duckdb-engine.js';
import { jsCanRead } from '../../engine/sql/engine-choice.js';
import { SqlTranslationError } from '../../engine/sql/sql-values.js';
import type { SegmentDefinition } from '../generated/ast.js';
import {
    CLAUSE_TREE_LIMIT, DEFAULT_MAX_ROWS, EXPLAIN_REQUEST, LIST_SEGMENTS_REQUEST, RUN_REQUEST,
    type ExplainParams, type ExplainResponse, type ListSegmentsParams, type NowSource, type ProfileColumn, type ProfileRow,
    type RunParams, type RunRefusal, type RunResponse, type SampleSource, type SegmentSummary,
} from '../../shared/segment-protocol.js';
import { listSegments, segmentDeclarations } from '../lsp/segment-code-lens.js';
import type { SegmentServices } from '../segment-module.js';
import { configErrors } from '../validation/segment-config-validation.js';
import { profileColumns } from './segment-profile-columns.js';
import { runOnDuckDb } from './segment-run-duckdb.js';
import { dataChoice, findProfile } from './segment-run-data.js';
import { resolveSample, RunInputError, type ProjectRunConfig } from '../../engine/data/segment-run-inputs.js';
import { segmentCondition, segmentTitle } from '../segment-properties.js';
import { InProcessEvaluator, isCancellation, type EvaluationSources, type SegmentEvaluator } from './segment-evaluators.js';
import { currentDiagnostics, snapshotSources, workspaceSegments } from './segment-request-documents.js';

/**
 * The server side of "Run against sample profiles": `segment/run`, `segment/explainProfile` and
 * `segment/listSegments`. It reads datasets from disk, so it is Node-only: src/language/main.ts
 * wires it, the language module (shared with a future browser build) never imports it.
 */
export interface RunEnvironment {
    /** The sample dataset shipped with the extension, used when neither setting nor config names one. */
    bundledSamplePath: string;
    /** The run part of the segment.config.json that applies to a document, `sample` made absolute. */
    projectConfig(documentUri: URI): Promise<ProjectRunConfig | undefined>;
    /** The schema's fields a run checks for suspicious data (docs/semantics.md "Suspicious data"); none without it. */
    dataCheckFields?(documentUri: URI): Promise<DataCheckFields>;
    clock?: () => Date;
    /** Where evaluations run: the server's is a worker thread; in-process when absent. */
    evaluator?: SegmentEvaluator;
}

export class SegmentRunHandler {
    private readonly evaluator: SegmentEvaluator;

    constructor(private readonly shared: LangiumSharedServices, private readonly environment: RunEnvironment) {
        this.evaluator = environment.evaluator ?? new InProcessEvaluator();
    }

    async listSegments(params: ListSegmentsParams): Promise<SegmentSummary[]> {
        await this.shared.workspace.WorkspaceManager.ready;
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri));
        return document ? listSegments(document) : [];
    }

    async run(params: RunParams, token = CancellationToken.None): Promise<RunResponse> {
        return this.guard(token, async () => {
            const start = performance.now();
            const found = await this.findSegment(params.uri, params.segmentId, token);
            if ('status' in found) {
                return found;
            }
            const max = Math.max(0, params.maxRows ?? DEFAULT_MAX_ROWS);
            const wanted = (outcome: { matched: number; total: number }) => ({
                matching: Math.min(max, outcome.matched),
                others: params.includeNonMatching ? Math.min(max, outcome.total - outcome.matched) : 0,
            });
            const columns = profileColumns(segmentCondition(found.segment));
            const ran = await this.runOnDuckDbIfChosen(found, params, wanted, columns, token) ?? await this.runOnJs(found, params, columns, token);
            const { outcome, dataset } = ran;
            const shown = wanted(outcome);
            const truncated = shown.matching < outcome.matched || (params.includeNonMatching === true && shown.others < outcome.total - outcome.matched);
            return {
                status: 'ok',
                result: {
                    segment: found.segment.name,
                    ...(segmentTitle(found.segment) !== undefined ? { title: segmentTitle(found.segment) } : {}),
                    uri: params.uri,
                    ...(found.sources.documents[0].version !== undefined ? { version: found.sources.documents[0].version } : {}),
                    now: ran.now.toISOString(),
                    nowSource: ran.nowSource,
                    timeZone: ran.timeZone,
                    samplePath: dataset.file,
                    sampleSource: ran.sampleSource,
                    engine: ran.engine,
                    total: outcome.total,
                    matched: outcome.matched,
                    ids: outcome.ids,
                    clauses: outcome.clauses,
                    ...(outcome.clauseTree ? { clauseTree: outcome.clauseTree, clauseTreeProfiles: outcome.clauseTreeProfiles } : {}),
                    columns,
                    elapsedMs: Math.round(performance.now() - start),
                    skipped: dataset.skipped,
                    ...(dataset.problems.length > 0 ? { problems: [...dataset.problems] } : {}),
                    rows: ran.rows,
                    rowsTruncated: truncated,
                    ...(outcome.explanations ? { explanations: outcome.explanations } : {}),
                    ...(outcome.warnings ? { warnings: outcome.warnings } : {}),
                },
            };
        });
    }

    /** The run on the in-process engine (in the evaluator's thread), the table's rows read in a second pass over the file. */
    private async runOnJs(found: FoundSegment, params: RunParams, columns: readonly ProfileColumn[], token: CancellationToken): Promise<Ran> {
        const config = await this.environment.projectConfig(found.document.uri);
        const sample = resolveSample(params, config, this.environment.bundledSamplePath);
        const ran = await this.evaluator.execute({
            kind: 'run', uri: params.uri, segmentId: found.segment.name, sample, config, inputs: { now: params.now, timeZone: params.timeZone },
            clock: (this.environment.clock ?? (() => new Date()))().toISOString(), explainIds: params.explainIds,
            clauseTreeLimit: params.clauseTreeLimit ?? CLAUSE_TREE_LIMIT, maxRows: Math.max(0, params.maxRows ?? DEFAULT_MAX_ROWS),
            includeNonMatching: params.includeNonMatching === true, columns, dataChecks: await this.environment.dataCheckFields?.(found.document.uri),
        }, found.sources, token);
        return { ...ran, now: new Date(ran.now), engine: 'js' };
    }

    /**
     * The run on DuckDB when the `segment.engine` setting (auto by default) chooses it for the data;
     * undefined when js should run. Under auto, a DuckDB that cannot load or a segment without a SQL
     * translation falls back to js where js can read the data (the result's warnings say so).
     */
    private async runOnDuckDbIfChosen(found: FoundSegment, params: RunParams, wanted: Wanted, columns: readonly ProfileColumn[], token: CancellationToken): Promise<Ran | undefined> {
        const { config, sample, data, events, choice } = await dataChoice(this.environment, found.document, params);
        if (!choice) {
            return undefined;
        }
        try {
            const ran = await runOnDuckDb({
                segment: found.segment, workspaceSegments: found.workspaceSegments, data, params, config,
                clock: this.environment.clock ?? (() => new Date()), wanted, columns, token,
                dataChecks: await this.environment.dataCheckFields?.(found.document.uri),
                // The explanations of `explainIds`, in the evaluator's thread as the js engine's are.
                explain: (profiles, now, timeZone) => this.evaluator.execute({
                    kind: 'explain', uri: params.uri, segmentId: found.segment.name, profiles, now: now.toISOString(), timeZone,
                }, found.sources, token),
            });
            const file = sample.path + (events ? ` + ${events.path} on ${events.key}` : '');
            return { ...ran, dataset: { file, skipped: 0, problems: [] }, sampleSource: sample.source, engine: 'duckdb' };
        } catch (error) {
            if (error instanceof DuckDbMemoryError) {
                throw new RunInputError(`${error.message}. Raise "memoryLimit" in segment.config.json (such as "2GB").`);
            }
            if (!(error instanceof EngineUnavailableError || error instanceof SqlTranslationError) || token.isCancellationRequested) {
                throw error;
            }
            if (choice === 'duckdb' || !jsCanRead(data)) {
                throw new RunInputError(error.message);
            }
            const ran = await this.runOnJs(found, params, columns, token);
            ran.outcome.warnings = [...ran.outcome.warnings ?? [], `${error.message} Ran with the js engine instead.`];
            return ran;
        }
    }

    /** Finds one profile in the dataset and explains the segment's verdict on it. */
    async explain(params: ExplainParams, token = CancellationToken.None): Promise<ExplainResponse> {
        return this.guard(token, async () => {
            const found = await this.findSegment(params.uri, params.segmentId, token);
            if ('status' in found) {
                return found;
            }
            const inputs = await findProfile(this.environment, found.document, params, () => throwIfCancelled(token));
            if ('status' in inputs) {
                return inputs;
            }
            const { profile } = inputs;
            const [{ matched, tree }] = await this.evaluator.execute({
                kind: 'explain', uri: params.uri, segmentId: found.segment.name, profiles: [profile], now: inputs.now.toISOString(), timeZone: inputs.timeZone,
            }, found.sources, token);
            const { version } = found.sources.documents[0];
            return { status: 'ok', result: { profileId: params.profileId, profile, matched, ...(tree ? { explanation: tree } : {}), ...(version !== undefined ? { version } : {}) } };
        });
    }

    /** Turns the expected failures into refusals the client can show; cancellation into the LSP error. */
    private async guard<T>(token: CancellationToken, action: () => Promise<T | RunRefusal>): Promise<T | RunRefusal> {
        try {
            return await action();
        } catch (error) {
            if (isCancellation(error, token)) {
                throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The run was cancelled.');
            }
            if (error instanceof RunInputError) {
                return refuse('invalid-input', error.message);
            }
            if (error instanceof DatasetError) {
                return refuse('unreadable-sample', `The sample dataset is not valid: ${error.message}`);
            }
            const code = (error as NodeJS.ErrnoException | undefined)?.code;
            if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
                const file = (error as NodeJS.ErrnoException).path ?? 'the sample dataset';
                return refuse('unreadable-sample', `Cannot read the sample dataset ${file} (${code}). Set segment.sample.path or \`sample\` in segment.config.json.`);
            }
            throw error;
        }
    }

    private async findSegment(uriText: string, segmentId: string, token: CancellationToken): Promise<RunRefusal | FoundSegment> {
        const { workspace } = this.shared;
        await workspace.WorkspaceManager.ready;
        const uri = URI.parse(uriText);
        if (!workspace.LangiumDocuments.hasDocument(uri)) {
            return refuse('unknown-document', `${uriText} is not a .segment document the language server knows.`);
        }
        // Edits may still be building: wait for the text the user sees. Only linking is awaited:
        // files loaded with the workspace are never validated unless opened, so they would never
        // reach `Validated`. The read lock then waits for any pending update to finish.
        await workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri, token);
        return workspace.WorkspaceLock.read(async () => {
            const document = workspace.LangiumDocuments.getDocument(uri);
            if (!document) {
                return refuse('unknown-document', `${uriText} was closed before it could run.`);
            }
            const errors = (await currentDiagnostics(this.shared, document, token))
                .filter(d => d.severity === 1)
                .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
                .map(d => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message, ...(d.code !== undefined ? { code: String(d.code) } : {}) }));
            if (errors.length > 0) {
                return refuseErrors(document.uri, errors);
            }
            // The config's errors are diagnostics of the config, not of the document; a run needs it fixed all the same.
            const config = configErrors(this.shared.ServiceRegistry.getServices(uri) as SegmentServices, uri);
            if (config.length > 0) {
                return refuseErrors(config[0].file,
                    config.map(p => ({ line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message, code: p.code })));
            }
            const declarations = segmentDeclarations(document);
            const segment = declarations.find(d => d.segment.name === segmentId)?.segment;
            if (!segment) {
                const known = declarations.map(d => d.segment.name).join(', ') || 'none';
                return refuse('unknown-segment', `No segment '${segmentId}' in ${path.posix.basename(document.uri.path)} (segments: ${known}).`);
            }
            // The texts checked here are the ones evaluated, whatever is typed while the run waits for its data.
            return { document, segment, workspaceSegments: workspaceSegments(this.shared), sources: snapshotSources(this.shared, document, [segment]) };
        });
    }
}

/** Registers the run requests on the connection; call after `startLanguageServer`. */
export function registerRunRequests(connection: Connection, shared: LangiumSharedServices, environment: RunEnvironment): SegmentRunHandler {
    const handler = new SegmentRunHandler(shared, environment);
    connection.onRequest(LIST_SEGMENTS_REQUEST, (params: ListSegmentsParams) => handler.listSegments(params));
    connection.onRequest(RUN_REQUEST, (params: RunParams, token) => handler.run(params, token));
    connection.onRequest(EXPLAIN_REQUEST, (params: ExplainParams, token) => handler.explain(params, token));
    return handler;
}

/** The segment as the request checked it, and the snapshots its evaluation runs on. */
interface FoundSegment {
    document: LangiumDocument;
    segment: SegmentDefinition;
    workspaceSegments: SegmentDefinition[];
    sources: EvaluationSources;
}

type Wanted = (outcome: { matched: number; total: number }) => { matching: number; others: number };

/** One run's outcome, whichever engine ran it. */
interface Ran {
    outcome: RunResult;
    rows: ProfileRow[];
    dataset: Pick<Dataset, 'file' | 'skipped' | 'problems'>;
    sampleSource: SampleSource;
    timeZone: string;
    now: Date;
    nowSource: NowSource;
    engine: 'js' | 'duckdb';
}

function refuse(reason: RunRefusal['reason'], message: string, errors?: RunRefusal['errors']): RunRefusal {
    return { status: 'refused', reason, message, ...(errors ? { errors } : {}) };
}

/** "a.segment has 2 errors; fix them first.", with the errors. */
function refuseErrors(file: URI, errors: NonNullable<RunRefusal['errors']>): RunRefusal {
    const many = errors.length !== 1;
    return refuse('document-errors', `${path.posix.basename(file.path)} has ${errors.length} error${many ? 's' : ''}; fix ${many ? 'them' : 'it'} first.`, errors);
}

function throwIfCancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) {
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The run was cancelled.');
    }
}
