import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AstUtils } from 'langium';
import { DatasetError } from '../engine/segment-engine.js';
import { explainLines } from '../engine/segment-explain-text.js';
import { isSegmentDefinition, type SegmentDefinition } from '../language/generated/ast.js';
import { createRunEnvironment } from '../language/lsp/segment-run-environment.js';
import { resolveSample, RunInputError } from '../engine/segment-run-inputs.js';
import { collectDiagnostics, collectSegmentFiles, formatDiagnosticText, loadWorkspace, UsageError } from './segment-cli-workspace.js';
import { runWithEngine, type CliRunResult, type EngineChoice } from './segment-run-engines.js';

export const RUN_USAGE = `segment run <file.segment|folder> [--segment <id>] [--data <profiles.jsonl|.json|.parquet|folder>]
            [--events <events file> --events-key <column>] [--engine auto|js|duckdb] [--now <ISO-8601>]
            [--time-zone <IANA zone>] [--format text|json] [--explain <profile id>] [--skip-invalid]
  Evaluates every segment of the file (or folder) in one pass over the profiles (default: segment.config.json's
  "sample", else the bundled sample). --events joins experience events kept in their own file to the profiles
  (the event's <column> holds the profile's _id). --engine auto uses DuckDB for Parquet, two-file inputs and
  JSON over 64 MB, the in-process js engine otherwise (docs/sql.md).
  "now": --now, else the config's "now", else the dataset's declared now, else the clock.
  Exit 0: evaluated (even with no match); 1: the file has errors; 2: bad usage or unreadable data.`;

/** `segment run`: the same evaluator and input rules as "Run Against Sample Profiles" in the editor. */
export async function runCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, options: {
            segment: { type: 'string' }, data: { type: 'string' }, now: { type: 'string' }, 'time-zone': { type: 'string' },
            format: { type: 'string', default: 'text' }, explain: { type: 'string' }, 'skip-invalid': { type: 'boolean', default: false },
            engine: { type: 'string', default: 'auto' }, events: { type: 'string' }, 'events-key': { type: 'string' },
        },
    });
    if (positionals.length !== 1) {
        throw new UsageError('segment run needs exactly one .segment file or folder.');
    }
    if (values.format !== 'text' && values.format !== 'json') {
        throw new UsageError(`Unknown format '${values.format}': expected text or json.`);
    }
    const engine = values.engine as EngineChoice;
    if (engine !== 'auto' && engine !== 'js' && engine !== 'duckdb') {
        throw new UsageError(`Unknown engine '${values.engine}': expected auto, js or duckdb.`);
    }
    const files = collectSegmentFiles(positionals);
    if (files.length === 0) {
        throw new UsageError(`No .segment file in ${positionals[0]}.`);
    }
    const { services, documents } = await loadWorkspace(files);
    const errors = collectDiagnostics(documents).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        process.stderr.write(`${errors.map(formatDiagnosticText).join('\n')}\nsegment run: ${positionals[0]} has errors; fix them before running.\n`);
        return 1;
    }
    const document = documents[0];
    const segments = selectSegments(documents.flatMap(d => d.parseResult.value.segments), values.segment);
    const workspaceSegments = services.shared.workspace.LangiumDocuments.all
        .flatMap(d => AstUtils.streamAst(d.parseResult.value).filter(isSegmentDefinition)).toArray();
    const environment = createRunEnvironment(services);
    const config = await environment.projectConfig(document.uri);
    const request = { samplePath: values.data && path.resolve(values.data), now: values.now, timeZone: values['time-zone'] };
    let results: CliRunResult[];
    try {
        const sample = resolveSample(request, config, environment.bundledSamplePath);
        const eventsPath = values.events ? path.resolve(values.events) : config?.events;
        const eventsKey = values['events-key'] ?? config?.eventsKey;
        if (eventsPath && !eventsKey) {
            throw new UsageError('--events needs --events-key <column> (or "eventsKey" in segment.config.json): the event column holding the profile id.');
        }
        results = await runWithEngine({
            engine, segments, workspaceSegments, request, config, explain: values.explain, skipInvalid: values['skip-invalid'],
            data: { path: sample.path, events: eventsPath ? { path: eventsPath, key: eventsKey! } : undefined },
            notice: message => process.stderr.write(`segment run: ${message}\n`),
        });
    } catch (error) {
        if (error instanceof RunInputError || error instanceof DatasetError) {
            throw new UsageError(error.message);
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
            throw new UsageError(`Cannot read the sample dataset ${(error as NodeJS.ErrnoException).path} (${code}).`);
        }
        if (error instanceof Error && /^(IO|Invalid Input|Binder) Error/.test(error.message)) {
            throw new UsageError(`Cannot read the data: ${error.message.split('\n')[0]}`);
        }
        throw error;
    }
    if (values.explain && results.every(r => !r.explanations?.length)) {
        throw new UsageError(`No profile with id '${values.explain}' in the dataset.`);
    }
    process.stdout.write(values.format === 'json' ? JSON.stringify(results.length === 1 ? results[0] : results, undefined, 2) + '\n' : results.map(formatText).join('\n'));
    return 0;
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

function formatText(result: CliRunResult): string {
    const percent = result.total === 0 ? 0 : (100 * result.matched) / result.total;
    const lines = [
        `${result.segment}: ${result.matched} of ${result.total} profiles matched (${percent.toFixed(1)} %)`,
        `  now ${result.now}${result.timeZone && result.timeZone !== 'UTC' ? ` (${result.timeZone})` : ''}, data ${result.sample}${result.skipped ? `, ${result.skipped} invalid record(s) skipped` : ''}, engine ${result.engine}`,
        ...result.clauses.map(c => `  ${String(c.matched).padStart(6)}  ${'  '.repeat(c.path.split('.').length - 1)}${c.text}`),
        `  ids: ${result.ids.slice(0, 20).join(', ')}${result.ids.length > 20 ? `, … (${result.ids.length - 20} more)` : ''}`,
        ...(result.warnings ?? []).map(w => `  warning: ${w}`),
    ];
    for (const explanation of result.explanations ?? []) {
        lines.push(`  why ${explanation.id} ${explanation.matched ? 'matched' : 'did not match'}:`, ...explainLines(explanation.tree, 2));
    }
    return lines.join('\n') + '\n';
}
