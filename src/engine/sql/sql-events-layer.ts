/**
 * The layer of per-profile event columns (sql-events.ts) after the data. Over one file they are list
 * functions over the row's `xEvent`. Over two files (profiles + events, one event per row) they are
 * aggregates of the events table grouped by the identity column — `count_if(c)`, `sum(x) FILTER
 * (WHERE c)`, `list(…) FILTER (WHERE c)` — joined to the profiles: a query reads only the event
 * columns it names, builds lists only of the events a condition keeps, and none at all for
 * `exists`/`count`/`sum`. When every column has a condition, the events are filtered before grouping
 * (grouping every event costs far more). A query that still reads the whole event list gets it as
 * `xEvent`. Lists built by aggregation follow the events table's order only as far as DuckDB keeps it.
 */
import type { SqlPrinter } from './sql-dialects.js';
import { positive } from './sql-tokens.js';

/** Experience events in their own relation, one per row: the relation, its identity column (over `__e`), its columns. */
export interface EventsTable {
    relation: string;
    key: string;
    columns: readonly string[];
}

/** A per-profile column over the events passing `condition` (or all), or over their `value`s (both over `__e`). */
export interface EventColumn {
    name: string;
    kind: 'count' | 'list' | 'sum' | 'average' | 'min' | 'max';
    condition?: string;
    value?: string;
}

interface LayerEnvironment {
    sql: SqlPrinter;
    alias: string;
    /** The row's event list as the compiler prints it. */
    root: string;
    table?: EventsTable;
}

const EVENT = '__e';

/** The layer computing `used` over layer `from`, or undefined when none is needed. */
export function eventLayer(env: LayerEnvironment, used: readonly EventColumn[], from: string, later: string, profileId: string): string | undefined {
    const { sql, alias: p, table } = env;
    const whole = table !== undefined && later.includes(sql.field(p, 'xEvent'));
    if (used.length === 0 && !whole) {
        return undefined;
    }
    if (!table) {
        return `SELECT ${p}.*, ${used.map(c => `${overList(env, c)} AS ${c.name}`).join(', ')} FROM ${from} ${p}`;
    }
    const element = eventElement(sql, table, later);
    const aggregates = used.map(c => `${overTable(c, element)} AS ${c.name}`);
    if (whole) {
        aggregates.push(`list(${element}) AS ${sql.identifier('xEvent')}`);
    }
    const where = !whole && used.every(c => c.condition) ? ` WHERE ${used.map(c => `(${positive(c.condition!)})`).join(' OR ')}` : '';
    const events = `(SELECT ${sql.text(`${EVENT}.${table.key}`)} AS __key, ${aggregates.join(', ')} FROM ${table.relation} ${EVENT}${where} GROUP BY 1)`;
    return `SELECT ${p}.*, __ev.* EXCLUDE (__key) FROM ${from} ${p} LEFT JOIN ${events} __ev ON ${sql.text(profileId)} = __ev.__key`;
}

/** A column as list functions over the row's events. */
function overList(env: LayerEnvironment, c: EventColumn): string {
    const passing = c.condition ? env.sql.filter(env.root, EVENT, positive(c.condition)) : env.root;
    const list = c.value !== undefined ? env.sql.transform(passing, EVENT, c.value) : passing;
    switch (c.kind) {
        case 'count': return `len(${list})`;
        case 'list': return list;
        case 'sum': return `list_sum(${list})`;
        case 'average': return `list_avg(${list})`;
        case 'min': return `list_min(${list})`;
        case 'max': return `list_max(${list})`;
    }
}

/** A column as an aggregate of the events table. */
function overTable(c: EventColumn, element: string): string {
    const condition = c.condition && positive(c.condition);
    const filter = condition ? ` FILTER (WHERE ${condition})` : '';
    const value = c.value ?? element;
    switch (c.kind) {
        case 'count': return condition ? `count_if(${condition})` : 'count(*)';
        case 'list': return `list(${value})${filter}`;
        case 'sum': return `sum(${value})${filter}`;
        case 'average': return `avg(${value})${filter}`;
        case 'min': return `min(${value})${filter}`;
        case 'max': return `max(${value})${filter}`;
    }
}

/**
 * An event row as the struct of the columns the query reads: those named as a field of an element
 * (`v3."eventType"`, `(…)[1]."timestamp"`), so the scan skips the others. All columns when none is.
 */
function eventElement(sql: SqlPrinter, table: EventsTable, later: string): string {
    const named = table.columns.filter(n => new RegExp(`(?:\\bv\\d+|${EVENT}|\\])\\.${escape(sql.identifier(n))}`).test(later));
    return named.length === 0 ? EVENT : `struct_pack(${named.map(n => `${sql.identifier(n)} := ${sql.field(EVENT, n)}`).join(', ')})`;
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
