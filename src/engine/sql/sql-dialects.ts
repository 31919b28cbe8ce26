/**
 * The SQL constructs the compiler prints, one entry per construct with its text in every dialect
 * (the habit of PostHog's HogQL printer and OHDSI SqlRender: one description, small per-dialect
 * differences). The compiler never writes dialect-specific SQL itself; it calls `sql.<construct>`.
 * `test/engine/sql/sql-dialects.test.ts` fails when a construct lacks a dialect, and docs/sql.md
 * lists them. Arguments are SQL fragments already printed; `v` is a lambda parameter name.
 */

export type Dialect = 'duckdb' | 'spark';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'spark'];

/** A construct the dialect cannot express: the compiler reports it as a translation error. */
export class DialectGap extends Error {}

const gap = (what: string) => (): never => {
    throw new DialectGap(`${what} has no Spark SQL translation`);
};

type Printer = (...args: string[]) => string;

interface Construct {
    /** What the construct computes, for docs/sql.md and the reader. */
    doc: string;
    duckdb: Printer;
    spark: Printer;
}

const duckString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
// Spark string literals read backslash escapes (spark.sql.parser.escapedStringLiterals is off by default).
const sparkString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;

/** `[a, b, c, d]` → `[[a, b], [c, d]]`. */
function pairs(xs: readonly string[]): Array<[string, string]> {
    return xs.flatMap((x, i) => (i % 2 === 0 ? [[x, xs[i + 1]] as [string, string]] : []));
}

