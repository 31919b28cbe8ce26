/**
 * The generated fast path (segment-codegen.ts) must agree with the closure compiler and the clause
 * skeleton it stands in for: same result per profile, same per-clause counts — on the example
 * segments over the sample dataset, and over the same profiles made odd (events out of order,
 * timestamps as numbers, scalars turned into lists or strings).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SegmentDefinition, SegmentFile } from '../../src/language/generated/ast.js';
import { compileSegment, evaluateSegment, openDataset } from '../../src/engine/segment-engine.js';
import { readDataset } from '../../src/engine/data/segment-dataset.js';
import type { Profile } from '../../src/engine/runtime/segment-values.js';
import { NOW, parseSegments, segmentOf, services } from './engine-helpers.js';

const examples = path.resolve(__dirname, '../../examples');
let segments: SegmentDefinition[] = [];
let profiles: Profile[] = [];

/** Variants of a profile that take the generated code's slow branches. */
function oddVariants(p: Profile): Profile[] {
    const events = Array.isArray(p.xEvent) ? (p.xEvent as Record<string, unknown>[]) : [];
    const asNumbers = events.map(e => ({ ...e, timestamp: typeof e.timestamp === 'string' ? Date.parse(e.timestamp) : e.timestamp }));
    const listed = JSON.parse(JSON.stringify(p), (key, value) => (key === 'eventType' || key === 'tier' || key === 'countryCode' ? [value, 'x'] : value));
    const stringly = JSON.parse(JSON.stringify(p), (_key, value) => (typeof value === 'number' ? String(value) : value));
    return [
        { ...p, xEvent: [...events].reverse() },
        { ...p, xEvent: asNumbers },
        { ...p, xEvent: events[0] ?? null },
        listed,
        stringly,
    ];
}

beforeAll(async () => {
    const documents = services.shared.workspace.LangiumDocuments;
    const files = readdirSync(examples).filter(f => f.endsWith('.segment'));
    const loaded = files.map(f => documents.createDocument(URI.file(path.join(examples, `codegen-${f}`)), readFileSync(path.join(examples, f), 'utf8')));
    await services.shared.workspace.DocumentBuilder.build(loaded, {});
    segments = loaded.flatMap(d => (d.parseResult.value as SegmentFile).segments);
    const sample = (await readDataset(path.join(examples, 'sample-profiles.jsonl'))).profiles;
    profiles = [...sample, ...sample.slice(0, 200).flatMap(oddVariants)];
});

