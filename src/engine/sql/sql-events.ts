/**
 * Per-profile work on the events, computed once per profile and shared by every clause and segment
 * of a DuckDB query (bench/README.md "Data scale": each list function used to traverse the events
 * again, a `select` nested in another's condition once per outer event, the same filter once per
 * clause). The compiler's printer is wrapped: a list function over the profile's events (`xEvent`)
 * whose condition or value reads only the event (it is *closed*) becomes a column of one layer right
 * after the data (sql-events-layer.ts), deduplicated by its text:
 * - `exists` / `forall` / `count` → the number of events passing a condition;
 * - `filter`, `transform` → the list of passing events or of their values (what chains iterate);
 * - `sum` / `average` / `min` / `max` of such values → the aggregate itself.
 * A condition that also reads the profile or an outer variable is split into its `AND` operands:
 * those not reading the event move out of the lambda (computed once per profile), those reading
 * only the event narrow the list, and only the rest stays per event. Spark queries use these columns
 * only over an events table (`segment sql --events`), where a profile has no event list to read.
 */
import type { SqlPrinter } from './sql-dialects.js';
import type { ChainStep } from './sql-compiler.js';
import { eventLayer, PAIR, type ChainColumnStep, type EventColumn, type EventsTable } from './sql-events-layer.js';
import { conjuncts, freeNames, rename } from './sql-tokens.js';

export type { EventsTable } from './sql-events-layer.js';

/** The name of an event inside a column's condition: the lambda parameter, or the events table's alias. */
export const EVENT = '__e';

/** A list the printer recognises: the events passing `condition`, or their `value`s (both over `__e`). */
interface Source {
    condition?: string;
    value?: string;
    /** A pair column: the second event's condition and the condition on both (over `PAIR`). */
    pair?: { condition?: string; joint: string };
    /** A chain column: its steps (over `__e`). */
    chain?: ChainColumnStep[];
}



type Aggregate = 'sum' | 'average' | 'min' | 'max';

/** Column names by kind: `__l3` a list, `__p3` a pair, `__c3` a chain, `__n3` a number. */
const PREFIX: Partial<Record<EventColumn['kind'], string>> = { list: 'l', pair: 'p', chain: 'c' };

export class EventColumns {
    private readonly columns = new Map<string, EventColumn>();
    private readonly sources = new Map<string, Source>();
    /** The `exists` texts whose condition reads an outer variable, with their parts (for `pair`). */
    private readonly inner = new Map<string, { source: Source; v: string; joint: string }>();

    /**
     * @param root the profile's events as the compiler prints them (`coalesce(p."xEvent", [])`)
     * @param table the events' own relation (two files), or undefined when they are a list in the row
     */
    constructor(private readonly base: SqlPrinter, private readonly alias: string, private readonly root: string, private readonly table?: EventsTable) {
        this.sources.set(root, {});
    }

    /** The printer the compiler uses: list functions over the events go through the columns. */
    printer(): SqlPrinter {
        const aggregate = (kind: Aggregate) => (l: string): string => {
            const source = this.sources.get(l);
            return source?.value !== undefined ? this.column(kind, source) : this.base[kind](l);
        };
        return {
            ...this.base,
            exists: (l, v, p) => this.exists(l, v, p) ?? this.base.exists(l, v, p),
            forall: (l, v, p) => this.forall(l, v, p) ?? this.base.forall(l, v, p),
            filter: (l, v, p) => this.filter(l, v, p) ?? this.base.filter(l, v, p),
            transform: (l, v, e) => this.transform(l, v, e) ?? this.base.transform(l, v, e),
            // The event lists are never NULL.
            whenPresent: (l, x) => (this.sources.has(l) ? x : this.base.whenPresent(l, x)),
            length: l => (this.sources.has(l) ? this.column('count', this.sources.get(l)!) : this.base.length(l)),
            sum: aggregate('sum'),
            average: aggregate('average'),
            min: aggregate('min'),
            max: aggregate('max'),
        };
    }

    /** The layer computing the columns that `later` (the text of the rest of the query) reads, over layer `from`. */
    layer(from: string, later: string, profileId: string): ReturnType<typeof eventLayer> {
        const used = [...this.columns.values()].filter(c => later.includes(this.base.field(this.alias, c.name)));
        return eventLayer({ sql: this.base, alias: this.alias, root: this.root, table: this.table }, used, from, later, profileId);
    }

    private column(kind: EventColumn['kind'], source: Source): string {
        const key = `${kind}\n${source.condition ?? ''}\n${source.value ?? ''}\n${JSON.stringify([source.pair, source.chain])}`;
        let column = this.columns.get(key);
        if (!column) {
            column = { name: `__${PREFIX[kind] ?? 'n'}${this.columns.size}`, kind, ...source };
            this.columns.set(key, column);
        }
        const ref = this.base.field(this.alias, column.name);
        switch (kind) {
            case 'count': case 'sum': return `coalesce(${ref}, 0)`;
            case 'pair': case 'chain': return `coalesce(${ref}, false)`;
            case 'list': {
                const list = `coalesce(${ref}, ${this.base.emptyList()})`;
                this.sources.set(list, source);
                return list;
            }
            default: return ref;
        }
    }

