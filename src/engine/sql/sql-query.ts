/**
 * Builds the query that evaluates several segments in one scan of the data. Segments referenced by
 * `inSegment` are materialized first, one layer of columns per dependency level (a segment's
 * membership is a column `__seg_<id>` that later layers read), so each is computed once per profile.
 * Each requested segment contributes one 0/1 column per clause of its condition (`$` first), with
 * the same clause paths as the js evaluator's counts (segment-explain.ts).
 */
import { AstUtils } from 'langium';
import type { SegmentDefinition } from '../../language/generated/ast.js';
import * as ast from '../../language/generated/ast.js';
import type { ClauseInfo } from '../explain/segment-explain.js';
import { flatten, sourceRange, sourceText, withRange } from '../explain/segment-explain.js';
import { createZone } from '../time/segment-time.js';
import { SqlCompiler } from './sql-compiler.js';
import { DialectGap, printer, type Dialect } from './sql-dialects.js';
import { EventColumns, type EventsTable } from './sql-events.js';
import type { RowType } from './sql-types.js';
import { SqlTranslationError, type SqlScope } from './sql-values.js';
import { segmentAepId, segmentCondition } from '../../language/segment-properties.js';

export interface QueryOptions {
    dialect: Dialect;
    now: number;
    timeZone?: string;
    row: RowType;
    /** The relation holding one profile per row (a table name, or `read_parquet(…)`). */
    source: string;
    /** The source has the profiles' 1-based positions in the data as a column `__pos` (else they are numbered here). */
    positioned?: boolean;
    /** The experience events in their own relation, one per row (two files or tables): `source` then has no `xEvent`. */
    events?: EventsTable;
    /** Per-clause columns (default true); false gives only each segment's whole condition. */
    clauses?: boolean;
    /** Every segment of the workspace: `inSegment` targets by reference or by `aepId`. */
    workspaceSegments?: Iterable<SegmentDefinition>;
}

/** A clause column of the query. */
export interface ClauseColumn extends ClauseInfo {
    column: string;
}

export interface SegmentColumns {
    segment: string;
    clauses: ClauseColumn[];
}

export interface SegmentQuery {
    /**
     * Relations the layers read, computed first (a join of the events with themselves: sql-events.ts
     * `pair`). The DuckDB run materializes them before the layers, so their memory is free again when
     * the layers aggregate the events; `segment sql` prints them as the first `WITH` entries.
     */
    tables: Array<{ name: string; body: string }>;
    /** Layers of columns over the data, in order, ending in the relation `flags`. */
    layers: Array<{ name: string; body: string }>;
    /** Per requested segment, its clause columns in `flags` (`$` first). */
    segments: SegmentColumns[];
}

const ALIAS = 'p';

