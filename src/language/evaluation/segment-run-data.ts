import type { LangiumDocument } from 'langium';
import { profileId, type Dataset } from '../../engine/segment-engine.js';
import { configEvents, resolveSample, RunInputError, type ProjectRunConfig } from '../../engine/data/segment-run-inputs.js';
import { EngineUnavailableError } from '../../engine/sql/duckdb-engine.js';
import type { DataSpec } from '../../engine/sql/duckdb-source.js';
import { jsCanRead, preferredEngine } from '../../engine/sql/engine-choice.js';
import type { ExplainParams, NowSource, RunInputs, RunRefusal, SampleSource } from '../../shared/segment-protocol.js';
import type { RunEnvironment } from './segment-run-handler.js';
import { fetchProfileOnDuckDb } from './segment-run-duckdb.js';
import { openJsInputs } from './segment-evaluation-tasks.js';

/**
 * The data of a run request and how it is read, shared by `segment/run` and `segment/explainProfile`
 * so that both choose the same engine (the `segment.engine` setting) for the same sample.
 */
export interface DataChoice {
    config: ProjectRunConfig | undefined;
    sample: { path: string; source: SampleSource };
    data: DataSpec;
    events: DataSpec['events'];
    /** Set when DuckDB reads the data; undefined when the js engine does. */
    choice?: 'auto' | 'duckdb';
}

export interface ResolvedInputs {
    dataset: Dataset;
    sampleSource: SampleSource;
    timeZone: string;
    now: Date;
    nowSource: NowSource;
}

/** The profile to explain, with the run's now and zone. */
export interface FoundProfile {
    profile: Record<string, unknown>;
    now: Date;
    timeZone: string;
}

export async function dataChoice(environment: RunEnvironment, document: LangiumDocument, params: RunInputs): Promise<DataChoice> {
    const config = await environment.projectConfig(document.uri);
    const sample = resolveSample(params, config, environment.bundledSamplePath);
    // The events file of segment.config.json goes with the config's sample only.
    const eventsPath = sample.source === 'config' ? configEvents(config) : undefined;
    const events = eventsPath && config?.eventsKey ? { path: eventsPath, key: config.eventsKey } : undefined;
    const data: DataSpec = { path: sample.path, ...(events ? { events } : {}) };
    const choice = params.engine ?? 'auto';
    if (choice === 'js' || (choice === 'auto' && preferredEngine(data) === 'js')) {
        if (!jsCanRead(data)) {
            throw new RunInputError('The js engine reads one JSON or JSON Lines file; set segment.engine to auto or duckdb for Parquet and two-file samples.');
        }
        return { config, sample, data, events };
    }
    return { config, sample, data, events, choice };
}

/** Opens the dataset for the js engine (its `$meta` may declare now and the zone) and settles now, zone and sample. */
export async function resolveJsInputs(environment: RunEnvironment, document: LangiumDocument, params: RunInputs): Promise<ResolvedInputs> {
    const config = await environment.projectConfig(document.uri);
    const sample = resolveSample(params, config, environment.bundledSamplePath);
    return openJsInputs(sample, config, params, environment.clock ?? (() => new Date()));
}

/**
 * The profile the results panel explains: fetched through DuckDB where the run uses DuckDB
 * (Parquet and two-file samples, which the js reader cannot read), as `segment run --explain`
 * does; else, or when DuckDB cannot load under `auto` and js can read the data, found by the js reader.
 */
export async function findProfile(environment: RunEnvironment, document: LangiumDocument, params: ExplainParams, checkCancelled: () => void): Promise<FoundProfile | RunRefusal> {
    const missing = (file: string): RunRefusal => ({ status: 'refused', reason: 'invalid-input', message: `No profile with id '${params.profileId}' in ${file}.` });
    const { config, data, choice } = await dataChoice(environment, document, params);
    if (choice) {
        try {
            const fetched = await fetchProfileOnDuckDb({ data, params, config, clock: environment.clock ?? (() => new Date()), id: params.profileId });
            return fetched.profile ? { ...fetched, profile: fetched.profile } : missing(data.path);
        } catch (error) {
            if (!(error instanceof EngineUnavailableError)) {
                throw error;
            }
            if (choice === 'duckdb' || !jsCanRead(data)) {
                throw new RunInputError(error.message);
            }
        }
    }
    const inputs = await resolveJsInputs(environment, document, params);
    let position = 0;
    for await (const candidate of inputs.dataset.profiles) {
        position++;
        if (position % 1000 === 0) {
            checkCancelled();
        }
        if (profileId(candidate, position) === params.profileId) {
            return { profile: candidate, now: inputs.now, timeZone: inputs.timeZone };
        }
    }
    return missing(inputs.dataset.file);
}
