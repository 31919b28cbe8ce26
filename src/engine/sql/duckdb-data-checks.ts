/**
 * The DuckDB engine's data checks (segment-data-warnings.ts says what and why): one aggregate
 * query over the profiles, one sum per checked field that the data has, with the tests of the js
 * checks (segment-data-checks.ts) in SQL — a timestamp string is invalid when the engine's own
 * timestamp reading (`epochOfText`, as sql-time.ts applies it) gives NULL. A column whose values
 * mix JSON types is checked where it holds scalars (not inside its objects).
 */
import {
    compactWarnings, DUPLICATE_IDS_SHOWN, EARLY_TIMESTAMP_MS, fieldCounts,
    type DataCheckFields, type DataWarnings,
} from '../data/segment-data-warnings.js';
import { printer } from './sql-dialects.js';
import type { RowType, SqlType } from './sql-types.js';

const sql = printer('duckdb');
const ALIAS = 'p';
const NUMERIC_JSON = `('BIGINT', 'UBIGINT', 'DOUBLE')`;

type Check = 'unsafe' | 'early' | 'invalid';

/** A test of one scalar of a given type, or undefined when the check cannot apply to that type. */
function scalarTest(check: Check, value: string, type: SqlType): string | undefined {
    switch (type.kind) {
        case 'number':
            return check === 'unsafe' ? `abs(${sql.double(value)}) > ${Number.MAX_SAFE_INTEGER}`
                : check === 'early' ? `${sql.double(value)} < ${EARLY_TIMESTAMP_MS}` : undefined;
        case 'string':
            return check === 'invalid' ? invalidText(value) : undefined;
        case 'json': {
            const text = sql.jsonText(value);
            const kind = sql.jsonType(value);
            if (check === 'invalid') {
                return `(${kind} = 'VARCHAR' AND ${invalidText(text)})`;
            }
            const asNumber = scalarTest(check, sql.tryDouble(text), { kind: 'number' });
            return `(${kind} IN ${NUMERIC_JSON} AND ${asNumber})`;
        }
        default:
            return undefined;
    }
}

/** A (non-NULL) string the engine does not read as an instant: the guard and parse of sql-time.ts's `epochOf`. */
function invalidText(s: string): string {
    return `(${s} IS NOT NULL AND (${sql.when(`${sql.stringLength(s)} >= 10 AND ${sql.textAt(s, '5')} = '-'`, sql.epochOfText(s), 'NULL')}) IS NULL)`;
}

/** How many values at `keys` below `base` pass the check, per row; undefined when the data lacks the field. */
function countAt(base: string, type: SqlType, keys: readonly string[], check: Check, depth: number): string | undefined {
    if (type.kind === 'list') {
        const v = `__dc${depth}`;
        const inner = countAt(v, type.of, keys, check, depth + 1);
        return inner && sql.sum(sql.transform(base, v, inner));
    }
    if (keys.length === 0) {
        const test = scalarTest(check, base, type);
        return test && `CASE WHEN ${test} THEN 1 ELSE 0 END`;
    }
    if (type.kind !== 'struct') {
        return undefined;
    }
    const field = type.fields.get(keys[0]);
    return field && countAt(sql.field(base, keys[0]), field, keys.slice(1), check, depth);
}

interface Column {
    check: Check;
    path: string;
    sql: string;
}

function columnsOf(row: RowType, fields: DataCheckFields): Column[] {
    const wanted: Array<[Check, string]> = [
        ...fields.numbers.map(p => ['unsafe', p] as [Check, string]),
        ...fields.timestamps.flatMap(p => [['early', p], ['invalid', p]] as Array<[Check, string]>),
    ];
    return wanted.flatMap(([check, path]) => {
        const count = countAt(ALIAS, row, path.split('.'), check, 0);
        return count ? [{ check, path, sql: count }] : [];
    });
}

/** The id as the SQL engine reads it (sql-query.ts `idOf`): a string, or a number as text; else none. */
function idOf(row: RowType): string | undefined {
    const kind = row.fields.get('_id')?.kind;
    return kind === 'string' || kind === 'number' ? sql.text(sql.field(ALIAS, '_id')) : undefined;
}

