/**
 * Runs test cases with the evaluator: the one engine behind `segment test`, the editor's Test
 * Explorer (through the language server) and the unit tests. A failing profile is reported with
 * the explanation tree of `segment run --explain`, so a failure says why, not only that.
 */
import * as path from 'node:path';
import type { SegmentDefinition } from '../../language/generated/ast.js';
import { readDataset } from '../data/segment-dataset.js';
import { evaluateSegment, profileId, type ClauseCount, type ExplainNode, type Profile } from '../segment-engine.js';
import { parseInstant, resolveTimeZone, RunInputError } from '../data/segment-run-inputs.js';
import { expectationText, type TestCase } from './segment-test-cases.js';

/** Failing profiles explained per test; the rest are listed without their trees. */
const EXPLAINED_FAILURES = 10;

/** A profile whose outcome differs from the expectation. */
export interface ProfileFailure {
    id: string;
    expected: 'match' | 'no match';
    got: 'match' | 'no match';
    profile: Profile;
    /** Why the profile matched or not, clause by clause (the first few failures only). */
    explanation?: ExplainNode;
}

export interface TestResult {
    test: string;
    segment: string;
    status: 'passed' | 'failed' | 'error';
    /** The expectation in words (`match`, `no match`, `exactly ["a"] match`). */
    expected: string;
    /** Ids of the profiles that matched. */
    got: string[];
    now?: string;
    timeZone?: string;
    profiles: number;
    failures: ProfileFailure[];
    /** Expected ids that no profile of the test has. */
    unknownIds?: string[];
    /** Why the test could not run (status `error`). */
    error?: string;
    /** Per-clause counts of true over the test's profiles. */
    clauses?: ClauseCount[];
    /** Every profile's explanation tree, with `coverage` (segment-test-coverage.ts counts clause outcomes from them). */
    explanations?: ExplainNode[];
}

export interface TestRunOptions {
    /** Folder of the test's file: fixtures are relative to it. */
    baseDir: string;
    /** Every segment of the workspace, for `inSegment` by AEP id. */
    workspaceSegments?: Iterable<SegmentDefinition>;
    /** Also explain every profile, for clause coverage. */
    coverage?: boolean;
}

/** Runs one test case; never throws for a problem of the test itself (that is an `error` result). */
export async function runTestCase(test: TestCase, options: TestRunOptions): Promise<TestResult> {
    const result: TestResult = {
        test: test.name, segment: test.segment?.name ?? test.segmentId, status: 'error',
        expected: test.expectation ? expectationText(test.expectation) : 'nothing', got: [], profiles: 0, failures: [],
    };
    try {
        const { segment, now, timeZone, profiles } = await prepare(test, options);
        Object.assign(result, { now: now.toISOString(), timeZone, profiles: profiles.length });
        const run = await evaluateSegment(segment, profiles, { now, timeZone, workspaceSegments: options.workspaceSegments, collectNonMatching: true });
        result.got = run.ids;
        result.clauses = run.clauses;
        const matched = new Set(run.ids);
        const ids = profiles.map((p, i) => profileId(p, i + 1));
        const expected = expectedMatch(test);
        const failing = profiles.flatMap((profile, i) => expected(ids[i]) === matched.has(ids[i]) ? [] : [{ profile, id: ids[i] }]);
        if (test.expectation?.kind === 'ids') {
            const unknown = test.expectation.ids.filter(id => !ids.includes(id));
            if (unknown.length > 0) {
                result.unknownIds = unknown;
            }
        }
        const inputs = { now, timeZone, workspaceSegments: options.workspaceSegments };
        result.failures = await explainFailures(segment, failing, matched, inputs);
        if (options.coverage) {
            result.explanations = await explainAll(segment, profiles, ids, inputs);
        }
        result.status = result.failures.length === 0 && !result.unknownIds ? 'passed' : 'failed';
    } catch (error) {
        if (!(error instanceof TestInputError || error instanceof RunInputError)) {
            throw error;
        }
        result.error = error.message;
    }
    return result;
}

/** A test that cannot run as written. */
export class TestInputError extends Error {}

async function prepare(test: TestCase, options: TestRunOptions): Promise<{ segment: SegmentDefinition; now: Date; timeZone: string; profiles: Profile[] }> {
    if (!test.segment) {
        throw new TestInputError(test.segmentId ? `Unknown segment "${test.segmentId}".` : 'The test names no segment (segment: <id>).');
    }
    if (!test.expectation) {
        throw new TestInputError('The test has no expectation (expect: match, no match or ["id", …]).');
    }
    if (!test.now) {
        throw new TestInputError('The test has no pinned now (now: "2026-11-01T12:00:00Z").');
    }
    const now = parseInstant(test.now, `test '${test.name}'`);
    const timeZone = resolveTimeZone({ timeZone: test.timeZone }, undefined);
    const profiles = [...test.profiles];
    for (const fixture of test.fixtures) {
        const file = path.resolve(options.baseDir, fixture);
        try {
            profiles.push(...(await readDataset(file)).profiles);
        } catch (error) {
            throw new TestInputError(`Cannot read the fixture ${fixture}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    if (profiles.length === 0) {
        throw new TestInputError('The test has no profile (profile: { … } or fixture: "profiles.jsonl").');
    }
    return { segment: test.segment, now, timeZone, profiles };
}

/** Whether the expectation wants the profile with this id to match. */
function expectedMatch(test: TestCase): (id: string) => boolean {
    const expectation = test.expectation!;
    if (expectation.kind === 'ids') {
        const wanted = new Set(expectation.ids);
        return id => wanted.has(id);
    }
    return () => expectation.kind === 'match';
}

/** The explanation tree of every profile, in order (each under its own id, as in `explainFailures`). */
async function explainAll(
    segment: SegmentDefinition, profiles: Profile[], ids: string[],
    options: { now: Date; timeZone: string; workspaceSegments?: Iterable<SegmentDefinition> },
): Promise<ExplainNode[]> {
    const named = profiles.map((profile, i) => ({ ...profile, _id: ids[i] }));
    const run = await evaluateSegment(segment, named, { ...options, explainIds: ids, clauseCounts: false });
    return (run.explanations ?? []).map(e => e.tree);
}

async function explainFailures(
    segment: SegmentDefinition, failing: Array<{ profile: Profile; id: string }>, matched: Set<string>,
    options: { now: Date; timeZone: string; workspaceSegments?: Iterable<SegmentDefinition> },
): Promise<ProfileFailure[]> {
    const explained = failing.slice(0, EXPLAINED_FAILURES);
    const trees = new Map<string, ExplainNode>();
    if (explained.length > 0) {
        // Explain only the failing profiles, each under its own id so that positions (`#3`) stay right.
        const profiles = explained.map(f => ({ ...f.profile, _id: f.id }));
        const run = await evaluateSegment(segment, profiles, { ...options, explainIds: explained.map(f => f.id), clauseCounts: false });
        for (const explanation of run.explanations ?? []) {
            trees.set(explanation.id, explanation.tree);
        }
    }
    return failing.map(({ profile, id }) => {
        const got = matched.has(id) ? 'match' : 'no match';
        return { id, expected: got === 'match' ? 'no match' : 'match', got, profile, explanation: trees.get(id) };
    });
}
