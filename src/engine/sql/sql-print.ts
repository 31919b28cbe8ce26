/**
 * The query `segment sql` prints: the layers of `buildSegmentQuery` as a `WITH` list, then the ids
 * of the profiles in the segment (one segment) or one Boolean column per segment (several).
 */
import type { SegmentDefinition } from '../../language/generated/ast.js';
import { printer } from './sql-dialects.js';
import { buildSegmentQuery, type QueryOptions } from './sql-query.js';

export function printSegmentQuery(segments: readonly SegmentDefinition[], options: Omit<QueryOptions, 'clauses'>): string {
    const sql = printer(options.dialect);
    const query = buildSegmentQuery(segments, { ...options, clauses: false });
    const roots = query.segments.map(s => ({ name: s.segment, column: s.clauses[0].column }));
    const header = [
        `-- ${options.dialect === 'spark' ? 'Spark SQL 3.x' : 'DuckDB'}: ${roots.map(r => r.name).join(', ')}`,
        `-- now = ${new Date(options.now).toISOString()}${options.timeZone ? `, time zone ${options.timeZone}` : ''} (pinned when the query was written)`,
    ];
    const select = roots.length === 1
        ? `SELECT __id AS ${sql.identifier('_id')} FROM flags WHERE ${roots[0].column} = 1 ORDER BY __pos`
        : `SELECT __id AS ${sql.identifier('_id')}, ${roots.map(r => `${r.column} = 1 AS ${sql.identifier(r.name)}`).join(', ')} FROM flags\nWHERE ${roots.map(r => `${r.column} = 1`).join(' OR ')} ORDER BY __pos`;
    return `${header.join('\n')}\nWITH ${[...query.tables, ...query.layers].map(l => `${l.name} AS (\n    ${l.body}\n)`).join(',\n')}\n${select}\n`;
}