describe('generated fast path', () => {
    test('agrees with the closure skeleton on every example segment, plain and odd data', () => {
        expect(segments.length).toBeGreaterThan(5);
        for (const segment of segments) {
            const now = new Date('2026-11-01T12:00:00Z');
            const { compiled } = compileSegment(segment, { now, workspaceSegments: segments });
            const { compiled: reference } = compileSegment(segment, { now, workspaceSegments: segments });
            const counts = new Float64Array(compiled.clauses.length);
            const expected = new Float64Array(compiled.clauses.length);
            for (const profile of profiles) {
                const skeleton = reference.evaluateClauses(profile);
                expected.forEach((_, i) => (expected[i] += skeleton.results[i]));
                expect(compiled.matches(profile), `${segment.name} on ${String(profile._id)}`).toBe(skeleton.matched);
                expect(compiled.countClauses(profile, counts)).toBe(skeleton.matched);
            }
            expect([...counts], segment.name).toEqual([...expected]);
        }
    });

    test('literals and field names never become code', async () => {
        const text = 'a" || process.exit(7) || "';
        const segment = await segmentOf(`name = "${text.replace(/"/g, '\\"')}" or tags in ["\\u2028", "x\\"y"]`);
        const { compiled } = compileSegment(segment, { now: NOW });
        expect(compiled.matches({ name: text })).toBe(true);
        expect(compiled.matches({ name: 'a' })).toBe(false);
        expect(compiled.matches({ tags: 'x"y' })).toBe(true);
    });

    test('agrees with the closures on the shapes it generates: nulls, missing fields, primitives, lists, Maps', async () => {
        const conditions = [
            'a.b = "x" and c.d >= 2 and e.f in ["u", "v"] and g.h != "y" and k > 0',
            'a.b.c = 1 or a.b.c > 5 or not (a.b = "x")',
            'e.f notIn ["u"] or c.d < 3',
            // Names of built-in members must still read fields (lists project, Maps look up).
            'items.values = 3 or m.size = 2 or x.toString = "a" or list.map = 1',
            'xEvent.eventType = "v" and xEvent[eventType = "v"].count() >= 1',
            '(inSegment("s2") or a.b = "x") and c.d > 1',
            // Declarations as nested loops: variables in slots, sources that are lists, records, Maps or nothing.
            'exists V from xEvent where V.eventType = "v", B from V.items where B.n > 1 or B = 2',
            '(forall E from xEvent : E.device.type = "m") and xEvent.count() > 0',
            'select O from xEvent where O.eventType = "v", I from O.items where I.n >= 3 and (exists J from a.b where J = I.n)',
            'not (select X from xEvent where X.n > 3) or (forall P from a.b, Q from xEvent : Q.n != P)',
            '(sum X.n over X from xEvent where X.eventType = "v") > 4 or (average A from a.b) >= 2',
            '(min X.n over X from xEvent) < 3 or (max Y over X from xEvent, Y from X.items where Y != X.n) > 3 or (sum A from a.b) = 0',
            // A filter's aggregate method without the filtered list: numbers, lists of numbers flattened, anything else skipped.
            'xEvent[eventType = "v"].sum(n) > 3 or xEvent[eventType = "w"].min(n) < 2',
            'xEvent[n > 1].max(items) >= 5',
            // String methods with constant arguments on a generated read (lists: some element; Maps and records: never).
            'a.b.equals("X", false) or e.f.contains("u") or g.h.doesNotStartWith("y", false)',
            'a.b.notEqualTo("x") and not k.endsWith(1) and c.d.startsWith(c.d, true) or xEvent.eventType.equals("V", false)',
            'xEvent[true].average(n) = 3 or a.b[true].sum() >= 4 or xEvent[eventType = "v"].sum() = 0',
        ];
        const profiles: unknown[] = [
            {}, { a: null }, { a: { b: null } }, { a: 'str' }, { a: 5 }, { a: true }, { a: { b: 'x' } }, { a: [{ b: 'x' }, { b: 'y' }] },
            { a: new Map([['b', 'x']]) }, { a: { b: ['x', 'z'] } }, { a: { b: { c: 1 } } }, { a: [{ b: { c: 6 } }] }, { a: { b: { c: '6' } } },
            { a: { b: 'x' }, c: { d: 3 }, e: { f: 'u' }, g: { h: 'z' }, k: 1 }, { a: { b: 'x' }, c: { d: '3' }, e: { f: ['w', 'v'] }, g: { h: null }, k: 1 },
            { a: { b: 'x' }, c: { d: [1, 3] }, e: { f: 'v' }, g: {}, k: [0, 2] }, { a: { b: 'x' }, c: new Map([['d', 5]]), e: { f: 'u' }, g: { h: ['y', 'q'] }, k: 1 },
            { items: [{ values: 3 }] }, { items: { values: 3 } }, { items: [] }, { m: new Map([['size', 2]]) }, { m: { size: 2 } }, { m: new Map() },
            { x: { toString: 'a' } }, { x: {} }, { list: [{ map: 1 }] }, { list: { map: 1 } },
            { xEvent: [{ eventType: 'v' }] }, { xEvent: { eventType: 'v' } }, { xEvent: [{ eventType: ['v'] }, null] }, { xEvent: 'v' },
            { xEvent: [{ eventType: 'v', n: 2, items: [{ n: 3 }, 2, null] }, { eventType: 'v', n: '5', items: { n: 2 } }], a: { b: [1, '2', 3] } },
            { xEvent: [{ eventType: 'v', n: 4, items: [4, 5], device: { type: 'm' } }], a: { b: new Map([['k', 4]]) } },
            { xEvent: [{ eventType: 'w', n: 1, items: new Map([['k', { n: 9 }]]), device: { type: ['m'] } }, { n: 3 }], a: { b: 2 } },
            null, undefined, 'str', 7,
        ];
        for (const condition of conditions) {
            const [other, definition] = await parseSegments(`segment s2 { where: c.d = 3 }\nsegment t { where: ${condition} }`);
            const options = { now: NOW, workspaceSegments: [other, definition] };
            const { compiled, warnings } = compileSegment(definition, options);
            // Generated, not fallen back to the closures as a whole ("fast path unavailable").
            expect(warnings, condition).toEqual([]);
            const { compiled: reference } = compileSegment(definition, options);
            for (const profile of profiles as Profile[]) {
                const expected = reference.evaluateClauses(profile).matched;
                const label = `${condition} on ${JSON.stringify(profile, (_k, v) => (v instanceof Map ? [...v] : v))}`;
                expect(compiled.matches(profile), label).toBe(expected);
                expect(compiled.countClauses(profile, new Float64Array(compiled.clauses.length)), label).toBe(expected);
            }
        }
        // The local segment is the one referenced (not a membership lookup).
        const [s2, t] = await parseSegments('segment s2 { where: c.d = 3 }\nsegment t { where: inSegment("s2") }');
        expect(compileSegment(t, { now: NOW, workspaceSegments: [s2, t] }).compiled.matches({ c: { d: 3 } })).toBe(true);
        // The member names read fields, through lists and Maps, exactly as a path does anywhere else.
        for (const [condition, profile] of [
            ['items.values = 3', { items: [{ values: 3 }] }], ['m.size = 2', { m: new Map([['size', 2]]) }], ['list.map = 1', { list: [{ map: 1 }] }],
        ] as const) {
            const { compiled } = compileSegment(await segmentOf(condition), { now: NOW });
            expect(compiled.matches(profile as Profile), condition).toBe(true);
        }
    });

    test('evaluateSegment counts every clause with or without the generated counter', async () => {
        const segment = await segmentOf('(a > 1 and not (b = "x")) or xEvent[eventType = "v"].count() >= 2');
        const data: Profile[] = [
            { a: 2, b: 'y' }, { a: 2, b: 'x' }, { a: [0, 5] }, { xEvent: [{ eventType: 'v' }, { eventType: 'v' }] }, { a: '3' },
        ];
        const result = await evaluateSegment(segment, data, { now: NOW });
        expect(result.clauses.map(c => [c.path, c.kind, c.matched])).toEqual([
            ['$', 'or', 3], ['$.0', 'and', 2], ['$.0.0', 'comparison', 3], ['$.0.1', 'not', 4], ['$.0.1.0', 'comparison', 1], ['$.1', 'comparison', 1],
        ]);
        expect(result.ids).toEqual(['#1', '#3', '#4']);
    });
});

