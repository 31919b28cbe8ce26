import { describe, expect, test } from 'vitest';
import { MAX_FIELD_PATHS } from '../../../src/language/schema/segment-schema-limits.js';
import { loadXdmSchema, SchemaLoadError } from '../../../src/language/schema/segment-schema-loader.js';
import { countingReads, refBomb } from './schema-bombs.js';

/**
 * A 3.5 KB schema whose definitions `$ref` each other (4 times per level, 18 levels) took more than
 * 120 s and 3.4 GB: every use of a definition was read and built again. Definitions are read once
 * and shared; a schema over MAX_FIELD_PATHS is refused before its tree is built. Work is counted
 * as reads of the file (never wall time).
 */
describe('schema size limits', () => {
    test('the $ref bomb of depth 18 is refused after reading each definition once', () => {
        const { json, reads } = countingReads(refBomb(18), 100_000);
        expect(() => loadXdmSchema(json, 'bomb.schema.json', 'profile')).toThrow(SchemaLoadError);
        expect(() => loadXdmSchema(refBomb(18), 'bomb.schema.json', 'profile')).toThrow(/expands to more than 100,000 field paths/u);
        expect(reads()).toBeLessThan(5_000);
    });

    test('a bomb through allOf parts, whose merges cannot collapse, is refused as quickly', () => {
        const { json, reads } = countingReads(refBomb(18, 4, 'allOf'), 100_000);
        expect(() => loadXdmSchema(json, 'bomb.schema.json', 'profile')).toThrow(SchemaLoadError);
        expect(reads()).toBeLessThan(10_000);
    });

    test('a schema under the limit that reuses definitions loads with every path, reading each definition once', () => {
        const { json, reads } = countingReads(refBomb(6), 100_000);
        const { schema, warnings } = loadXdmSchema(json, 'reuse.schema.json', 'profile');
        expect(warnings).toEqual([]);
        expect(schema.field('person.a.b.c.d.a.b.v')?.path).toBe('person.a.b.c.d.a.b.v');
        expect(schema.field('person.d.d.d.d.d.d.v')?.type).toEqual({ kind: 'string' });
        expect([...schema.allFields()].length).toBe(4 ** 6 + (4 ** 7 - 4) / 3 + 1);
        expect(reads()).toBeLessThan(2_000);
        expect(4 ** 7).toBeLessThan(MAX_FIELD_PATHS);
    });
});
