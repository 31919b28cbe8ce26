/**
 * The two-table shape of `segment sql` (profiles and experience events in their own tables, joined on
 * an identity column): every example segment prints in both dialects through the same event layer as
 * the DuckDB engine's two-file runs (sql-events-layer.ts). The Spark queries parse with a real Spark SQL
 * grammar, the DuckDB ones with DuckDB's own parser; none reads an event list, every one the events table.
 * The DuckDB ids over the two-file sample are checked in sql-parquet.test.ts.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { bundledEventSchema, bundledProfileSchema } from '../../../src/language/schema/segment-bundled-schema.js';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import { printer, type Dialect } from '../../../src/engine/sql/sql-dialects.js';
import { printSegmentQuery } from '../../../src/engine/sql/sql-print.js';
import { rowTypeFromSchema } from '../../../src/engine/sql/sql-types.js';
import { createRandom, generateCondition } from '../../helpers/random-segments.js';
import { sparkValidator, type SparkValidator } from '../../helpers/spark-sql-parser.js';
import { NOW, parseSegments } from '../engine-helpers.js';

const examples = path.resolve(__dirname, '../../../examples');
const row = rowTypeFromSchema(bundledProfileSchema().root, bundledEventSchema().root);
const event = row.fields.get('xEvent');
const columns = event?.kind === 'list' && event.of.kind === 'struct' ? [...event.of.fields.keys()] : [];
let segments: SegmentDefinition[];
let validate: SparkValidator;

beforeAll(async () => {
    validate = await sparkValidator();
    const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();
    segments = await parseSegments(files.map(f => readFileSync(path.join(examples, f), 'utf8')).join('\n'));
});

function twoTables(dialect: Dialect, segment: SegmentDefinition): string {
    const sql = printer(dialect);
    return printSegmentQuery([segment], {
        dialect, now: NOW.getTime(), row, source: sql.identifier('profiles'), workspaceSegments: segments,
        events: { relation: sql.identifier('events'), key: sql.identifier('profileId'), columns },
    });
}

/** Whether a segment reads the events (else its two-table query is its one-table query). */
const readsEvents = (segment: SegmentDefinition): boolean => /xEvent|chain\(/.test(segment.$cstNode?.text ?? '');

describe('two tables: profiles and events joined on an identity column', () => {
    test('every example segment prints a Spark query over the events table that the Spark SQL grammar accepts', () => {
        expect(segments.length).toBeGreaterThan(10);
        for (const segment of segments) {
            const sql = twoTables('spark', segment);
            expect(validate(sql), `${segment.name}:\n${sql}`).toEqual([]);
            expect(sql).not.toMatch(/p\.`xEvent`/);
            if (readsEvents(segment)) {
                expect(sql, segment.name).toMatch(/FROM `events` __(e|a)\b/);
            }
        }
    }, 300_000);

    test('every example segment prints a DuckDB query over the events table that DuckDB\'s parser accepts', async () => {
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        try {
            for (const segment of segments) {
                const sql = twoTables('duckdb', segment);
                const parsed = (await connection.runAndReadAll(`SELECT json_serialize_sql(${printer('duckdb').string(sql.replace(/^--.*\n/gm, ''))})`)).getRows()[0][0];
                expect(JSON.parse(String(parsed)).error, `${segment.name}:\n${sql}\n${String(parsed)}`).toBe(false);
                expect(sql).not.toMatch(/p\."xEvent"/);
                if (readsEvents(segment)) {
                    expect(sql, segment.name).toMatch(/FROM "events" __(e|a)\b/);
                }
            }
        } finally {
            connection.closeSync();
            instance.closeSync();
        }
    });

    test('random segments, and one reading the whole event list (gathered per profile), print Spark queries the grammar accepts', async () => {
        const random = createRandom(11);
        const conditions = [...Array.from({ length: 5 }, () => generateCondition(random)), 'xEvent.head().eventType = "a\'b"', 'xEvent.head().isNull()'];
        const parsed = await parseSegments(conditions.map((c, i) => `segment s${i} {\n    where: ${c}\n}`).join('\n'));
        for (const segment of parsed) {
            const sql = twoTables('spark', segment);
            expect(validate(sql), sql).toEqual([]);
        }
        // The list a profile's events would be in the one-table shape, as a column of the layer over the events table.
        // (only the event fields the query names, or the whole event row).
        expect(twoTables('spark', parsed[5])).toMatch(/transform\(collect_list\(named_struct\('v', named_struct\('eventType', __e\.`eventType`\)\)\), __s -> __s\.v\) AS `xEvent`/);
        expect(twoTables('spark', parsed[6])).toMatch(/transform\(collect_list\(named_struct\('v', struct\(__e\.\*\)\)\), __s -> __s\.v\) AS `xEvent`/);
    }, 300_000);

    test('the grammar checks can fail', async () => {
        expect(validate('SELECT p.*, __ev.* EXCLUDE (__key) FROM t p').length).toBeGreaterThan(0);
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        const parsed = (await connection.runAndReadAll("SELECT json_serialize_sql('SELECT list(x FROM t')")).getRows()[0][0];
        connection.closeSync();
        instance.closeSync();
        expect(JSON.parse(String(parsed)).error).toBe(true);
    });
});
