import type { FieldSpec } from './segment-schema-model.js';

/**
 * How large a schema may be (docs/reliability.md, "Schemas"). The loader keeps what `$ref`s share
 * shared, so reading a schema costs what its file holds; but the schema model gives every field
 * path its own field (hover and messages show the full path), so a schema whose definitions reuse
 * each other (each one `$ref`ing the previous four times, 18 levels deep: 4^18 paths in 3.5 KB)
 * must be refused before that tree is built, not after it has exhausted memory.
 */

/** Field paths a schema may expand to (20,000-field union schemas are large ones in practice). */
export const MAX_FIELD_PATHS = 100_000;

/** Nesting of schema nodes (objects, `allOf` parts, `$ref`s) read; deeper fields are ignored with a warning. */
export const MAX_SCHEMA_DEPTH = 40;

/** Schema nodes the loader may read, memoised `$ref`s counted once: a bound on its work whatever the file's shape. */
export const MAX_LOAD_STEPS = 1_000_000;

/**
 * The number of field paths `fields` expands to (each field, the fields of its objects, of its
 * arrays' and maps' elements), counting each shared part once per use without visiting it again;
 * stops counting once over `limit`.
 */
export function countFieldPaths(fields: Record<string, FieldSpec>, limit = MAX_FIELD_PATHS): number {
    const memo = new WeakMap<object, number>();
    const inner = (spec: FieldSpec): number => {
        if (spec.type === 'object') {
            return spec.fields ? count(spec.fields) : 0;
        }
        return (spec.type === 'array' || spec.type === 'map') && spec.item ? inner(spec.item) : 0;
    };
    const count = (record: Record<string, FieldSpec>): number => {
        const known = memo.get(record);
        if (known !== undefined) {
            return known;
        }
        let total = 0;
        for (const spec of Object.values(record)) {
            total += 1 + inner(spec);
            if (total > limit) {
                break;
            }
        }
        memo.set(record, total);
        return total;
    };
    return count(fields);
}