describe('dataset batches', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'segment-batches-'));
    const file = (name: string, text: string | Buffer): string => {
        const target = path.join(dir, name);
        writeFileSync(target, text);
        return target;
    };

    test('lines longer than a read chunk, CRLF across chunk boundaries, lone CR line breaks', async () => {
        const big = { _id: 'big', pad: 'é'.repeat(700_000) };
        const lines = [JSON.stringify({ _id: 'a' }), JSON.stringify(big), JSON.stringify({ _id: 'b' })];
        // Put a CRLF exactly on the 1 MiB boundary.
        const head = JSON.stringify({ _id: 'h', pad: 'x'.repeat((1 << 20) - 1 - 20) });
        const text = `${head}\r\n${lines.join('\r\n')}\r{"_id": "c"}\n\n  {"_id": "d"}  `;
        expect(Buffer.byteLength(head) + 1).toBe(1 << 20);
        const { profiles: read } = await readDataset(file('long.jsonl', text));
        expect(read.map(p => p._id)).toEqual(['h', 'a', 'big', 'b', 'c', 'd']);
        expect(read[2].pad).toBe(big.pad);
    });

    test('line numbers of errors count every line, and earlier profiles are delivered first', async () => {
        const f = file('bad.jsonl', '{"_id": "a"}\r\n{"_id": "b"}\n\n{"_id": \n');
        const dataset = await openDataset(f);
        const seen: unknown[] = [];
        const error = await (async () => {
            for await (const p of dataset.profiles) {
                seen.push(p._id);
            }
        })().catch(e => e);
        expect(seen).toEqual(['a', 'b']);
        expect(error.line).toBe(4);
    });

    test('a $meta record after a skipped first record is a profile', async () => {
        const dataset = await openDataset(file('meta.jsonl', 'oops\n{"$meta": {"now": "2026-01-01T00:00:00Z"}}\n'), { skipInvalid: true });
        expect(dataset.meta).toEqual({});
        const result = await evaluateSegment(await segmentOf('true'), dataset.profiles, { now: NOW });
        expect(result.total).toBe(1);
    });
});
