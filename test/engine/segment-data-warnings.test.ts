/**
 * The js engine's data checks (issue 13): repeated ids, unsafe integers, numbers read as timestamps
 * before 1990, timestamp values that are not dates — counted per value at the schema's fields,
 * through lists, never at a field the run does not check, and worded in `warnings`.
 */
import { expect, test } from 'vitest';
import { DataChecks } from '../../src/engine/data/segment-data-checks.js';
import { dataWarningMessages } from '../../src/engine/data/segment-data-warnings.js';
import { dataCheckFields } from '../../src/language/schema/segment-data-check-fields.js';
import { run } from './engine-helpers.js';

const FIELDS = { numbers: ['loyalty.points', 'xEvent.commerce.order.priceTotal'], timestamps: ['loyalty.joinDate', 'xEvent.timestamp'] };

test('each kind is counted per value, per field, in data order', () => {
    const checks = new DataChecks(FIELDS);
    const profiles = [
        { _id: 'a', loyalty: { points: 9007199254740993, joinDate: 1_700_000_000 }, xEvent: [{ timestamp: '2026-02-30T10:00:00Z' }, { timestamp: 'yesterday' }] },
        { _id: 'b', loyalty: { points: 12, joinDate: '2020-01-01T00:00:00Z' }, xEvent: [{ timestamp: 1_772_445_600_000, commerce: { order: { priceTotal: -1e300 } } }] },
        { _id: 'a', xEvent: [{ timestamp: 1_772_445_600 }, null, { timestamp: null }], other: 1e300 },
        { _id: 'b' }, { _id: 'a' }, {},
    ];
    profiles.forEach(p => checks.visit(p, typeof p._id === 'string' ? p._id : undefined));
    expect(checks.result()).toEqual({
        duplicateIds: { count: 3, first: ['a', 'b'] },
        unsafeIntegers: [{ path: 'loyalty.points', count: 1 }, { path: 'xEvent.commerce.order.priceTotal', count: 1 }],
        earlyTimestamps: [{ path: 'loyalty.joinDate', count: 1 }, { path: 'xEvent.timestamp', count: 1 }],
        invalidTimestamps: [{ path: 'xEvent.timestamp', count: 2 }],
    });
});

test('clean data (bounds included) has no warnings', async () => {
    const checks = new DataChecks(FIELDS);
    checks.visit({ _id: 'a', loyalty: { points: Number.MAX_SAFE_INTEGER, joinDate: '2019-07-23T12:00:00.000Z' }, xEvent: [{ timestamp: Date.UTC(1990, 0, 1) }] }, 'a');
    expect(checks.result()).toBeUndefined();
    expect(dataWarningMessages(undefined)).toEqual([]);
});

test('the run words them in warnings, after the compile notes, and keeps the counts in dataWarnings', async () => {
    const result = await run('person.birthYear > 1980', [
        { _id: 'p1', person: { birthYear: 1990 }, xEvent: [{ timestamp: 1_772_445_600 }] },
        { _id: 'p1', person: { birthYear: 1970 } },
    ], { dataChecks: FIELDS });
    expect(result.total).toBe(2);
    expect(result.ids).toEqual(['p1']);
    expect(result.warnings).toEqual([
        'duplicate ids: 1 profile repeats the _id of an earlier profile (p1); each record is evaluated and counted as a profile of its own.',
        'timestamps before 1990 read from numbers (read as epoch milliseconds; likely epoch seconds): xEvent.timestamp (1).',
    ]);
    expect(result.dataWarnings?.duplicateIds).toEqual({ count: 1, first: ['p1'] });
    expect((await run('person.birthYear > 1980', [{ _id: 'p1' }, { _id: 'p1' }])).warnings).toBeUndefined();
});

test('the checked fields are the schema\'s numbers and timestamps, events under xEvent', () => {
    const object = (fields: Record<string, unknown>) => ({ kind: 'object' as const, fields: new Map(Object.entries(fields).map(([name, type]) => [name, { name, path: name, type: type as never }])) });
    const profile = object({ person: object({ birthYear: { kind: 'integer' }, birthDate: { kind: 'date' }, name: { kind: 'string' } }), scores: { kind: 'array', element: { kind: 'number' } } });
    const event = object({ timestamp: { kind: 'date-time' }, items: { kind: 'array', element: object({ price: { kind: 'number' } }) } });
    expect(dataCheckFields(profile, event)).toEqual({
        numbers: ['person.birthYear', 'scores', 'xEvent.items.price'],
        timestamps: ['person.birthDate', 'xEvent.timestamp'],
    });
});

test('fields named like built-in members are read as own properties only', () => {
    const checks = new DataChecks({ numbers: ['constructor', 'a.__proto__', 'a.toString'], timestamps: [] });
    checks.visit({ a: {} }, undefined);
    checks.visit(JSON.parse('{"constructor": 1e300, "a": {"__proto__": 1e300, "toString": [1e300, 2]}}'), undefined);
    expect(checks.result()?.unsafeIntegers).toEqual([{ path: 'constructor', count: 1 }, { path: 'a.__proto__', count: 1 }, { path: 'a.toString', count: 1 }]);
});
