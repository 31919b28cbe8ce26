import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AstUtils } from 'langium';
import { DatasetError } from '../../engine/segment-engine.js';
import { isSegmentDefinition, type SegmentDefinition } from '../../language/generated/ast.js';
import { createRunEnvironment } from '../../language/evaluation/segment-run-environment.js';
import { configEvents, parseInstant, resolveSample, RunInputError } from '../../engine/data/segment-run-inputs.js';
import { checkDataFolder } from '../../engine/sql/duckdb-source.js';
import { isMemorySize } from '../../language/segment-config.js';
import { DuckDbMemoryError, MEMORY_LIMIT } from '../../engine/sql/duckdb-engine.js';
import { datasetFile, type DatasetFile } from './segment-cli-data.js';
import { requestedSegmentFiles } from '../segment-cli-files.js';
import { InputError } from '../segment-cli-usage-error.js';
import { collectDiagnostics, formatDiagnosticText, loadWorkspace, UsageError } from '../segment-cli-workspace.js';
import { runWithEngine, type EngineChoice } from './segment-run-engines.js';
import { writeRunOutput } from './segment-run-output.js';

export const RUN_USAGE = `segment run <file.segment|folder> [--segment <id>] [--data <profiles.jsonl|.json|.parquet|folder|->]
            [--events <events file> --events-key <column>] [--engine auto|js|duckdb] [--now <ISO-8601>]
            [--time-zone <IANA zone>] [--format text|json] [--explain <profile id>] [--skip-invalid] [--memory-limit <size>]
  Evaluates every segment of the file (or folder) in one pass over the profiles (default: segment.config.json's
  "sample", else the bundled sample). --events joins experience events kept in their own file to the profiles
  (the event's <column> holds the profile's _id). --engine auto uses DuckDB for Parquet, two-file inputs and
  JSON over 64 MB, the in-process js engine otherwise (docs/sql.md).
  --segment       run only this segment (default: every segment of the file or folder)
  --data          the profiles; - reads JSON Lines from standard input (pipes such as <(cat x.jsonl) work too)
  --now           the instant "now": else the config's "now", else the dataset's declared now, else the clock
  --time-zone     IANA zone for calendar words such as "today" (default: the config's, else UTC)
  --format        text (default) or json
  --explain       also show, clause by clause, why this profile matched or not
  --skip-invalid  skip malformed records (counted) instead of stopping at the first one
  --memory-limit  DuckDB's memory limit, such as 2GB (default: the config's "memoryLimit", else ${MEMORY_LIMIT}; it spills above it)
  Exit 0: evaluated (even with no match); 1: the file has errors; 2: bad usage or unreadable data.`;

