import { compileSegment, EvaluationCancelledError, evaluateSegment, openDataset, type DataCheckFields, type Dataset, type Profile, type RunResult } from '../../engine/segment-engine.js';
import type { ExplainNode } from '../../engine/explain/segment-explain.js';
import { resolveRunClock, type ProjectRunConfig } from '../../engine/data/segment-run-inputs.js';
import { isSegmentFile, type SegmentDefinition } from '../generated/ast.js';
import type { NowSource, ProfileColumn, ProfileRow, RunInputs, SampleSource } from '../../shared/segment-protocol.js';
import { collectProfileRows } from './segment-profile-rows.js';
import { executeCoverage, executeGenerate, executeTests, type CoverageTask, type GenerateTask, type TaskResultsOfTests, type TestsTask } from './segment-test-tasks.js';

/**
 * The evaluations behind the run, explain, test, coverage and generate requests, as plain data in
 * and out: the language server runs them in a worker thread (segment-evaluation-worker.ts), so a
 * long evaluation never keeps the server from answering hover or completion, and cancelling ends
 * the thread. The functions here are the same ones whichever thread runs them; they get the parsed
 * documents from their caller.
 */
export type EvaluationTask = RunTask | ExplainTask | TestsTask | CoverageTask | GenerateTask;

/** The task of one kind. */
export type TaskOf<K extends EvaluationTask['kind']> = Extract<EvaluationTask, { kind: K }>;

/** What a task runs on, whichever thread runs it. */
export interface TaskContext {
    /** The parsed document of the task's `uri`. */
    root: unknown;
    /** Parsed documents by URI (`LangiumDocument.uri.toString()`): the test files coverage reads. */
    roots: ReadonlyMap<string, unknown>;
    /** The segments `inSegment` may name (by name or `aepId`). */
    workspaceSegments: SegmentDefinition[];
    /** Polled between profiles where the caller's thread must notice a cancellation itself. */
    cancel: () => boolean;
}

/** `segment/run` on the js engine: the dataset read, the segment evaluated, the table's rows collected. */
export interface RunTask {
    kind: 'run';
    uri: string;
    segmentId: string;
    sample: { path: string; source: SampleSource };
    config: ProjectRunConfig | undefined;
    inputs: Pick<RunInputs, 'now' | 'timeZone'>;
    /** The server's clock at the request, ISO-8601: "now" when nothing else gives one. */
    clock: string;
    explainIds?: string[];
    clauseTreeLimit: number;
    /** Rows per kind at most, and whether non-matching ones are wanted. */
    maxRows: number;
    includeNonMatching: boolean;
    columns: readonly ProfileColumn[];
    /** The schema's number and timestamp fields whose values the run checks (suspicious data in the warnings). */
    dataChecks?: DataCheckFields;
}

export interface RunTaskResult {
    outcome: RunResult;
    rows: ProfileRow[];
    dataset: Pick<Dataset, 'file' | 'skipped' | 'problems'>;
    sampleSource: SampleSource;
    timeZone: string;
    now: string;
    nowSource: NowSource;
}

/**
 * Profiles (found by the caller) explained clause by clause: `segment/explainProfile`'s one, and
 * those a DuckDB run explains in process (`explainIds`).
 */
export interface ExplainTask {
    kind: 'explain';
    uri: string;
    segmentId: string;
    profiles: Profile[];
    now: string;
    timeZone: string;
}

/** Per profile, in order: the verdict and the tree telling why (none for a segment without a condition). */
export type ExplainTaskResult = Array<{ matched: boolean; tree?: ExplainNode }>;

/** What each kind of task answers. */
export interface TaskResults extends TaskResultsOfTests {
    run: RunTaskResult;
    explain: ExplainTaskResult;
}

/** Runs a task on its parsed documents. */
export async function executeTask<K extends EvaluationTask['kind']>(task: TaskOf<K>, context: TaskContext): Promise<TaskResults[K]> {
    return await executeAny(task, context) as TaskResults[K];
}

async function executeAny(task: EvaluationTask, context: TaskContext): Promise<TaskResults[EvaluationTask['kind']]> {
    const { root, workspaceSegments } = context;
    if (!isSegmentFile(root)) {
        throw new Error(`${task.uri} is not a .segment document.`);
    }
    if (task.kind === 'tests' || task.kind === 'coverage') {
        return task.kind === 'tests' ? executeTests(task, root, workspaceSegments) : executeCoverage(task, root, context.roots, workspaceSegments);
    }
    const segment = root.segments.find(s => s.name === task.segmentId);
    if (!segment) {
        throw new Error(`No segment '${task.segmentId}' in ${task.uri}.`);
    }
    switch (task.kind) {
        case 'run': return executeRun(task, segment, workspaceSegments, context.cancel);
        case 'explain': return executeExplain(task, segment, workspaceSegments);
        case 'generate': return executeGenerate(task, segment, workspaceSegments);
    }
}

/** The dataset opened (its `$meta` may declare now and the zone), with the now and zone of the run. */
export async function openJsInputs(
    sample: { path: string; source: SampleSource }, config: ProjectRunConfig | undefined, inputs: RunInputs, clock: () => Date,
): Promise<{ dataset: Dataset; sampleSource: SampleSource; timeZone: string; now: Date; nowSource: NowSource }> {
    const dataset = await openDataset(sample.path, { skipInvalid: true });
    const { now, nowSource, timeZone } = resolveRunClock(inputs, config, dataset.meta, clock);
    return { dataset, sampleSource: sample.source, timeZone, now, nowSource };
}

/** Runs the segment over the sample, then reads the table's rows in a second pass over the file. */
export async function executeRun(task: RunTask, segment: SegmentDefinition, workspaceSegments: SegmentDefinition[], cancel: () => boolean): Promise<RunTaskResult> {
    const clock = new Date(task.clock);
    const inputs = await openJsInputs(task.sample, task.config, task.inputs, () => clock);
    const outcome = await evaluateSegment(segment, inputs.dataset.profiles, {
        now: inputs.now, timeZone: inputs.timeZone, explainIds: task.explainIds,
        workspaceSegments, cancel, clauseTree: { limit: task.clauseTreeLimit }, dataChecks: task.dataChecks,
    });
    const wanted = {
        matching: Math.min(task.maxRows, outcome.matched),
        others: task.includeNonMatching ? Math.min(task.maxRows, outcome.total - outcome.matched) : 0,
    };
    const rows = await collectProfileRows(inputs.dataset.file, new Set(outcome.ids), wanted, task.columns, () => {
        if (cancel()) {
            throw new EvaluationCancelledError();
        }
    });
    const { dataset } = inputs;
    return {
        outcome, rows, dataset: { file: dataset.file, skipped: dataset.skipped, problems: [...dataset.problems] },
        sampleSource: inputs.sampleSource, timeZone: inputs.timeZone, now: inputs.now.toISOString(), nowSource: inputs.nowSource,
    };
}

export function executeExplain(task: ExplainTask, segment: SegmentDefinition, workspaceSegments: SegmentDefinition[]): ExplainTaskResult {
    const { compiled } = compileSegment(segment, { now: new Date(task.now), timeZone: task.timeZone, workspaceSegments });
    return task.profiles.map(profile => {
        const tree = compiled.explain(profile);
        return { matched: compiled.matches(profile), ...(tree ? { tree } : {}) };
    });
}
