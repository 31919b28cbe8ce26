/**
 * The layer of per-profile event columns (sql-events.ts) after the data. Over one file they are list
 * functions over the row's `xEvent`. Over two files (profiles + events, one event per row) they are
 * aggregates of the events table grouped by the identity column — `count_if(c)`, `sum(x) FILTER
 * (WHERE c)`, `list(…) FILTER (WHERE c)` — joined to the profiles: a query reads only the event
 * columns it names, builds lists only of the events a condition keeps, and none at all for
 * `exists`/`count`/`sum`. When every column has a condition, the events are filtered before grouping
 * (grouping every event costs far more). A query that still reads the whole event list gets it as
 * `xEvent`. Lists built by aggregation follow the events table's order only as far as the engine keeps
 * it. The same layer prints in both dialects (`segment sql --dialect spark --events …`); its few
 * dialect-specific parts (lists and structs of rows) are entries of the dialect table.
 */
import type { SqlPrinter } from './sql-dialects.js';
import { positive, rename } from './sql-tokens.js';

/** Experience events in their own relation, one per row: the relation, its identity column (over `__e`), its columns. */
export interface EventsTable {
    relation: string;
    key: string;
    columns: readonly string[];
}

/** A per-profile column over the events passing `condition` (or all), or over their `value`s (both over `__e`). */
export interface EventColumn {
    name: string;
    kind: 'count' | 'list' | 'sum' | 'average' | 'min' | 'max' | 'pair' | 'chain';
    condition?: string;
    value?: string;
    /** `pair`: some event passing `condition` and another passing `pair.condition` pass `pair.joint` (over `__a`, `__b`; two files only). */
    pair?: { condition?: string; joint: string };
    /** `chain`: the steps of a chain over the events (two files only). */
    chain?: ChainColumnStep[];
}

/** A step of a chain column: the events it takes, their time (epoch ms), its COUNT (all over `__e`). */
export interface ChainColumnStep {
    condition: string;
    time: string;
    count: number;
}

interface LayerEnvironment {
    sql: SqlPrinter;
    alias: string;
    /** The row's event list as the compiler prints it. */
    root: string;
    table?: EventsTable;
}

const EVENT = '__e';
/** The two events of a pair column's join (sql-events.ts). */
export const PAIR = ['__a', '__b'] as const;

/** A relation the layer reads, computed before it (a pair column's join). */
export interface EventTable {
    name: string;
    body: string;
}

/** The layer computing `used` over layer `from` and the relations it reads, or undefined when none is needed. */
export function eventLayer(env: LayerEnvironment, used: readonly EventColumn[], from: string, later: string, profileId: string): { body: string; tables: EventTable[] } | undefined {
    const { sql, alias: p, table } = env;
    const whole = table !== undefined && later.includes(sql.field(p, 'xEvent'));
    if (used.length === 0 && !whole) {
        return undefined;
    }
    if (!table) {
        return { body: `SELECT ${p}.*, ${used.map(c => `${overList(env, c)} AS ${c.name}`).join(', ')} FROM ${from} ${p}`, tables: [] };
    }
    const element = eventElement(sql, table, later);
    const grouped = used.filter(c => c.kind !== 'pair' && c.kind !== 'chain');
    const aggregates = grouped.map(c => `${overTable(sql, c, element)} AS ${c.name}`);
    const names = grouped.map(c => c.name);
    if (whole) {
        aggregates.push(`${sql.collect(element, '')} AS ${sql.identifier('xEvent')}`);
        names.push(sql.identifier('xEvent'));
    }
    const joins: string[] = [];
    const columns: string[] = [];
    if (aggregates.length > 0) {
        const where = !whole && grouped.every(c => c.condition) ? ` WHERE ${grouped.map(c => `(${positive(c.condition!, sql.dialect)})`).join(' OR ')}` : '';
        const events = `(SELECT ${sql.text(`${EVENT}.${table.key}`)} AS __key, ${aggregates.join(', ')} FROM ${table.relation} ${EVENT}${where} GROUP BY 1)`;
        joins.push(` LEFT JOIN ${events} __ev ON ${sql.text(profileId)} = __ev.__key`);
        columns.push(...names.map(n => `__ev.${n}`));
    }
    const tables: EventTable[] = [];
    for (const c of used.filter(u => u.kind === 'pair')) {
        tables.push({ name: c.name, body: pairs(sql, table, c) });
        joins.push(` LEFT JOIN ${c.name} ON ${sql.text(profileId)} = ${c.name}.__key`);
        columns.push(`${c.name}.__key IS NOT NULL AS ${c.name}`);
    }
    for (const c of used.filter(u => u.kind === 'chain')) {
        const steps = chainSteps(sql, table, c);
        const last = steps[steps.length - 1].name;
        tables.push(...steps);
        joins.push(` LEFT JOIN ${last} ON ${sql.text(profileId)} = ${last}.__key`);
        columns.push(`${last}.__key IS NOT NULL AS ${c.name}`);
    }
    return { body: `SELECT ${p}.*, ${columns.join(', ')} FROM ${from} ${p}${joins.join('')}`, tables };
}