/**
 * What the checks read. Over two files (profiles + events), `events` is the events table, one event a
 * row: the checks of `xEvent.…` fields read it directly, not the events gathered into a list per
 * profile (`source`'s `xEvent`), which DuckDB cannot spill (1 M profiles ran out of 1GB).
 */
export interface CheckedData {
    /** The profiles, with their events as the list `xEvent` unless `events` is given. */
    source: string;
    row: RowType;
    events?: { relation: string; row: RowType };
}

const EVENTS = 'xEvent.';

/** The checks' queries (the profiles', then the events table's when there is one) and the reading of their rows. */
export function dataChecksQuery(data: CheckedData, fields: DataCheckFields): { texts: string[]; read: (rows: ReadonlyArray<readonly unknown[]>) => { warnings: DataWarnings; repeats: number } } {
    // The fields of the events (`xEvent.` dropped) and the profile's own, when the events are a table of their own.
    const under = (events: boolean): DataCheckFields => {
        const pick = (paths: readonly string[]) => paths.filter(p => p.startsWith(EVENTS) === events).map(p => (events ? p.slice(EVENTS.length) : p));
        return { numbers: pick(fields.numbers), timestamps: pick(fields.timestamps) };
    };
    const sums = (of: readonly Column[]) => of.map(c => `coalesce(sum(${c.sql}), 0)`);
    const columns = columnsOf(data.row, data.events ? under(false) : fields);
    const id = idOf(data.row);
    const repeats = id ? `count(${id}) - count(DISTINCT ${id})` : '0';
    const texts = [`SELECT ${[repeats, ...sums(columns)].join(', ')} FROM ${data.source} ${ALIAS}`];
    const eventColumns = data.events ? columnsOf(data.events.row, under(true)).map(c => ({ ...c, path: EVENTS + c.path })) : [];
    if (eventColumns.length > 0) {
        texts.push(`SELECT ${sums(eventColumns).join(', ')} FROM ${data.events!.relation} ${ALIAS}`);
    }
    const read = (rows: ReadonlyArray<readonly unknown[]>): { warnings: DataWarnings; repeats: number } => {
        const counts: Record<Check, Map<string, number>> = { unsafe: new Map(), early: new Map(), invalid: new Map() };
        columns.forEach((c, i) => counts[c.check].set(c.path, Number(rows[0][i + 1])));
        eventColumns.forEach((c, i) => counts[c.check].set(c.path, Number(rows[1][i])));
        return {
            repeats: Number(rows[0][0]),
            warnings: {
                unsafeIntegers: fieldCounts(fields.numbers, counts.unsafe),
                earlyTimestamps: fieldCounts(fields.timestamps, counts.early),
                invalidTimestamps: fieldCounts(fields.timestamps, counts.invalid),
            },
        };
    };
    return { texts, read };
}

/** The first repeated ids, in the order of their first profile (run only when some id repeats). */
export function duplicateIdsQuery(source: string, row: RowType): string {
    const position = row.fields.has('__order') ? `${ALIAS}.__order` : sql.rowNumber();
    return `SELECT id FROM (SELECT ${idOf(row)} AS id, ${position} AS pos FROM ${source} ${ALIAS}) WHERE id IS NOT NULL
GROUP BY id HAVING count(*) > 1 ORDER BY min(pos) LIMIT ${DUPLICATE_IDS_SHOWN}`;
}

/** Runs the checks with `query` (the dataset's connection). */
export async function runDataChecks(query: (text: string) => Promise<unknown[][]>, data: CheckedData, fields: DataCheckFields): Promise<DataWarnings | undefined> {
    const checks = dataChecksQuery(data, fields);
    const rows: unknown[][] = [];
    for (const text of checks.texts) {
        rows.push((await query(text))[0]);
    }
    const { warnings, repeats } = checks.read(rows);
    if (repeats > 0) {
        const first = (await query(duplicateIdsQuery(data.source, data.row))).map(r => String(r[0]));
        warnings.duplicateIds = { count: repeats, first };
    }
    return compactWarnings(warnings);
}
