/**
 * The shape of the DuckDB queries (src/engine/sql/sql-events.ts), where it decides the cost: work on
 * the events that reads only an event is a column computed once per profile, never repeated per event
 * of another list or per clause, and over two files the events are aggregated, not gathered into lists.
 * Results are checked by the differential tests; these check that the work is not repeated.
 */
import { expect, test } from 'vitest';
import { buildSegmentQuery } from '../../../src/engine/sql/sql-query.js';
import type { RowType, SqlType } from '../../../src/engine/sql/sql-types.js';
import { NOW, parseSegments } from '../engine-helpers.js';

const text: SqlType = { kind: 'string' };
const event: SqlType = { kind: 'struct', fields: new Map<string, SqlType>([['eventType', text], ['timestamp', text], ['search', { kind: 'struct', fields: new Map([['keywords', text]]) }]]) };
const row: RowType = { kind: 'struct', fields: new Map<string, SqlType>([['_id', text], ['xEvent', { kind: 'list', of: event }]]) };

const SNEAKERS = `segment sneakers {
    where: select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers")
               and X.timestamp occurs <= 30 days before now
           and not (select P from xEvent where P.eventType = "commerce.purchases" and P.timestamp occurs <= 30 days before now)
}`;

async function layers(source: string, events?: { relation: string; key: string; columns: string[] }): Promise<Map<string, string>> {
    const segments = await parseSegments(source);
    const query = buildSegmentQuery(segments, { dialect: 'duckdb', now: NOW.getTime(), row, source: 'profiles', events });
    return new Map(query.layers.map(l => [l.name, l.body]));
}

test('a select inside another select\'s condition is counted once per profile, not once per outer event', async () => {
    const query = await layers(SNEAKERS);
    // Both selects are counts of one layer over the events; the clauses only compare them.
    expect(query.get('l1')!.match(/len\(list_filter\(coalesce\(p\."xEvent", \[\]\), lambda __e:/g)).toHaveLength(2);
    expect(query.get('flags')).not.toMatch(/lambda|list_filter/);
});

test('every clause and segment shares one count per distinct event condition', async () => {
    const query = await layers(`${SNEAKERS}
segment buyers { where: select P from xEvent where P.eventType = "commerce.purchases" and P.timestamp occurs <= 30 days before now }`);
    expect(query.get('l1')!.match(/ AS __n\d+/g)).toHaveLength(2);
});

test('over two files the events are counted by the events table, filtered before grouping, with no lists', async () => {
    const query = await layers(SNEAKERS, { relation: 'events', key: '"profileId"', columns: ['profileId', 'eventType', 'timestamp', 'search'] });
    const l1 = query.get('l1')!;
    expect(l1.match(/count_if\(/g)).toHaveLength(2);
    expect(l1).toMatch(/FROM events __e WHERE .* GROUP BY 1/);
    expect(l1).not.toMatch(/\blist\(|"xEvent"/);
});

test('a chain step keeps only its events\' times per profile; the order against the previous step is per profile', async () => {
    const query = await layers(`segment funnel { where: chain(xEvent, timestamp, [A: WHAT(eventType = "a"), B: WHAT(eventType = "b")]) }`);
    expect(query.get('l1')!.match(/list_transform\(list_filter\(coalesce\(p\."xEvent", \[\]\), lambda __e: [^)]*'[ab]'/g)).toHaveLength(2);
    expect([...query.values()].slice(2).join('\n')).not.toContain('"xEvent"');
});

test('over two files a chain is one table per step with at most one time per profile, each step joined to the previous, no lists', async () => {
    const segments = await parseSegments(`segment funnel {
    where: chain(xEvent, timestamp, [A: WHAT(eventType = "a") COUNT(2), B: WHAT(eventType = "b"), C: WHAT(eventType = "c")])
}`);
    const events = { relation: 'events', key: '"profileId"', columns: ['profileId', 'eventType', 'timestamp'] };
    const query = buildSegmentQuery(segments, { dialect: 'duckdb', now: NOW.getTime(), row, source: 'profiles', events });
    expect(query.tables.map(t => t.name)).toEqual(['__c0_1', '__c0_2', '__c0_3']);
    const [a, b, c] = query.tables.map(t => t.body);
    // COUNT(2): the second earliest time of the step's events; COUNT(1): the earliest after the previous step's.
    expect(a).toMatch(/row_number\(\) OVER \(PARTITION BY .* WHERE __e\."eventType" = 'a' .*\) __w WHERE __n = 2$/);
    expect(b).toMatch(/^SELECT .* AS __key, min\(.*\) AS __t FROM events __e JOIN __c0_1 __s ON .* = __s\.__key WHERE __e\."eventType" = 'b' .* > __s\.__t GROUP BY 1$/);
    expect(c).toContain('JOIN __c0_2 __s');
    const layers = query.layers.map(l => l.body).join('\n');
    expect(layers).toContain('LEFT JOIN __c0_3 ON');
    expect([layers, a, b, c].join('\n')).not.toMatch(/\blist\(|list_filter|list_sort|"xEvent"/);
});

test('over two files, a chain whose step reads an outer variable keeps the per-profile lists', async () => {
    const segments = await parseSegments(`segment funnel {
    where: select X from xEvent where chain(xEvent, timestamp, [A: WHAT(eventType = "a"), B: WHAT(eventType = X.eventType)])
}`);
    const events = { relation: 'events', key: '"profileId"', columns: ['profileId', 'eventType', 'timestamp'] };
    const query = buildSegmentQuery(segments, { dialect: 'duckdb', now: NOW.getTime(), row, source: 'profiles', events });
    expect(query.tables.map(t => t.name).filter(n => n.startsWith('__c'))).toEqual([]);
    expect(query.layers.map(l => l.body).join('\n')).toMatch(/list_sort\(/);
});

test('over two files, a select whose second event reads the first is a join of the events with themselves, not per-profile lists', async () => {
    const segments = await parseSegments(`segment vtb {
    where: exists V from xEvent where V.eventType = "view",
                  B from xEvent where B.eventType = "buy" and B.timestamp occurs <= 7 days after V.timestamp
}`);
    const events = { relation: 'events', key: '"profileId"', columns: ['profileId', 'eventType', 'timestamp'] };
    const query = buildSegmentQuery(segments, { dialect: 'duckdb', now: NOW.getTime(), row, source: 'profiles', events });
    expect(query.tables).toHaveLength(1);
    const [pairs] = query.tables;
    expect(pairs.body).toMatch(/FROM \(SELECT \* FROM events __a WHERE __a\."eventType" = 'view'\) __a JOIN \(SELECT \* FROM events __b WHERE __b\."eventType" = 'buy'\) __b ON __a\."profileId" = __b\."profileId" WHERE/);
    const l1 = query.layers.find(l => l.name === 'l1')!.body;
    expect(l1).toContain(`LEFT JOIN ${pairs.name} ON`);
    expect([...query.layers.map(l => l.body)].join('\n')).not.toMatch(/\blist\(|list_filter/);
    // Over one file the events are a list in the row: the same condition stays list functions.
    const one = buildSegmentQuery(segments, { dialect: 'duckdb', now: NOW.getTime(), row, source: 'profiles' });
    expect(one.tables).toEqual([]);
});
