import { parseArgs } from 'node:util';
import { AstUtils } from 'langium';
import { isSegmentDefinition } from '../../language/generated/ast.js';
import { createRunEnvironment } from '../../language/evaluation/segment-run-environment.js';
import { configEvents, resolveRunClock, RunInputError } from '../../engine/data/segment-run-inputs.js';
import { EngineUnavailableError } from '../../engine/sql/duckdb-engine.js';
import type { Dialect } from '../../engine/sql/sql-dialects.js';
import { printSegmentQuery } from '../../engine/sql/sql-print.js';
import { rowTypeFromSchema } from '../../engine/sql/sql-types.js';
import { SqlTranslationError } from '../../engine/sql/sql-values.js';
import { requestedSegmentFiles } from '../segment-cli-files.js';
import { InputError } from '../segment-cli-usage-error.js';
import { sqlSources } from './segment-sql-sources.js';
import { collectDiagnostics, formatDiagnosticText, loadWorkspace, UsageError } from '../segment-cli-workspace.js';

export const SQL_USAGE = `segment sql <file.segment> [--segment <id>] [--dialect duckdb|spark] [--table <name>] [--data <file>]
            [--events <file|table> --events-key <column>] [--events-table <name>] [--now <ISO-8601>] [--time-zone <IANA zone>]
  Prints the SQL query that selects the segment's profiles (all segments of the file: one column each).
  Column types come from the project's XDM schema, or from --data when given. "now" is pinned in the query.
  --table         the profiles table (default profiles; a dotted name is qualified: db.profiles)
  --events        experience events in their own relation, one per row, joined on --events-key (the event column
                  holding the profile's _id; config: "events", "eventsKey"): a file with --data, else the table's name
  --events-table  the events table's name when the events are a file but the query reads tables (Spark with
                  --data, or the config's "events" without --data; default events)
  With --data, the DuckDB query reads the files; the Spark query reads the tables --table and --events-table.
  Exit 0: printed; 1: the file has errors; 2: bad usage or a construct without SQL translation (docs/sql.md).`;

/** `segment sql`: the query for Spark SQL 3.x (Databricks, AEP Query Service) or DuckDB. */
export async function sqlCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, options: {
            segment: { type: 'string' }, dialect: { type: 'string', default: 'duckdb' }, table: { type: 'string', default: 'profiles' },
            data: { type: 'string' }, now: { type: 'string' }, 'time-zone': { type: 'string' },
            events: { type: 'string' }, 'events-key': { type: 'string' }, 'events-table': { type: 'string' },
        },
    });
    const dialect = values.dialect as Dialect;
    if (dialect !== 'duckdb' && dialect !== 'spark') {
        throw new UsageError(`Unknown dialect '${values.dialect}': expected duckdb or spark.`);
    }
    if (positionals.length !== 1) {
        throw new UsageError('segment sql needs exactly one .segment file.');
    }
    const { files } = requestedSegmentFiles(positionals);
    if (files.length !== 1) {
        throw new InputError(`'${positionals[0]}' is not one readable .segment file.`);
    }
    const { services, documents: [document], configDiagnostics } = await loadWorkspace(files);
    const errors = collectDiagnostics([document], configDiagnostics).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        process.stderr.write(`${errors.map(d => formatDiagnosticText(d, process.stderr)).join('\n')}\nsegment sql: ${positionals[0]} has errors; fix them first.\n`);
        return 1;
    }
    const all = document.parseResult.value.segments;
    const segments = values.segment ? all.filter(s => s.name === values.segment) : all;
    if (segments.length === 0) {
        throw new UsageError(`No segment '${values.segment}' in the file; it declares ${all.map(s => s.name).join(', ') || 'no segment'}.`);
    }
    const workspaceSegments = services.shared.workspace.LangiumDocuments.all
        .flatMap(d => AstUtils.streamAst(d.parseResult.value).filter(isSegmentDefinition)).toArray();
    const config = await createRunEnvironment(services).projectConfig(document.uri);
    const request = { now: values.now, timeZone: values['time-zone'] };
    try {
        const { declared, ...relations } = await sqlSources({
            dialect, table: values.table!, data: values.data, events: values.events, eventsKey: values['events-key'], eventsTable: values['events-table'],
            config: { events: configEvents(config), eventsKey: config?.eventsKey },
        }, async () => {
            const schemas = await services.schema.SchemaProvider.load(document.uri);
            return rowTypeFromSchema(schemas.profile.root, schemas.event.root);
        });
        const { now, timeZone } = resolveRunClock(request, config, declared, () => new Date());
        process.stdout.write(printSegmentQuery(segments, {
            dialect, now: now.getTime(), timeZone: timeZone === 'UTC' ? undefined : timeZone, ...relations, workspaceSegments,
        }));
        return 0;
    } catch (error) {
        if (error instanceof SqlTranslationError || error instanceof EngineUnavailableError || error instanceof RunInputError) {
            throw new UsageError(error.message);
        }
        if (error instanceof Error && /^(IO|Invalid Input|Binder) Error/.test(error.message)) {
            throw new InputError(`Cannot read the data: ${error.message.split('\n')[0]}`);
        }
        throw error;
    }
}
