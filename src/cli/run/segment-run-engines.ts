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
    /** The schema's fields checked for suspicious data (docs/semantics.md "Suspicious data"). */
    dataChecks?: DataCheckFields;
    /** Told when `auto` falls back to js. */
    notice: (message: string) => void;
}

export async function runWithEngine(run: EngineRunRequest): Promise<CliRunResult[]> {
    const jsCanRead = jsReads(run.data);
    const wanted = run.engine === 'auto' ? preferredEngine(run.data) : run.engine;
    if (wanted === 'js') {
        if (!jsCanRead) {
            throw new UsageError('The js engine reads one JSON or JSON Lines file; Parquet and two-file inputs (--events) need --engine duckdb or auto.');
        }
        return runJs(run);
    }
    try {
        return await runDuckDb(run);
    } catch (error) {
        const fallback = error instanceof EngineUnavailableError || error instanceof SqlTranslationError;
        if (!fallback) {
            throw error;
        }
        if (run.engine === 'auto' && jsCanRead) {
            run.notice(`${error.message} Running with the js engine instead.`);
            return runJs(run);
        }
        throw new UsageError(error.message);
    }
}

const shown = (file: string): string => path.relative(process.cwd(), file) || file;

async function runJs(run: EngineRunRequest): Promise<CliRunResult[]> {
    const dataset = await openDataset(run.data.path, { skipInvalid: run.skipInvalid });
    const { now, timeZone } = resolveRunClock(run.request, run.config, dataset.meta, () => new Date());
    const results = await evaluateSegments(run.segments, dataset.profiles, {
        now, timeZone, workspaceSegments: run.workspaceSegments, explainIds: run.explain ? [run.explain] : undefined, dataChecks: run.dataChecks,
    });
    return results.map(result => ({ ...result, sample: shown(dataset.file), skipped: dataset.skipped, engine: 'js' }));
}

async function runDuckDb(run: EngineRunRequest): Promise<CliRunResult[]> {
    const dataset = await DuckDbDataset.open(run.data);
    try {
        const { now, timeZone } = resolveRunClock(run.request, run.config, dataset.meta, () => new Date());
        const results = await dataset.run(run.segments, { now, timeZone, workspaceSegments: run.workspaceSegments, dataChecks: run.dataChecks });
        if (run.explain) {
            // The in-process explainer, on the one profile fetched through DuckDB.
            const profile = await dataset.profile(run.explain);
            for (const [i, segment] of run.segments.entries()) {
                const explained = profile && await evaluateSegment(segment, [profile], { now, timeZone, workspaceSegments: run.workspaceSegments, explainIds: [run.explain] });
                results[i].explanations = explained?.explanations ?? [];
            }
        }
        const sample = shown(run.data.path) + (run.data.events ? ` + ${shown(run.data.events.path)} on ${run.data.events.key}` : '');
        return results.map(result => ({ ...result, sample, skipped: 0, engine: 'duckdb' }));
    } finally {
        dataset.dispose();
    }
}