/** Compiles the segments into the layers of a query (see `runQuery` and `printQuery` for the final SELECT). */
export function buildSegmentQuery(segments: readonly SegmentDefinition[], options: QueryOptions): SegmentQuery {
    const sql = printer(options.dialect);
    const byAepId = new Map<string, SegmentDefinition>();
    for (const s of options.workspaceSegments ?? []) {
        const aepId = segmentAepId(s);
        if (aepId) {
            byAepId.set(aepId, s);
        }
    }
    const target = (node: ast.InSegmentExpression): SegmentDefinition | undefined => node.segment.ref ?? byAepId.get(node.segment.$refText.replace(/^"|"$/g, ''));
    const levels = dependencyLevels(segments, target);
    const column = (s: SegmentDefinition): string => sql.field(ALIAS, `__seg_${s.name}`);
    // Hoisted per-profile expressions (chain step times), deduplicated, by level.
    const hoisted = new Map<string, { column: string; level: number }>();
    const events = eventColumns(sql, options);
    const compilerFor = (): SqlCompiler => new SqlCompiler({
        sql: events?.printer() ?? sql, now: options.now, zone: createZone(options.timeZone), row: options.row, alias: ALIAS,
        localSegment: node => {
            const s = target(node);
            return s ? column(s) : undefined;
        },
        hoist: (expression, level) => {
            let found = hoisted.get(expression);
            if (!found) {
                found = { column: `__h${hoisted.size}`, level: level + 1 };
                hoisted.set(expression, found);
            }
            return { column: sql.field(ALIAS, found.column), level: found.level };
        },
        eventChain: options.events && events ? (list, steps) => events.chain(list, steps) : undefined,
    });
    const segmentColumns = levels.map(level => level.map(s => `${condition(compilerFor(), s)} AS ${sql.identifier(`__seg_${s.name}`)}`));
    const result: SegmentColumns[] = [];
    const columns: string[] = [];
    segments.forEach((segment, k) => {
        const compiler = compilerFor();
        const clauses: ClauseColumn[] = [];
        skeleton(compiler, segmentCondition(segment), compiler.rootScope(), '$', options.clauses !== false, (info, predicate) => {
            const name = `c${k}_${clauses.length}`;
            clauses.push({ ...info, column: name });
            columns.push(`${sql.when(predicate, '1', '0')} AS ${name}`);
        });
        result.push({ segment: segment.name, clauses });
    });
    // The layers after the data and the events' columns; their names are set once it is known whether the events need a layer.
    const later: string[][] = [];
    const byLevel: string[][] = [];
    for (const [expression, h] of hoisted) {
        (byLevel[h.level - 1] ??= []).push(`${expression} AS ${h.column}`);
    }
    later.push(...byLevel.filter(l => l), ...segmentColumns);
    const idColumn = idOf(sql, options.row);
    const flags = `${ALIAS}.__pos AS __pos, ${idColumn} AS __id${columns.map(c => `, ${c}`).join('')}`;
    const position = options.positioned ? '' : `, ${sql.rowNumber()} AS __pos`;
    const layers = [{ name: 'l0', body: `SELECT ${ALIAS}.*${position} FROM ${options.source} ${ALIAS}` }];
    const eventLayer = events?.layer('l0', [...later.flat(), flags].join('\n'), sql.field(ALIAS, '_id'));
    if (eventLayer) {
        layers.push({ name: 'l1', body: eventLayer.body });
    }
    for (const columnsOfLayer of later) {
        layers.push({ name: `l${layers.length}`, body: `SELECT ${ALIAS}.*, ${columnsOfLayer.join(', ')} FROM l${layers.length - 1} ${ALIAS}` });
    }
    layers.push({ name: 'flags', body: `SELECT ${flags} FROM l${layers.length - 1} ${ALIAS}` });
    return { tables: eventLayer?.tables ?? [], layers, segments: result };
}

/**
 * The shared per-profile event columns: in DuckDB when the profiles have an event list, and in both
 * dialects over an events table (then every event construct reads the table: there is no list to read).
 */
function eventColumns(sql: ReturnType<typeof printer>, options: QueryOptions): EventColumns | undefined {
    if ((options.dialect !== 'duckdb' && !options.events) || options.row.fields.get('xEvent')?.kind !== 'list') {
        return undefined;
    }
    return new EventColumns(sql, ALIAS, `coalesce(${sql.field(ALIAS, 'xEvent')}, ${sql.emptyList()})`, options.events);
}

/** A segment's whole condition (a segment without `where` selects nobody). */
function condition(compiler: SqlCompiler, segment: SegmentDefinition): string {
    const where = segmentCondition(segment);
    return where ? translated(where, () => compiler.pred(where, compiler.rootScope())) : 'false';
}

/** A construct the dialect lacks becomes a translation error naming the clause. */
function translated(node: ast.Expression, compile: () => string): string {
    try {
        return compile();
    } catch (error) {
        if (error instanceof DialectGap) {
            throw new SqlTranslationError('a clause', node, error.message);
        }
        throw error;
    }
}