/** Every construct, by name. Keep entries short: the semantics live in the compiler, the spelling here. */
export const CONSTRUCTS = {
    identifier: { doc: 'a quoted column or field name', duckdb: n => `"${n.replace(/"/g, '""')}"`, spark: n => `\`${n.replace(/`/g, '``')}\`` },
    string: { doc: 'a string literal', duckdb: duckString, spark: sparkString },
    field: { doc: 'a struct field of a value (`base.name`)', duckdb: (b, n) => `${b}."${n.replace(/"/g, '""')}"`, spark: (b, n) => `${b}.\`${n.replace(/`/g, '``')}\`` },
    emptyList: { doc: 'an empty list', duckdb: () => '[]', spark: () => 'array()' },
    list: { doc: 'a list of values', duckdb: (...xs) => `[${xs.join(', ')}]`, spark: (...xs) => `array(${xs.join(', ')})` },
    length: { doc: 'the number of elements of a list (NULL for NULL)', duckdb: l => `len(${l})`, spark: l => `if(${l} IS NULL, NULL, size(${l}))` },
    exists: { doc: 'some element satisfies a (never NULL) predicate', duckdb: (l, v, p) => `coalesce(len(list_filter(${l}, lambda ${v}: ${p})) > 0, false)`, spark: (l, v, p) => `coalesce(exists(${l}, ${v} -> ${p}), false)` },
    forall: { doc: 'every element satisfies a (never NULL) predicate; true for no elements', duckdb: (l, v, p) => `coalesce(len(list_filter(${l}, lambda ${v}: NOT (${p}))) = 0, true)`, spark: (l, v, p) => `coalesce(forall(${l}, ${v} -> ${p}), true)` },
    filter: { doc: 'the elements satisfying a predicate', duckdb: (l, v, p) => `list_filter(${l}, lambda ${v}: ${p})`, spark: (l, v, p) => `filter(${l}, ${v} -> ${p})` },
    transform: { doc: 'each element mapped', duckdb: (l, v, e) => `list_transform(${l}, lambda ${v}: ${e})`, spark: (l, v, e) => `transform(${l}, ${v} -> ${e})` },
    flatten: { doc: 'a list of lists concatenated', duckdb: l => `flatten(${l})`, spark: l => `flatten(${l})` },
    nth: { doc: 'the n-th element (1-based) or NULL', duckdb: (l, n) => `(${l})[${n}]`, spark: (l, n) => `try_element_at(${l}, ${n})` },
    sort: { doc: 'a list sorted ascending', duckdb: l => `list_sort(${l})`, spark: l => `array_sort(${l})` },
    sum: { doc: 'the sum of a list of numbers (0 for none)', duckdb: l => `coalesce(list_sum(${l}), 0)`, spark: l => `aggregate(${l}, CAST(0 AS DOUBLE), (acc, x) -> acc + x)` },
    average: { doc: 'the mean of a list of numbers (NULL for none)', duckdb: l => `list_avg(${l})`, spark: l => `if(size(${l}) > 0, aggregate(${l}, CAST(0 AS DOUBLE), (acc, x) -> acc + x) / size(${l}), NULL)` },
    min: { doc: 'the least number of a list (NULL for none)', duckdb: l => `list_min(${l})`, spark: l => `array_min(${l})` },
    max: { doc: 'the greatest number of a list (NULL for none)', duckdb: l => `list_max(${l})`, spark: l => `array_max(${l})` },
    double: { doc: 'a number as a double', duckdb: x => `CAST(${x} AS DOUBLE)`, spark: x => `CAST(${x} AS DOUBLE)` },
    tryDouble: { doc: 'a string read as a number, or NULL', duckdb: x => `TRY_CAST(${x} AS DOUBLE)`, spark: x => `CAST(${x} AS DOUBLE)` },
    startsWith: { doc: 'a string starts with another', duckdb: (s, t) => `starts_with(${s}, ${t})`, spark: (s, t) => `(substring(${s}, 1, length(${t})) = ${t})` },
    endsWith: { doc: 'a string ends with another', duckdb: (s, t) => `ends_with(${s}, ${t})`, spark: (s, t) => `(length(${t}) = 0 OR substring(${s}, -length(${t})) = ${t})` },
    includes: { doc: 'a string contains another', duckdb: (s, t) => `contains(${s}, ${t})`, spark: (s, t) => `(instr(${s}, ${t}) > 0)` },
    lower: { doc: 'a string in lower case', duckdb: s => `lower(${s})`, spark: s => `lower(${s})` },
    like: { doc: 'whole-string LIKE, case-sensitive, no escape character', duckdb: (s, p) => `(${s} LIKE ${p})`, spark: (s, p) => `(${s} LIKE ${p} ESCAPE '\\u0001')` },
    regexFind: { doc: 'a regular expression matches somewhere in the string', duckdb: (s, p) => `regexp_matches(${s}, ${p})`, spark: (s, p) => `(${s} RLIKE ${p})` },
    regexGroup: { doc: 'capture group n of the first match', duckdb: (s, p, n) => `regexp_extract(${s}, ${p}, ${n})`, spark: (s, p, n) => `regexp_extract(${s}, ${p}, ${n})` },
    stringLength: { doc: 'the number of characters of a string', duckdb: s => `length(${s})`, spark: s => `length(${s})` },
    epochOfText: { doc: 'an ISO-8601 string as epoch milliseconds, or NULL', duckdb: s => `epoch_ms(TRY_CAST(${s} AS TIMESTAMPTZ))`, spark: s => `unix_millis(to_timestamp(${s}))` },
    epochOfTimestamp: { doc: 'a TIMESTAMP as epoch milliseconds', duckdb: t => `epoch_ms(${t})`, spark: t => `unix_millis(${t})` },
    timestamp: { doc: 'a pinned instant as a literal of a timestamp column (`naive`: TIMESTAMP read as UTC, `zoned`: WITH TIME ZONE)', duckdb: (iso, kind) => `${kind === 'zoned' ? 'TIMESTAMPTZ' : 'TIMESTAMP'} '${iso.slice(0, 10)} ${iso.slice(11, 23)}${kind === 'zoned' ? '+00' : ''}'`, spark: iso => `TIMESTAMP '${iso}'` },
    instant: { doc: 'a pinned instant (from now, a calendar word or date()) as epoch milliseconds', duckdb: ms => ms, spark: (_ms, iso) => `unix_millis(TIMESTAMP '${iso}')` },
    textAt: { doc: 'the character at a 1-based position', duckdb: (s, i) => `substring(${s}, ${i}, 1)`, spark: (s, i) => `substring(${s}, ${i}, 1)` },
    jsonType: { doc: 'the JSON type of a mixed-type value', duckdb: j => `json_type(${j})`, spark: gap('a column of mixed JSON types') },
    jsonText: { doc: 'a mixed-type JSON scalar as text', duckdb: j => `(${j} ->> '$')`, spark: gap('a column of mixed JSON types') },
    mapValues: { doc: 'the values of a map', duckdb: m => `map_values(${m})`, spark: m => `map_values(${m})` },
    mapGet: { doc: 'the value of a map at a key, or NULL', duckdb: (m, k) => `${m}[${k}]`, spark: (m, k) => `try_element_at(${m}, ${k})` },
    whenPresent: { doc: 'a value, or NULL when another (a list) is NULL', duckdb: (l, x) => `CASE WHEN ${l} IS NOT NULL THEN ${x} END`, spark: (l, x) => `if(${l} IS NOT NULL, ${x}, NULL)` },
    when: { doc: 'a conditional value (NULL when the else part is NULL)', duckdb: (c, a, b) => `CASE WHEN ${c} THEN ${a} ELSE ${b} END`, spark: (c, a, b) => `if(${c}, ${a}, ${b})` },
    text: { doc: 'a value as text', duckdb: x => `CAST(${x} AS VARCHAR)`, spark: x => `CAST(${x} AS STRING)` },
    jsonField: { doc: 'a field of a mixed-type JSON object (JSON)', duckdb: (j, p) => `(${j} -> ${p})`, spark: gap('a column of mixed JSON types') },
    jsonList: { doc: 'the elements of a mixed-type JSON list', duckdb: j => `CAST(${j} AS JSON[])`, spark: gap('a column of mixed JSON types') },
    raiseError: { doc: 'fails the query with a message (data the translation cannot read faithfully)', duckdb: m => `error(${m})`, spark: m => `raise_error(${m})` },
    collect: { doc: 'the list of a value over a group\'s rows (NULLs kept; `filter` is an aggregate\'s `FILTER (WHERE …)` or empty)', duckdb: (x, f) => `list(${x})${f}`, spark: (x, f) => `transform(collect_list(named_struct('v', ${x}))${f}, __s -> __s.v)` },
    struct: { doc: 'a struct of named values (`name, value, name, value …`)', duckdb: (...xs) => `struct_pack(${pairs(xs).map(([n, x]) => `"${n.replace(/"/g, '""')}" := ${x}`).join(', ')})`, spark: (...xs) => `named_struct(${pairs(xs).map(([n, x]) => `${sparkString(n)}, ${x}`).join(', ')})` },
    row: { doc: 'a whole row of a table alias as a struct', duckdb: a => a, spark: a => `struct(${a}.*)` },
    rowNumber: { doc: 'the position of a row in the data', duckdb: () => 'row_number() OVER ()', spark: () => 'monotonically_increasing_id()' },
} satisfies Record<string, Construct>;

export type ConstructName = keyof typeof CONSTRUCTS;

/** The printer of one dialect: `sql.exists(list, 'v1', predicate)`. */
export type SqlPrinter = { readonly dialect: Dialect } & { readonly [K in ConstructName]: Printer };

export function printer(dialect: Dialect): SqlPrinter {
    const out: Record<string, unknown> = { dialect };
    for (const [name, construct] of Object.entries(CONSTRUCTS) as Array<[string, Construct]>) {
        out[name] = construct[dialect];
    }
    return out as SqlPrinter;
}