    /** A predicate's `AND` operands: reading only the element `v`, not reading it, or reading it and the profile or an outer variable. */
    private split(p: string, v: string): { own: string[]; outer: string[]; mixed: string[] } {
        const parts = { own: [] as string[], outer: [] as string[], mixed: [] as string[] };
        for (const part of conjuncts(p, this.base.dialect)) {
            const free = freeNames(part, this.alias, this.base.dialect);
            const reads = free.params.delete(v);
            const others = free.row || free.params.size > 0;
            (reads ? (others ? parts.mixed : parts.own) : parts.outer).push(part);
        }
        return parts;
    }

    /** Reads only the element `v` (and constants). */
    private closed(p: string, v: string): boolean {
        const free = freeNames(p, this.alias, this.base.dialect);
        free.params.delete(v);
        return !free.row && free.params.size === 0;
    }

    private rename(sql: string, from: string, to: string): string {
        return rename(sql, from, to, this.base.dialect);
    }

    /** `e` (over the element `v` of source `l`) over `__e`. */
    private over(l: string, v: string, e: string): string {
        const value = this.sources.get(l)!.value;
        return this.rename(e, v, value === undefined ? EVENT : `(${value})`);
    }

    /** Source `l` narrowed by the element-only operands. */
    private narrowed(l: string, v: string, own: string[]): Source {
        const source = this.sources.get(l)!;
        const all = [source.condition, ...own.map(o => this.over(l, v, o))].filter((c): c is string => c !== undefined);
        return { condition: all.length === 0 ? undefined : all.map(c => `(${c})`).join(' AND '), value: source.value };
    }

    private exists(l: string, v: string, p: string): string | undefined {
        if (!this.sources.has(l)) {
            return undefined;
        }
        const { own, outer, mixed } = this.split(p, v);
        let core = mixed.length === 0 ? `(${this.column('count', this.narrowed(l, v, own))} > 0)` : this.pair(this.narrowed(l, v, own), v, mixed);
        if (core === undefined) {
            core = this.base.exists(own.length > 0 ? this.column('list', this.narrowed(l, v, own)) : l, v, mixed.join(' AND '));
            if (this.table) {
                this.inner.set(core, { source: this.narrowed(l, v, own), v, joint: mixed.join(' AND ') });
            }
        }
        return outer.length === 0 ? core : `(${[...outer, core].join(' AND ')})`;
    }

    /**
     * Over two files, `exists A from xEvent where …, B from xEvent where … (reads A)`: whether a pair
     * of one profile's events passes, as a join of the events table with itself on the identity
     * column (sql-events-layer.ts). The lists of both variables' events per profile, which the nested
     * list functions need, do not fit in memory for millions of profiles (bench/README.md); a join spills.
     * `mixed` must be exactly such an inner `exists` over the raw events reading only the two events.
     */
    private pair(outer: Source, v: string, mixed: string[]): string | undefined {
        const inner = mixed.length === 1 ? this.inner.get(mixed[0]) : undefined;
        if (!inner || outer.value !== undefined || inner.source.value !== undefined) {
            return undefined;
        }
        const free = freeNames(inner.joint, this.alias, this.base.dialect);
        free.params.delete(v);
        free.params.delete(inner.v);
        if (free.row || free.params.size > 0) {
            return undefined;
        }
        const joint = this.rename(this.rename(inner.joint, v, PAIR[0]), inner.v, PAIR[1]);
        return this.column('pair', { condition: outer.condition, pair: { condition: inner.source.condition, joint } });
    }

    /**
     * Over two files, a chain over the events (or a filtered list of them) whose steps read only the
     * event: one table per step with at most one time per profile (sql-events-layer.ts `chainSteps`).
     * The per-profile lists of every step's times, which the list form sorts and filters, do not fit
     * in memory for millions of profiles (bench/README.md); the steps' joins and aggregates spill.
     */
    chain(l: string, steps: readonly ChainStep[]): string | undefined {
        const source = this.sources.get(l);
        if (!this.table || !source || source.value !== undefined || !steps.every(s => this.closed(s.condition, s.v) && this.closed(s.time, s.v))) {
            return undefined;
        }
        const chain = steps.map(s => ({
            condition: [source.condition, this.over(l, s.v, s.condition)].filter(c => c !== undefined).map(c => `(${c})`).join(' AND '),
            time: this.over(l, s.v, s.time),
            count: s.count,
        }));
        return this.column('chain', { chain });
    }

    private forall(l: string, v: string, p: string): string | undefined {
        if (!this.sources.has(l) || !this.closed(p, v)) {
            return undefined;
        }
        return `(${this.column('count', this.narrowed(l, v, [`NOT (${p})`]))} = 0)`;
    }

    private filter(l: string, v: string, p: string): string | undefined {
        if (!this.sources.has(l)) {
            return undefined;
        }
        const { own, outer, mixed } = this.split(p, v);
        if (own.length === 0) {
            return undefined;
        }
        const list = this.column('list', this.narrowed(l, v, own));
        const rest = [...outer, ...mixed];
        return rest.length === 0 ? list : this.base.filter(list, v, rest.join(' AND '));
    }

    private transform(l: string, v: string, e: string): string | undefined {
        if (!this.sources.has(l) || !this.closed(e, v)) {
            return undefined;
        }
        return this.column('list', { condition: this.sources.get(l)!.condition, value: this.over(l, v, e) });
    }
}
