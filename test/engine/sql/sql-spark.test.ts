/**
 * The Spark SQL dialect: every example segment and a few random segments print as queries that a
 * real Spark SQL grammar (dt-sql-parser's, ANTLR; slow on long expressions, hence few) accepts, typed by the bundled XDM schema as
 * `segment sql --dialect spark` types them; and each construct of the dialect table prints in both
 * dialects (side by side for one segment).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { bundledEventSchema, bundledProfileSchema } from '../../../src/language/schema/segment-bundled-schema.js';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import { CONSTRUCTS, DIALECTS, DialectGap, printer } from '../../../src/engine/sql/sql-dialects.js';
import { printSegmentQuery } from '../../../src/engine/sql/sql-print.js';
import { rowTypeFromSchema } from '../../../src/engine/sql/sql-types.js';
import { createRandom, generateCondition } from '../../helpers/random-segments.js';
import { sparkValidator, type SparkValidator } from '../../helpers/spark-sql-parser.js';
import { NOW, parseSegments } from '../engine-helpers.js';

const examples = path.resolve(__dirname, '../../../examples');
const row = rowTypeFromSchema(bundledProfileSchema().root, bundledEventSchema().root);
let validate: SparkValidator;

beforeAll(async () => {
    validate = await sparkValidator();
});

function spark(segments: SegmentDefinition[]): string {
    return printSegmentQuery(segments, { dialect: 'spark', now: NOW.getTime(), row, source: '`profiles`', workspaceSegments: segments });
}

describe('Spark SQL', () => {
    test('every example segment prints a query the Spark SQL grammar accepts', async () => {
        const files = readdirSync(examples).filter(f => f.endsWith('.segment')).sort();
        const segments = await parseSegments(files.map(f => readFileSync(path.join(examples, f), 'utf8')).join('\n'));
        expect(segments.length).toBeGreaterThan(10);
        const queries = segments.map(segment => spark([segment]));
        queries.forEach((sql, i) => expect(validate(sql), `${segments[i].name}:\n${sql}`).toEqual([]));
        // Pinned windows print as timestamp literals.
        expect(queries.filter(sql => sql.includes(`unix_millis(TIMESTAMP '`)).length).toBeGreaterThan(5);
    }, 300_000);

    test('5 random segments print queries the Spark SQL grammar accepts', async () => {
        const random = createRandom(7);
        const conditions = Array.from({ length: 5 }, () => generateCondition(random));
        const segments = await parseSegments(conditions.map((c, i) => `segment s${i} {\n    where: ${c}\n}`).join('\n'));
        for (const segment of segments) {
            const sql = spark([segment]);
            expect(validate(sql), sql).toEqual([]);
        }
    }, 300_000);

    test('the grammar check can fail: a broken query is reported', () => {
        expect(validate('SELECT exists(a, x -> ) FROM t').length).toBeGreaterThan(0);
    });
});

describe('the dialect table', () => {
    test('every construct has a printer for every dialect, documented in docs/sql.md', () => {
        const doc = readFileSync(path.resolve(__dirname, '../../../docs/sql.md'), 'utf8');
        for (const [name, construct] of Object.entries(CONSTRUCTS)) {
            for (const dialect of DIALECTS) {
                expect(typeof (construct as Record<string, unknown>)[dialect], `${name} lacks ${dialect}`).toBe('function');
            }
            expect(doc, `docs/sql.md does not list the construct ${name}`).toContain(`\`${name}\``);
        }
    });

    test('one construct printed side by side; a gap is a DialectGap', () => {
        const [duck, sp] = DIALECTS.map(d => printer(d));
        expect(duck.exists('p."xEvent"', 'v1', 'v1."n" > 1')).toBe('coalesce(len(list_filter(p."xEvent", lambda v1: v1."n" > 1)) > 0, false)');
        expect(sp.exists('p.`xEvent`', 'v1', 'v1.`n` > 1')).toBe('coalesce(exists(p.`xEvent`, v1 -> v1.`n` > 1), false)');
        expect(duck.string("it's")).toBe("'it''s'");
        expect(sp.string("it's \\")).toBe("'it\\'s \\\\'");
        expect(() => sp.jsonType('x')).toThrow(DialectGap);
    });
});