/**
 * The greedy match of a chain (§2.14 [I], segment-chain.ts) as one table per step: the profiles that
 * reached step k with step k's time, the COUNT-th earliest of their events passing the step and later
 * than step k−1's time (a join with step k−1's table). Each holds at most one row per profile, and the
 * joins and aggregates spill, where per-profile lists of every step's times would not.
 */
function chainSteps(sql: SqlPrinter, table: EventsTable, c: EventColumn): EventTable[] {
    const key = sql.text(`${EVENT}.${table.key}`);
    return c.chain!.map((step, k) => {
        const previous = k > 0 ? `${c.name}_${k}` : undefined;
        const from = `${table.relation} ${EVENT}${previous ? ` JOIN ${previous} __s ON ${key} = __s.__key` : ''}`;
        const where = [positive(step.condition, sql.dialect), `(${step.time}) IS NOT NULL`, ...previous ? [`(${step.time}) > __s.__t`] : []].join(' AND ');
        const body = step.count === 1
            ? `SELECT ${key} AS __key, min(${step.time}) AS __t FROM ${from} WHERE ${where} GROUP BY 1`
            : `SELECT __key, __t FROM (SELECT ${key} AS __key, ${step.time} AS __t, row_number() OVER (PARTITION BY ${key} ORDER BY ${step.time}) AS __n `
                + `FROM ${from} WHERE ${where}) __w WHERE __n = ${step.count}`;
        return { name: `${c.name}_${k + 1}`, body };
    });
}

/**
 * The profiles with a pair of events passing a pair column: a join of the events table with itself on
 * the identity column (DuckDB spills its hash table; per-profile lists of both sides would not fit).
 * A join, not a correlated `EXISTS`: DuckDB cannot bind an outer column inside a lambda of a subquery.
 */
function pairs(sql: SqlPrinter, table: EventsTable, c: EventColumn): string {
    const [a, b] = PAIR;
    const side = (condition: string | undefined, alias: string): string =>
        `(SELECT * FROM ${table.relation} ${alias}${condition ? ` WHERE ${positive(rename(condition, EVENT, alias, sql.dialect), sql.dialect)}` : ''}) ${alias}`;
    const key = (alias: string): string => `${alias}.${table.key}`;
    return `SELECT DISTINCT ${sql.text(key(a))} AS __key FROM ${side(c.condition, a)} JOIN ${side(c.pair!.condition, b)} ON ${key(a)} = ${key(b)} WHERE ${positive(c.pair!.joint, sql.dialect)}`;
}

/** A column as list functions over the row's events. */
function overList(env: LayerEnvironment, c: EventColumn): string {
    const passing = c.condition ? env.sql.filter(env.root, EVENT, positive(c.condition, env.sql.dialect)) : env.root;
    const list = c.value !== undefined ? env.sql.transform(passing, EVENT, c.value) : passing;
    switch (c.kind) {
        case 'count': return `len(${list})`;
        case 'list': return list;
        case 'sum': return `list_sum(${list})`;
        case 'average': return `list_avg(${list})`;
        case 'min': return `list_min(${list})`;
        case 'max': return `list_max(${list})`;
        case 'pair': case 'chain': throw new Error(`a ${c.kind} column over one file`);
    }
}

/** A column as an aggregate of the events table. */
function overTable(sql: SqlPrinter, c: EventColumn, element: string): string {
    const condition = c.condition && positive(c.condition, sql.dialect);
    const filter = condition ? ` FILTER (WHERE ${condition})` : '';
    const value = c.value ?? element;
    switch (c.kind) {
        case 'count': return condition ? `count_if(${condition})` : 'count(*)';
        case 'list': return sql.collect(value, filter);
        case 'sum': return `sum(${value})${filter}`;
        case 'average': return `avg(${value})${filter}`;
        case 'min': return `min(${value})${filter}`;
        case 'max': return `max(${value})${filter}`;
        case 'pair': case 'chain': throw new Error(`a ${c.kind} column is a join, not an aggregate`);
    }
}

/**
 * An event row as the struct of the columns the query reads: those named as a field of an element
 * (`v3."eventType"`, `(…)[1]."timestamp"`, Spark's `try_element_at(…, 1).\`timestamp\``), so the scan
 * skips the others. All columns when none is.
 */
function eventElement(sql: SqlPrinter, table: EventsTable, later: string): string {
    const named = table.columns.filter(n => new RegExp(`(?:\\bv\\d+|${EVENT}|\\]|\\))\\.${escape(sql.identifier(n))}`).test(later));
    return named.length === 0 ? sql.row(EVENT) : sql.struct(...named.flatMap(n => [n, sql.field(EVENT, n)]));
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
