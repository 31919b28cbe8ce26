/** Dataset reading: JSONL and JSON arrays, the `$meta` record, malformed records. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DatasetError, openDataset, readDataset } from '../../src/engine/data/segment-dataset.js';
import { EvaluationCancelledError, evaluateSegment } from '../../src/engine/segment-engine.js';
import { NOW, segmentOf } from './engine-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'segment-dataset-'));
function file(name: string, text: string): string {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
}

describe('datasets', () => {
    test('JSON Lines with a $meta first line', async () => {
        const f = file('a.jsonl', '{"$meta": {"now": "2026-11-01T12:00:00Z"}}\n{"_id": "a"}\n\n{"_id": "b", "xEvent": []}\r\n');
        const { meta, profiles, skipped } = await readDataset(f);
        expect(meta.now).toBe('2026-11-01T12:00:00Z');
        expect(profiles.map(p => p._id)).toEqual(['a', 'b']);
        expect(skipped).toBe(0);
    });

    test('a JSON array, streamed element by element, with strings containing brackets and escapes', async () => {
        const text = '[\n {"$meta": {"now": "2026-01-01T00:00:00Z"}},\n {"_id": "a", "s": "] , [ {\\"x\\" }"},\n {"_id": "b", "xEvent": [{"t": [1, {"u": 2}]}]}\n]\n';
        const dataset = await openDataset(file('a.json', text));
        expect(dataset.format).toBe('json');
        expect(dataset.meta.now).toBe('2026-01-01T00:00:00Z');
        const ids: unknown[] = [];
        for await (const p of dataset.profiles) {
            ids.push(p._id);
            if (p._id === 'a') {
                expect(p.s).toBe('] , [ {"x" }');
            }
        }
        expect(ids).toEqual(['a', 'b']);
    });

    test('a large JSON array is split across read chunks correctly', async () => {
        const profiles = Array.from({ length: 3000 }, (_, i) => ({ _id: `p${i}`, pad: 'x'.repeat(i % 50), list: [i, { i }] }));
        const { profiles: read } = await readDataset(file('big.json', JSON.stringify(profiles, null, 1)));
        expect(read).toEqual(profiles);
    });

    test('a profile without $meta first has an empty meta and is kept', async () => {
        const { meta, profiles } = await readDataset(file('b.jsonl', '{"_id": "a"}\n{"$meta": {"now": "x"}}\n'));
        expect(meta).toEqual({});
        expect(profiles).toHaveLength(2);
    });

    test('a malformed line fails with the file name and line number', async () => {
        const f = file('bad.jsonl', '{"_id": "a"}\n\n{"_id": "b",\n{"_id": "c"}\n');
        const error = await readDataset(f).catch(e => e);
        expect(error).toBeInstanceOf(DatasetError);
        expect(error.line).toBe(3);
        expect(error.message).toMatch(new RegExp(`bad\\.jsonl:3: malformed JSON`));
    });

    test('a record that is not an object is malformed too (JSON arrays report the element line)', async () => {
        const error = await readDataset(file('bad.json', '[\n{"_id": "a"},\n42,\n{"_id": "b"}\n]')).catch(e => e);
        expect(error).toMatchObject({ line: 3, detail: 'expected a JSON object (a profile)' });
        const unclosed = await readDataset(file('open.json', '[\n{"_id": "a"},\n{"_id": ')).catch(e => e);
        expect(unclosed).toMatchObject({ line: 3, detail: 'the JSON array is not closed' });
    });

    test('skipInvalid goes past malformed records and counts them', async () => {
        const f = file('skip.jsonl', '{"_id": "a"}\nnot json\n[1]\n{"_id": "b"}\n');
        const dataset = await openDataset(f, { skipInvalid: true });
        const ids: unknown[] = [];
        for await (const p of dataset.profiles) {
            ids.push(p._id);
        }
        expect(ids).toEqual(['a', 'b']);
        expect(dataset.skipped).toBe(2);
        expect(dataset.problems[0]).toMatch(/skip\.jsonl:2:/);
        expect(dataset.problems[1]).toMatch(/skip\.jsonl:3: expected a JSON object/);
    });

    test('line numbers count CRLF, lone CR and blank lines, past a BOM and across read chunks', async () => {
        // ~2.5 MB: the malformed line comes after the first 1 MiB reads; names hold multi-byte characters.
        const lines = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ _id: `p${i}`, name: `Zoë ${'€'.repeat(200)} ${i}` }));
        lines[3000] = '{"_id": "bad", €';
        const text = '\uFEFF' + lines.slice(0, 10).join('\r\n') + '\r\n\r\n\r' + lines.slice(10).join('\n');
        const error = await readDataset(file('crlf.jsonl', text)).catch(e => e);
        expect(error).toBeInstanceOf(DatasetError);
        // 10 lines, then two blank lines (an empty CRLF line and a lone CR), then lines[10] on line 13.
        expect(error.line).toBe(3000 + 3);
        const skipped = await readDataset(file('crlf.jsonl', text), { skipInvalid: true });
        expect(skipped.profiles).toHaveLength(3999);
        expect(skipped.profiles[3999 - 1]).toMatchObject({ _id: 'p3999', name: `Zoë ${'€'.repeat(200)} 3999` });
        expect(skipped.skipped).toBe(1);
    });

    test('a BOM before $meta, and a last line without a line break', async () => {
        const { meta, profiles } = await readDataset(file('bom.jsonl', '\uFEFF{"$meta": {"now": "2026-11-01T12:00:00Z"}}\r\n{"_id": "a"}\r\n{"_id": "b"}'));
        expect(meta.now).toBe('2026-11-01T12:00:00Z');
        expect(profiles.map(p => p._id)).toEqual(['a', 'b']);
    });

    test('a run over a dataset polls cancellation once per read chunk and stops', async () => {
        const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ _id: `p${i}`, a: 1, pad: 'x'.repeat(100) }));
        const dataset = await openDataset(file('cancel.jsonl', lines.join('\n')));
        let polls = 0;
        const outcome = await evaluateSegment(await segmentOf('a = 1'), dataset.profiles, { now: NOW, cancel: () => ++polls > 1 }).catch(e => e);
        expect(outcome).toBeInstanceOf(EvaluationCancelledError);
        expect(polls).toBe(2);
    });
});
