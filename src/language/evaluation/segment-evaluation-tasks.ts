import { compileSegment, EvaluationCancelledError, evaluateSegment, openDataset, type DataCheckFields, type Dataset, type RunResult } from '../../engine/segment-engine.js';
import { resolveRunClock, type ProjectRunConfig } from '../../engine/data/segment-run-inputs.js';
import { failureReport, gotText, resultSummary } from '../../engine/testing/segment-test-report.js';
import { runTestFiles } from '../../engine/testing/segment-test-suite.js';
import { isSegmentFile, type SegmentDefinition, type SegmentFile, type SegmentTest } from '../generated/ast.js';
import type {
    ExplanationNode, NowSource, ProfileColumn, ProfileRow, ProtocolRange, RunInputs, SampleSource, TestOutcome,
} from '../../shared/segment-protocol.js';
import { collectProfileRows } from './segment-profile-rows.js';

/**
 * The evaluations behind the run and test requests, as plain data in and out: the language server
 * runs them in a worker thread (segment-evaluation-worker.ts), so a long evaluation never keeps the
 * server from answering hover or completion, and cancelling ends the thread. The functions here are
 * the same ones whichever thread runs them; they get the parsed segment from their caller.
 */
export type EvaluationTask = RunTask | ExplainTask | TestsTask;

/** The task of one kind. */
export type TaskOf<K extends EvaluationTask['kind']> = Extract<EvaluationTask, { kind: K }>;

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

/** `segment/explainProfile`: one profile (found by the caller) explained clause by clause. */
export interface ExplainTask {
    kind: 'explain';
    uri: string;
    segmentId: string;
    profile: Record<string, unknown>;
    now: string;
    timeZone: string;
}

export interface ExplainTaskResult {
    matched: boolean;
    explanation?: ExplanationNode;
}

/** `segment/runTests`: the tests of one document (all, or those named). */
export interface TestsTask {
    kind: 'tests';
    uri: string;
    /** The document's path on disk: fixtures are read relative to it. */
    file: string;
    names?: string[];
}

/** What each kind of task answers. */
export interface TaskResults {
    run: RunTaskResult;
    explain: ExplainTaskResult;
    tests: TestOutcome[];
}

/** Runs a task on the parsed document `root` (the document of `task.uri`); `workspaceSegments` are those `inSegment` may name. */
export async function executeTask<K extends EvaluationTask['kind']>(
    task: TaskOf<K>, root: unknown, workspaceSegments: SegmentDefinition[], cancel: () => boolean,
): Promise<TaskResults[K]> {
    return await executeAny(task, root, workspaceSegments, cancel) as TaskResults[K];
}

async function executeAny(task: EvaluationTask, root: unknown, workspaceSegments: SegmentDefinition[], cancel: () => boolean): Promise<TaskResults[EvaluationTask['kind']]> {
    if (!isSegmentFile(root)) {
        throw new Error(`${task.uri} is not a .segment document.`);
    }
    if (task.kind === 'tests') {
        return executeTests(task, root, workspaceSegments);
    }
    const segment = root.segments.find(s => s.name === task.segmentId);
    if (!segment) {
        throw new Error(`No segment '${task.segmentId}' in ${task.uri}.`);
    }
    return task.kind === 'run' ? executeRun(task, segment, workspaceSegments, cancel) : executeExplain(task, segment, workspaceSegments);
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
    const explanation = compiled.explain(task.profile);
    return { matched: compiled.matches(task.profile), ...(explanation ? { explanation } : {}) };
}

/** Runs the document's tests with the runner of `segment test`; outcomes ready for the Test Explorer. */
export async function executeTests(task: TestsTask, root: SegmentFile, workspaceSegments: SegmentDefinition[]): Promise<TestOutcome[]> {
    const wanted = (name: string) => !task.names || task.names.includes(name);
    const tests = root.tests.filter(t => wanted(t.name));
    const results = await runTestFiles([{ file: task.file, root }], workspaceSegments, (_file, name) => wanted(name));
    return results.map((result, i) => ({
        uri: task.uri, name: result.test, segment: result.segment, status: result.status, summary: resultSummary(result),
        message: result.status === 'failed' ? failureReport(result).join('\n') : resultSummary(result),
        expected: result.expected, actual: result.status === 'error' ? '' : gotText(result), range: testRange(tests[i]), durationMs: Math.round(result.duration),
    }));
}

export function testRange(test: SegmentTest | undefined): ProtocolRange {
    return test?.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

