/**
 * Which engine runs `segment run` (the choice: engine-choice.ts), and running every selected segment
 * in one scan with it. Where
 * DuckDB cannot be loaded, or a segment has no SQL translation, `auto` falls back to js when js can
 * read the data, and says so on stderr; `--engine duckdb` fails with the reason instead.
 */
import * as path from 'node:path';
import type { SegmentDefinition } from '../../language/generated/ast.js';
import { evaluateSegment, evaluateSegments, openDataset, resolveRunClock, type DataCheckFields, type ProjectRunConfig, type RunResult } from '../../engine/segment-engine.js';
import { DuckDbDataset, EngineUnavailableError } from '../../engine/sql/duckdb-engine.js';
import type { DataSpec } from '../../engine/sql/duckdb-source.js';
import { jsCanRead as jsReads, preferredEngine, type EngineChoice } from '../../engine/sql/engine-choice.js';
import { SqlTranslationError } from '../../engine/sql/sql-values.js';
import { idsInResults, type MatchedIds } from '../../engine/segment-matched-ids.js';
import type { RunInputs } from '../../shared/segment-protocol.js';
import { UsageError } from '../segment-cli-workspace.js';

export type { EngineChoice } from '../../engine/sql/engine-choice.js';

/** A run of one segment as the CLI prints it. */
export type CliRunResult = RunResult & { sample: string; skipped: number; engine: 'js' | 'duckdb' };

export interface EngineRunRequest {
    engine: EngineChoice;
    segments: SegmentDefinition[];
    workspaceSegments: SegmentDefinition[];
    data: DataSpec;
    request: RunInputs;
    config: ProjectRunConfig | undefined;
    explain?: string;
    skipInvalid: boolean;
    /** DuckDB's memory limit (default duckdb-engine.ts MEMORY_LIMIT). */
    memoryLimit?: string;
    /** The schema's fields checked for suspicious data (docs/semantics.md "Suspicious data"). */
    dataChecks?: DataCheckFields;
    /** Told when `auto` falls back to js. */
    notice: (message: string) => void;
}

/** What is done with a run's results while its ids can still be read (a DuckDB run's are in its tables). */
export type RunOutput = (results: CliRunResult[], ids: MatchedIds) => Promise<void>;

export async function runWithEngine(run: EngineRunRequest, output: RunOutput): Promise<void> {
    const jsCanRead = jsReads(run.data);
    const wanted = run.engine === 'auto' ? preferredEngine(run.data) : run.engine;
    if (wanted === 'js') {
        if (!jsCanRead) {
            throw new UsageError('The js engine reads one JSON or JSON Lines file; Parquet and two-file inputs (--events) need --engine duckdb or auto.');
        }
        return runJs(run, output);
    }
    try {
        return await runDuckDb(run, output);
    } catch (error) {
        const fallback = error instanceof EngineUnavailableError || error instanceof SqlTranslationError;
        if (!fallback) {
            throw error;
        }
        if (run.engine === 'auto' && jsCanRead) {
            run.notice(`${error.message} Running with the js engine instead.`);
            return runJs(run, output);
        }
        throw new UsageError(error.message);
    }
}

const shown = (file: string): string => path.relative(process.cwd(), file) || file;

async function runJs(run: EngineRunRequest, output: RunOutput): Promise<void> {
    const dataset = await openDataset(run.data.path, { skipInvalid: run.skipInvalid });
    const { now, timeZone } = resolveRunClock(run.request, run.config, dataset.meta, () => new Date());
    const results = await evaluateSegments(run.segments, dataset.profiles, {
        now, timeZone, workspaceSegments: run.workspaceSegments, explainIds: run.explain ? [run.explain] : undefined, dataChecks: run.dataChecks,
    });
    await output(results.map(result => ({ ...result, sample: shown(dataset.file), skipped: dataset.skipped, engine: 'js' })), idsInResults(results));
}

async function runDuckDb(run: EngineRunRequest, output: RunOutput): Promise<void> {
    const dataset = await DuckDbDataset.open(run.data, { memoryLimit: run.memoryLimit });
    try {
        const { now, timeZone } = resolveRunClock(run.request, run.config, dataset.meta, () => new Date());
        await dataset.runStreaming(run.segments, { now, timeZone, workspaceSegments: run.workspaceSegments, dataChecks: run.dataChecks }, async (results, ids) => {
            if (run.explain) {
                // The in-process explainer, on the one profile fetched through DuckDB.
                const profile = await dataset.profile(run.explain);
                for (const [i, segment] of run.segments.entries()) {
                    const explained = profile && await evaluateSegment(segment, [profile], { now, timeZone, workspaceSegments: run.workspaceSegments, explainIds: [run.explain] });
                    results[i].explanations = explained?.explanations ?? [];
                }
            }
            const sample = shown(run.data.path) + (run.data.events ? ` + ${shown(run.data.events.path)} on ${run.data.events.key}` : '');
            await output(results.map(result => ({ ...result, sample, skipped: 0, engine: 'duckdb' })), ids);
        });
    } finally {
        dataset.dispose();
    }
}
