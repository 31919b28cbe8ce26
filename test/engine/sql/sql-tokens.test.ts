/**
 * The SQL text reader behind the event columns (src/engine/sql/sql-tokens.ts): quoted parts are
 * never taken for names or operators, so a rewrite cannot change what a literal or a field says.
 */
import { expect, test } from 'vitest';
import { conjuncts, freeNames, positive, rename } from '../../../src/engine/sql/sql-tokens.js';

test('conjuncts splits top-level ANDs, flattening parenthesized conjunctions', () => {
    expect(conjuncts('((a = 1 AND b = 2) AND (c OR d))')).toEqual(['a = 1', 'b = 2', '(c OR d)']);
    expect(conjuncts("coalesce(v1.\"x\" = 'A AND B', false) AND v2 > 3")).toEqual(["coalesce(v1.\"x\" = 'A AND B', false)", 'v2 > 3']);
});

test('conjuncts does not split where AND is not the top-level operator', () => {
    expect(conjuncts('a OR b AND c')).toEqual(['a OR b AND c']);
    expect(conjuncts('x BETWEEN 1 AND 2')).toEqual(['x BETWEEN 1 AND 2']);
    expect(conjuncts('CASE WHEN a AND b THEN 1 END = 1')).toEqual(['CASE WHEN a AND b THEN 1 END = 1']);
    expect(conjuncts('len(list_filter(l, lambda v1: v1 > 1 AND v1 < 3)) > 0')).toEqual(['len(list_filter(l, lambda v1: v1 > 1 AND v1 < 3)) > 0']);
});

test('freeNames: lambda parameters read but not bound, and the row alias', () => {
    const free = freeNames('coalesce(v1."a" = p."b", false) AND len(list_filter(v2, lambda v3: v3 = v1)) > 0', 'p');
    expect([...free.params].sort()).toEqual(['v1', 'v2']);
    expect(free.row).toBe(true);
    expect(freeNames(`v1."p" = 'p.x' AND "v2" = 1`, 'p')).toEqual({ params: new Set(['v1']), row: false });
});

test('rename replaces the name only where it is a name', () => {
    expect(rename(`v1."v1" = 'v1' AND v1 > v12`, 'v1', '__e')).toBe(`__e."v1" = 'v1' AND __e > v12`);
});

test('positive drops coalesce(…, false) under AND and OR only, where NULL and false select the same rows', () => {
    expect(positive("(coalesce(e.\"t\" = 'a', false)) AND (coalesce((x >= 1 AND x < 2), false))")).toBe("(e.\"t\" = 'a' AND (x >= 1 AND x < 2))");
    expect(positive('coalesce(coalesce(contains(k, \'s\'), false), false) OR coalesce(a, false)')).toBe("(contains(k, 's') OR a)");
    // Under NOT a NULL would flip to NULL instead of true; other coalesce forms keep their meaning.
    expect(positive('(NOT coalesce(a, false)) AND coalesce(b, true)')).toBe('((NOT coalesce(a, false)) AND coalesce(b, true))');
    expect(positive('coalesce(a, b, false)')).toBe('coalesce(a, b, false)');
    expect(positive("coalesce(x = 'false)', false) = true")).toBe("coalesce(x = 'false)', false) = true");
    expect(positive('coalesce(len(list_filter(l, lambda v: coalesce(v > 1, false))) > 0, false)')).toBe('len(list_filter(l, lambda v: coalesce(v > 1, false))) > 0');
});

test('Spark text: backslash-escaped strings and backquoted names are quoted parts, `v ->` binds a parameter', () => {
    const free = freeNames("coalesce(v1.`v4` = 'it\\'s v2 AND p.x', false) AND exists(v2, v3 -> v3 = v1 AND `p` = 1)", 'p', 'spark');
    expect([...free.params].sort()).toEqual(['v1', 'v2']);
    expect(free.row).toBe(false);
    expect(freeNames('exists(p.`xEvent`, v3 -> v3.`a` = 1)', 'p', 'spark')).toEqual({ params: new Set(), row: true });
    expect(rename("v1.`v1` = 'v1\\' v1' AND v1 > v12", 'v1', '__e', 'spark')).toBe("__e.`v1` = 'v1\\' v1' AND __e > v12");
    expect(conjuncts("coalesce(v1.`x` = 'A\\' AND B', false) AND v2 > 3", 'spark')).toEqual(["coalesce(v1.`x` = 'A\\' AND B', false)", 'v2 > 3']);
    expect(positive("coalesce(v1.`x` = 'a\\', false)', false) OR coalesce(b, false)", 'spark')).toBe("(v1.`x` = 'a\\', false)' OR b)");
});
