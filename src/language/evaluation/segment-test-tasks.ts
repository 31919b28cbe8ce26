import { segmentCoverage } from '../../engine/testing/segment-test-coverage.js';
import { failureReport, gotText, resultSummary } from '../../engine/testing/segment-test-report.js';
import { scaffoldTest } from '../../engine/testing/segment-test-scaffold.js';
import { runTestFiles, type TestFile } from '../../engine/testing/segment-test-suite.js';
import { topLevelClauseTexts, type WitnessTarget } from '../../engine/testing/segment-witness.js';
import { isSegmentFile, type SegmentDefinition, type SegmentFile, type SegmentTest } from '../generated/ast.js';
import type { ProtocolRange, SegmentCoverageSummary, TestOutcome } from '../../shared/segment-protocol.js';

/**
 * The test-side evaluations (segment-evaluation-tasks.ts runs them, in the server's worker thread):
 * a document's tests for the Test Explorer, the clause coverage of its segments, and a generated
 * test for one segment. Each may run for minutes on hostile patterns or large fixtures.
 */

/** `segment/runTests`: the tests of one document (all, or those named). */
export interface TestsTask {
    kind: 'tests';
    uri: string;
    /** The document's path on disk: fixtures are read relative to it. */
    file: string;
    names?: string[];
}

/** `segment/coverage`: the tests of the document's segments, wherever they are, and their clauses' outcomes. */
export interface CoverageTask {
    kind: 'coverage';
    uri: string;
    /** The document's path on disk (coverage names the segment's file). */
    file: string;
    /** The files holding tests of the document's segments, and those tests' names. */
    tests: Array<{ uri: string; file: string; names: string[] }>;
}

/** `segment/generateProfile`: a test with a generated profile, matching or the near miss of one top-level clause. */
export interface GenerateTask {
    kind: 'generate';
    uri: string;
    segmentId: string;
    now: string;
    timeZone?: string;
    target: WitnessTarget;
    /** For a near miss: the clause's text when the action was offered; a different clause there now is `stale`. */
    clauseText?: string;
}

/** The test's text, or why there is none. */
export type GenerateTaskResult = { status: 'found'; text: string } | { status: 'none'; message: string } | { status: 'stale' };

/** What each kind of test task answers. */
export interface TaskResultsOfTests {
    tests: TestOutcome[];
    coverage: SegmentCoverageSummary[];
    generate: GenerateTaskResult;
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

/** Runs the tests of the document's segments and counts their clauses' outcomes. */
export async function executeCoverage(
    task: CoverageTask, root: SegmentFile, roots: ReadonlyMap<string, unknown>, workspaceSegments: SegmentDefinition[],
): Promise<SegmentCoverageSummary[]> {
    const files: TestFile[] = [];
    const names = new Map<string, Set<string>>();
    for (const tests of task.tests) {
        const testing = roots.get(tests.uri);
        if (isSegmentFile(testing)) {
            files.push({ file: tests.file, root: testing });
            names.set(tests.file, new Set(tests.names));
        }
    }
    const results = await runTestFiles(files, workspaceSegments, (file, name) => names.get(file)?.has(name) === true, { coverage: true });
    return root.segments.map(segment => {
        const coverage = segmentCoverage(segment, task.file, results);
        return { segment: segment.name, tests: coverage.tests, percent: coverage.percent, clauses: coverage.clauses.map(({ text, range, whenTrue, whenFalse }) => ({ text, range, whenTrue, whenFalse })) };
    });
}

/** One generated test, after checking that the near miss's clause is still the one the action named. */
export function executeGenerate(task: GenerateTask, segment: SegmentDefinition, workspaceSegments: SegmentDefinition[]): GenerateTaskResult {
    const options = { now: new Date(task.now), timeZone: task.timeZone, workspaceSegments };
    if (task.target.kind === 'near-miss' && task.clauseText !== undefined && topLevelClauseTexts(segment, options)[task.target.clause] !== task.clauseText) {
        return { status: 'stale' };
    }
    const { text, message } = scaffoldTest(segment, options, task.target);
    return text ? { status: 'found', text } : { status: 'none', message: message! };
}

export function testRange(test: SegmentTest | undefined): ProtocolRange {
    return test?.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