/** The clauses of a condition, as the js evaluator numbers them: and/or chains flattened, `not`, parentheses skipped. */
function skeleton(compiler: SqlCompiler, node: ast.Expression | undefined, scope: SqlScope, path: string, all: boolean, add: (info: ClauseInfo, predicate: string) => void): void {
    if (!node) {
        add({ path, kind: 'value', text: '' }, 'false');
        return;
    }
    while (ast.isParenthesizedExpression(node)) {
        node = node.expression;
    }
    if (ast.isLambda(node)) {
        const vars = new Map(scope.vars);
        node.parameters.forEach(p => vars.set(p.name, scope.contexts[0]));
        skeleton(compiler, node.body, { contexts: scope.contexts, vars }, path, all, add);
        return;
    }
    const text = sourceText(node);
    // The same range as the js engine's clause, so either engine's counts link to the source.
    const range = withRange(sourceRange(node));
    if (ast.isLogicalExpression(node) || ast.isNotExpression(node)) {
        const kind = ast.isNotExpression(node) ? 'not' : node.operator === 'and' || node.operator === '&&' ? 'and' : 'or';
        add({ path, kind, text, ...range }, translated(node, () => compiler.pred(node, scope)));
        if (!all) {
            return;
        }
        const operands = ast.isNotExpression(node) ? [node.operand] : flatten(node, kind);
        operands.forEach((operand, i) => skeleton(compiler, operand, scope, `${path}.${i}`, all, add));
        return;
    }
    add({ path, kind: leafKind(node), text, ...range }, translated(node, () => compiler.pred(node, scope)));
}

function leafKind(node: ast.Expression): string {
    switch (node.$type) {
        case 'ComparisonExpression': return 'comparison';
        case 'OccursExpression': return 'occurs';
        case 'SelectExpression': return 'select';
        case 'FilterExpression': return 'filter';
        case 'QuantifiedExpression': return node.quantifier;
        case 'ChainExpression': return 'chain';
        case 'InSegmentExpression': return 'inSegment';
        case 'MemberAccess': return node.isCall ? 'call' : 'value';
        default: return 'value';
    }
}

/** The profile id as the js evaluator reads it: `_id` (a string, or a number as text), else `#<position>`. */
function idOf(sql: ReturnType<typeof printer>, row: RowType): string {
    const id = row.fields.get('_id');
    const position = `'#' || ${sql.text(`${ALIAS}.__pos`)}`;
    const field = sql.field(ALIAS, '_id');
    if (id?.kind === 'string') {
        return `coalesce(${field}, ${position})`;
    }
    if (id?.kind === 'number') {
        return `coalesce(${sql.text(field)}, ${position})`;
    }
    return position;
}

/**
 * The local segments the requested ones reference (transitively), grouped so that each segment's
 * references are in earlier groups. A cycle cannot be materialized in dependency order: an error
 * (the validator reports it as `reference/cycle` first).
 */
function dependencyLevels(segments: readonly SegmentDefinition[], target: (node: ast.InSegmentExpression) => SegmentDefinition | undefined): SegmentDefinition[][] {
    const deps = new Map<SegmentDefinition, SegmentDefinition[]>();
    const visit = (s: SegmentDefinition): void => {
        if (deps.has(s)) {
            return;
        }
        const refs: SegmentDefinition[] = [];
        deps.set(s, refs);
        const where = segmentCondition(s);
        for (const node of where ? AstUtils.streamAst(where) : []) {
            if (ast.isInSegmentExpression(node)) {
                const t = target(node);
                if (t) {
                    refs.push(t);
                    visit(t);
                }
            }
        }
    };
    segments.forEach(visit);
    const referenced = new Set([...deps.values()].flat());
    const level = new Map<SegmentDefinition, number>();
    const depth = (s: SegmentDefinition, path: Set<SegmentDefinition>): number => {
        const known = level.get(s);
        if (known !== undefined) {
            return known;
        }
        if (path.has(s)) {
            throw new SqlTranslationError(`inSegment("${s.name}")`, s, 'the segments reference each other in a cycle');
        }
        path.add(s);
        const d = Math.max(0, ...deps.get(s)!.map(t => depth(t, path) + 1));
        path.delete(s);
        level.set(s, d);
        return d;
    };
    const levels: SegmentDefinition[][] = [];
    for (const s of referenced) {
        const d = depth(s, new Set());
        (levels[d] ??= []).push(s);
    }
    return levels.filter(l => l && l.length > 0);
}