/** `segment run`: the same evaluator and input rules as "Run Against Sample Profiles" in the editor. */
export async function runCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, options: {
            segment: { type: 'string' }, data: { type: 'string' }, now: { type: 'string' }, 'time-zone': { type: 'string' },
            format: { type: 'string', default: 'text' }, explain: { type: 'string' }, 'skip-invalid': { type: 'boolean', default: false },
            engine: { type: 'string', default: 'auto' }, events: { type: 'string' }, 'events-key': { type: 'string' },
            'memory-limit': { type: 'string' },
        },
    });
    if (positionals.length !== 1) {
        throw new UsageError('segment run needs exactly one .segment file or folder.');
    }
    if (values.format !== 'text' && values.format !== 'json') {
        throw new UsageError(`--format: unknown format '${values.format}'; expected text or json.`);
    }
    const engine = values.engine as EngineChoice;
    if (engine !== 'auto' && engine !== 'js' && engine !== 'duckdb') {
        throw new UsageError(`--engine: unknown engine '${values.engine}'; expected auto, js or duckdb.`);
    }
    checkFlags(values.now, values['time-zone']);
    if (values['memory-limit'] !== undefined && !isMemorySize(values['memory-limit'])) {
        throw new UsageError(`--memory-limit: '${values['memory-limit']}' is not a size (such as 512MB or 2GB).`);
    }
    const { files, unreadable } = requestedSegmentFiles(positionals);
    if (unreadable > 0) {
        process.stderr.write('segment run: nothing run, some paths could not be read.\n');
        return 2;
    }
    const folders = positionals.filter(p => statSync(p).isDirectory());
    const { services, documents, configDiagnostics } = await loadWorkspace(files, { folders });
    const errors = collectDiagnostics(documents, configDiagnostics).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        process.stderr.write(`${errors.map(d => formatDiagnosticText(d, process.stderr)).join('\n')}\nsegment run: ${positionals[0]} has errors; fix them before running.\n`);
        return 1;
    }
    if (documents.every(d => d.parseResult.value.segments.length === 0)) {
        throw new InputError(`'${positionals[0]}' declares no segment: nothing to run (a segment is \`segment <id> { where: … }\`).`);
    }
    const document = documents[0];
    const segments = selectSegments(documents.flatMap(d => d.parseResult.value.segments), values.segment);
    const workspaceSegments = services.shared.workspace.LangiumDocuments.all
        .flatMap(d => AstUtils.streamAst(d.parseResult.value).filter(isSegmentDefinition)).toArray();
    const environment = createRunEnvironment(services);
    const config = await environment.projectConfig(document.uri);
    const request = { samplePath: values.data && path.resolve(values.data), now: values.now, timeZone: values['time-zone'] };
    let sample = { path: environment.bundledSamplePath, source: 'bundled' };
    let data: DatasetFile | undefined;
    try {
        // A config's sample outside the workspace is refused here (language/schema/segment-config-paths.ts); --data can name one.
        sample = resolveSample(request, config, environment.bundledSamplePath);
        data = await dataFile(values.data, sample);
        const eventsPath = values.events ? path.resolve(values.events) : configEvents(config);
        const eventsKey = values['events-key'] ?? config?.eventsKey;
        if (eventsPath && !eventsKey) {
            throw new UsageError('--events needs --events-key <column> (or "eventsKey" in segment.config.json): the event column holding the profile id.');
        }
        await runWithEngine({
            engine, segments, workspaceSegments, request, config, explain: values.explain, skipInvalid: values['skip-invalid'], memoryLimit: values['memory-limit'] ?? config?.memoryLimit,
            dataChecks: await environment.dataCheckFields?.(document.uri),
            data: { path: data.path, events: eventsPath ? { path: eventsPath, key: eventsKey! } : undefined },
            notice: message => process.stderr.write(`segment run: ${message}\n`),
        }, async (results, ids) => {
            if (data!.path !== sample.path) {
                // A pipe's temporary copy is named as the user gave it.
                results.forEach(r => { r.sample = values.data!; });
            }
            if (values.explain && results.every(r => !r.explanations?.length)) {
                throw new UsageError(`No profile with id '${values.explain}' in the dataset.`);
            }
            await writeRunOutput(results, ids, values.format as 'text' | 'json', process.stdout);
        });
    } catch (error) {
        // Data problems are the input's, not the usage's: one line, no usage text.
        const named = (message: string): string => (data && data.path !== sample.path ? message.split(data.path).join(values.data) : message);
        if (error instanceof DuckDbMemoryError) {
            throw new InputError(`${named(error.message)}\nRaise the limit with --memory-limit (such as --memory-limit 2GB) or "memoryLimit" in segment.config.json.`);
        }
        if (error instanceof RunInputError || error instanceof DatasetError) {
            throw new InputError(named(error.message));
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
            throw new InputError(`Cannot read the sample dataset ${(error as NodeJS.ErrnoException).path ?? sample.path} (${code}).`);
        }
        if (error instanceof Error && /^(IO|Invalid Input|Binder) Error/.test(error.message)) {
            throw new InputError(`Cannot read the data: ${named(error.message.split('\n')[0])}`);
        }
        throw error;
    } finally {
        data?.dispose();
    }
    return 0;
}

/**
 * The profiles to read: `-` and pipes become a temporary copy, folders (Parquet/JSON datasets for
 * DuckDB) are passed on, devices and other non-regular files are refused (see datasetFile).
 */
async function dataFile(given: string | undefined, sample: { path: string; source: string }): Promise<DatasetFile> {
    const origin = sample.source === 'setting' ? '--data' : sample.source === 'config' ? '"sample" in segment.config.json' : 'the bundled sample';
    if (given !== '-' && existsSync(sample.path) && statSync(sample.path).isDirectory()) {
        checkDataFolder(sample.path, origin);
        return { path: sample.path, dispose: () => undefined };
    }
    return datasetFile(given === '-' ? '-' : sample.path, origin);
}

/** --now and --time-zone are checked before anything is read, and a mistake names the flag. */
function checkFlags(now: string | undefined, timeZone: string | undefined): void {
    if (now !== undefined) {
        try {
            parseInstant(now, '--now');
        } catch {
            throw new UsageError(`--now: '${now}' is not an ISO-8601 instant (such as 2026-11-01T12:00:00Z).`);
        }
    }
    if (timeZone !== undefined) {
        try {
            new Intl.DateTimeFormat('en-US', { timeZone });
        } catch {
            throw new UsageError(`--time-zone: '${timeZone}' is not an IANA time zone (such as Europe/Paris or UTC).`);
        }
    }
}

function selectSegments(segments: SegmentDefinition[], id: string | undefined): SegmentDefinition[] {
    if (id === undefined) {
        return segments;
    }
    const found = segments.filter(s => s.name === id);
    if (found.length === 0) {
        throw new UsageError(`No segment '${id}' in the file; it declares ${segments.map(s => s.name).join(', ') || 'no segment'}.`);
    }
    return found;
}
