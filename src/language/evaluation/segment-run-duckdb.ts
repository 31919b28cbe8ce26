import type { CancellationToken } from 'vscode-languageserver';
import { profileId, resolveRunClock, type DataCheckFields, type Profile, type ProjectRunConfig, type RunResult } from '../../engine/segment-engine.js';
import { DuckDbDataset } from '../../engine/sql/duckdb-engine.js';
import type { DataSpec } from '../../engine/sql/duckdb-source.js';
import type { SegmentDefinition } from '../generated/ast.js';
import type { NowSource, ProfileColumn, ProfileRow, RunInputs, RunParams } from '../../shared/segment-protocol.js';
import type { ExplainTaskResult } from './segment-evaluation-tasks.js';
import { profileRow } from './segment-profile-rows.js';

/**
 * "Run against sample profiles" on DuckDB (the `segment.engine` setting; under `auto`, Parquet,
 * two-file inputs and large JSON): one query for the segment, stopped by interrupting it when the
 * request is cancelled; the results table's rows come from DuckDB too (matching ones by id, the
 * others page by page from the start), so a sample of millions of profiles is never read in Node.
 */
export interface DuckDbRun {
    outcome: RunResult;
    rows: ProfileRow[];
    now: Date;
    nowSource: NowSource;
    timeZone: string;
}

export interface DuckDbRunRequest {
    segment: SegmentDefinition;
    workspaceSegments: SegmentDefinition[];
    data: DataSpec;
    params: RunParams;
    config: ProjectRunConfig | undefined;
    clock: () => Date;
    /** How many rows of each kind the table wants, once the counts are known. */
    wanted: (outcome: RunResult) => { matching: number; others: number };
    /** The table's columns (the fields the segment reads). */
    columns: readonly ProfileColumn[];
    token: CancellationToken;
    /** The fields checked for suspicious data (the result's `warnings`). */
    dataChecks?: DataCheckFields;
    /** The in-process explainer (off the server's thread: a hostile pattern may take minutes), for the profiles of `explainIds`. */
    explain: (profiles: Profile[], now: Date, timeZone: string) => Promise<ExplainTaskResult>;
}

/** Rows read per page while looking for non-matching profiles. */
const PAGE = 1000;

/** The data in DuckDB, with the config's memory limit ("memoryLimit"). */
function openDataset(request: Pick<DuckDbRunRequest, 'data' | 'config'>): Promise<DuckDbDataset> {
    return DuckDbDataset.open(request.data, { memoryLimit: request.config?.memoryLimit });
}

export async function runOnDuckDb(request: DuckDbRunRequest): Promise<DuckDbRun> {
    const { segment, workspaceSegments, params, columns, token } = request;
    const dataset = await openDataset(request);
    // Cancelling interrupts the running query: it then fails, and the caller reports the cancellation.
    const stop = token.onCancellationRequested(() => dataset.interrupt());
    try {
        const { now, nowSource: source, timeZone } = resolveRunClock(params, request.config, dataset.meta, request.clock);
        const options = { now, timeZone, workspaceSegments };
        const [outcome] = await dataset.run([segment], { ...options, dataChecks: request.dataChecks });
        cancelled(token);
        if (params.explainIds && params.explainIds.length > 0) {
            // The in-process explainer, on the profiles fetched through DuckDB.
            const profiles = await dataset.profiles({ ids: params.explainIds });
            const explained = await request.explain(profiles, now, timeZone);
            outcome.explanations = explained.flatMap(({ matched, tree }, i) => tree ? [{ id: idOf(profiles[i]), matched, tree }] : []);
        }
        const wanted = request.wanted(outcome);
        const matching = (await dataset.profiles({ ids: outcome.ids.slice(0, wanted.matching) })).map(p => profileRow(idOf(p), p, true, columns));
        const others: ProfileRow[] = [];
        const matched = new Set(outcome.ids);
        for (let offset = 0; others.length < wanted.others; offset += PAGE) {
            cancelled(token);
            const page = await dataset.profiles({ offset, limit: PAGE });
            for (const profile of page) {
                const id = idOf(profile);
                if (!matched.has(id) && others.length < wanted.others) {
                    others.push(profileRow(id, profile, false, columns));
                }
            }
            if (page.length < PAGE) {
                break;
            }
        }
        return { outcome, rows: [...matching, ...others], now, nowSource: source, timeZone };
    } finally {
        stop.dispose();
        dataset.dispose();
    }
}

/**
 * One profile fetched through DuckDB for the in-process explainer (the results panel's
 * `segment/explainProfile`, as `segment run --explain` does), with the run's now and zone.
 */
export async function fetchProfileOnDuckDb(request: Pick<DuckDbRunRequest, 'data' | 'config' | 'clock'> & { params: RunInputs; id: string }): Promise<{ profile?: Profile; now: Date; timeZone: string }> {
    const dataset = await openDataset(request);
    try {
        const { now, timeZone } = resolveRunClock(request.params, request.config, dataset.meta, request.clock);
        return { profile: await dataset.profile(request.id), now, timeZone };
    } finally {
        dataset.dispose();
    }
}

/** DuckDB's ids are the `_id` column as text (the SQL engine's rule). */
function idOf(profile: Record<string, unknown>): string {
    return profileId(profile, 0);
}

/** Stops between queries; the handler turns the error into RequestCancelled. */
function cancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) {
        throw new Error('The run was cancelled.');
    }
}
