/**
 * The custom requests between the VS Code client and the language server for running segments.
 * Names and payload types live here, once, so that both sides (and the tests) agree on them.
 * Plain types only: this file imports neither `vscode` nor Node modules.
 */

/** Runs one segment of a document against a sample profile dataset. Params: {@link RunParams}; result: {@link RunResponse}. */
export const RUN_REQUEST = 'segment/run';

/** One profile of the dataset with the segment's explanation for it. Params: {@link ExplainParams}; result: {@link ExplainResponse}. */
export const EXPLAIN_REQUEST = 'segment/explainProfile';

/** The segments of a document with their ranges, so the client can find the one at the cursor. Params: {@link ListSegmentsParams}. */
export const LIST_SEGMENTS_REQUEST = 'segment/listSegments';

/** The command the code lens, the editor-title button and the palette run. */
export const RUN_COMMAND = 'segment.runAgainstSampleProfiles';

/** Title of the code lens above each segment (tests look for "Run against sample"). */
export const RUN_LENS_TITLE = '▶ Run against sample';

/** Rows of profiles sent back per kind (matching, non-matching) at most; counts and ids are always complete. */
export const DEFAULT_MAX_ROWS = 2000;

/** Profiles (the first ones) whose explanations are summed into the clause tree's inner counts: explaining costs far more than counting. */
export const CLAUSE_TREE_LIMIT = 50_000;

/** A zero-based position, as in LSP. */
export interface ProtocolPosition {
    line: number;
    character: number;
}

export interface ProtocolRange {
    start: ProtocolPosition;
    end: ProtocolPosition;
}

export interface ListSegmentsParams {
    uri: string;
}

export interface SegmentSummary {
    /** The identifier after `segment`. */
    id: string;
    /** The `name:` property, when given. */
    title?: string;
    /** The whole declaration. */
    range: ProtocolRange;
}

/** Where the run's inputs come from; every optional value falls back as documented in the README. */
export interface RunInputs {
    /** Absolute path of the dataset (the client resolves `segment.sample.path` against the workspace folder). */
    samplePath?: string;
    /** ISO-8601 instant from the `segment.now` setting. */
    now?: string;
    /** IANA time zone from the `segment.timeZone` setting. */
    timeZone?: string;
    /** The `segment.engine` setting: `auto` (default) runs Parquet, two-file and large JSON samples on DuckDB. */
    engine?: 'auto' | 'js' | 'duckdb';
}

export interface RunParams extends RunInputs {
    uri: string;
    segmentId: string;
    /** Profiles whose explanation tree is wanted in the result. */
    explainIds?: string[];
    /** Also return rows for profiles that do not match (the panel's toggle). */
    includeNonMatching?: boolean;
    /** Rows per kind at most; default {@link DEFAULT_MAX_ROWS}. */
    maxRows?: number;
    /** Profiles the clause tree's inner counts cover at most; default {@link CLAUSE_TREE_LIMIT}. */
    clauseTreeLimit?: number;
}

export interface ExplainParams extends RunInputs {
    uri: string;
    segmentId: string;
    profileId: string;
}

/** Where "now" (and the time zone) came from, in precedence order. */
export type NowSource = 'setting' | 'config' | 'dataset' | 'clock';

/** Where the dataset came from, in precedence order. */
export type SampleSource = 'setting' | 'config' | 'bundled';

/** How often one clause (a node of the condition's tree) held over the dataset; mirrors the engine's `ClauseCount`. */
export interface ClauseCount {
    /** Position of the clause in the condition's tree, e.g. `$.0.1`. */
    path: string;
    /** `and`, `or`, `not`, `comparison`, `occurs`, `select`, … */
    kind: string;
    /** The clause's source text, whitespace collapsed. */
    text: string;
    /** Where the clause is in the document; the panel links to it. */
    range?: ProtocolRange;
    matched: number;
}

/**
 * The condition as a tree with counts at every level; mirrors the engine's `ClauseTreeNode`.
 * Inside event selections, `events` of `of` events satisfied the clause and `profiles` had at least one.
 */
export interface ClauseTreeNode {
    path: string;
    kind: string;
    text: string;
    range?: ProtocolRange;
    profiles: number;
    events?: number;
    of?: number;
    children?: ClauseTreeNode[];
}

/** A column of the profile table besides id, name, events and the verdict: a profile field the segment reads. */
export interface ProfileColumn {
    /** The field's path, `person.birthYear`; the key of `ProfileRow.fields`. */
    key: string;
    /** Its header: the last two parts of the path. */
    label: string;
}

/** The attributes the results table shows for one profile; absent values stay absent. */
export interface ProfileRow {
    id: string;
    name?: string;
    /** Number of experience events of the profile. */
    events: number;
    matched: boolean;
    /** Values of the `RunResult.columns` fields, by key; a missing field has no key. */
    fields: Record<string, string | number | boolean>;
}

/** One node of the tree telling why a condition held or not for a profile; mirrors the engine's `ExplainNode`. */
export interface ExplanationNode {
    path: string;
    kind: string;
    text: string;
    range?: ProtocolRange;
    result: boolean;
    /** The values a leaf looked at: `left`/`right` of a comparison, the `subject` of occurs, a match count… */
    values?: Record<string, unknown>;
    children?: ExplanationNode[];
}

/** Why one profile matched or not. */
export interface ProfileExplanation {
    id: string;
    matched: boolean;
    tree: ExplanationNode;
}

export interface RunResult {
    /** The segment's identifier. */
    segment: string;
    /** The segment's `name:` property, when given. */
    title?: string;
    uri: string;
    /**
     * The editor's version of the document text that ran (the one the server checked when the
     * request arrived, even if it was edited during the run); absent when the server cannot tell
     * (a file not open in the editor).
     */
    version?: number;
    /** The instant the segment was evaluated at, ISO-8601 UTC. */
    now: string;
    nowSource: NowSource;
    timeZone: string;
    samplePath: string;
    sampleSource: SampleSource;
    /** Which engine ran. */
    engine?: 'js' | 'duckdb';
    total: number;
    matched: number;
    /** Ids of the matching profiles, in dataset order. */
    ids: string[];
    clauses: ClauseCount[];
    /** Counts at every level of the condition, over the first `clauseTreeProfiles` profiles. */
    clauseTree?: ClauseTreeNode;
    clauseTreeProfiles?: number;
    /** The profile fields the segment reads, shown as table columns. */
    columns: ProfileColumn[];
    elapsedMs: number;
    /** Records of the dataset skipped because they were not valid profiles. */
    skipped: number;
    /** The first of those problems (file:line: why), at most 20. */
    problems?: string[];
    /** Table rows: the matching profiles, then (when asked) the others; at most `maxRows` of each. */
    rows: ProfileRow[];
    /** Whether rows of one kind were cut at `maxRows`. */
    rowsTruncated: boolean;
    /** For the profiles named in `explainIds`. */
    explanations?: ProfileExplanation[];
    /** The evaluator's notes: refused regexes, unknown functions… */
    warnings?: string[];
}

/** A problem of the document that keeps it from running, 1-based like the Problems view shows it. */
export interface RunBlocker {
    line: number;
    column: number;
    message: string;
    code?: string;
}

/** Why the server did not run the segment. */
export interface RunRefusal {
    status: 'refused';
    reason: 'document-errors' | 'unknown-document' | 'unknown-segment' | 'unreadable-sample' | 'invalid-input';
    message: string;
    /** For `document-errors`: the errors, first one first. */
    errors?: RunBlocker[];
}

export type RunResponse = { status: 'ok'; result: RunResult } | RunRefusal;

export interface ExplainResult {
    profileId: string;
    matched: boolean;
    /** The profile as read from the dataset. */
    profile: unknown;
    explanation?: ExplanationNode;
    /** The editor's version of the document text explained, as {@link RunResult.version}. */
    version?: number;
}

export type ExplainResponse = { status: 'ok'; result: ExplainResult } | RunRefusal;

/** The `test` declarations of the workspace (or of one document). Params: {@link ListTestsParams}; result: {@link TestFileSummary}[]. */
export const LIST_TESTS_REQUEST = 'segment/listTests';

/** Runs tests through the server's test runner. Params: {@link RunTestsParams}; result: {@link TestOutcome}[]. */
export const RUN_TESTS_REQUEST = 'segment/runTests';

export interface ListTestsParams {
    /** One document; every document of the workspace when absent. */
    uri?: string;
}

/** A document's tests. */
export interface TestFileSummary {
    uri: string;
    tests: TestSummary[];
}

export interface TestSummary {
    name: string;
    /** The segment id as written after `segment:`. */
    segment: string;
    /** The whole declaration. */
    range: ProtocolRange;
}

export interface RunTestsParams {
    /** The document whose tests run. */
    uri: string;
    /** Only these tests of the document; all when absent. */
    names?: string[];
}

/** The result of one test, ready to show. */
export interface TestOutcome {
    uri: string;
    name: string;
    segment: string;
    /** `error`: the test could not run (its file has errors, a fixture is missing …). */
    status: 'passed' | 'failed' | 'error';
    /** One line: expected vs got, or why it could not run. */
    summary: string;
    /** The full failure report: each differing profile, expected vs got and why it matched or not. */
    message: string;
    /** The expectation and the outcome in words (`match`, `["a"] matching`), for a diff view. */
    expected: string;
    actual: string;
    range: ProtocolRange;
    durationMs: number;
}

/** Clause coverage of a document's segments by the workspace's tests. Params: {@link CoverageParams}; result: {@link SegmentCoverageSummary}[]. */
export const COVERAGE_REQUEST = 'segment/coverage';

export interface CoverageParams {
    uri: string;
}

export interface SegmentCoverageSummary {
    segment: string;
    tests: number;
    percent: number;
    clauses: Array<{ text: string; range?: ProtocolRange; whenTrue: number; whenFalse: number }>;
}

/** Generates a `test` with a profile for a segment (matching, or a near miss of one top-level clause). Params: {@link GenerateProfileParams}; result: {@link GenerateProfileResponse}. */
export const GENERATE_PROFILE_REQUEST = 'segment/generateProfile';

/** The client command behind "Generate a matching profile" / "Generate a near miss" (code actions and palette). */
export const GENERATE_PROFILE_COMMAND = 'segment.generateProfile';

export interface GenerateProfileParams {
    uri: string;
    segment: string;
    /** A near miss for this top-level clause (0-based, as `clauseText` reads); a matching profile when absent. */
    clause?: number;
    clauseText?: string;
}

export type GenerateProfileResponse =
    /** Insert `text` at `position` (after the segment): a `test` declaration whose profile the evaluator verified. */
    | { status: 'ok'; position: ProtocolPosition; text: string }
    /** No profile was found; an unsatisfiable segment says why. */
    | { status: 'not-found'; message: string };
