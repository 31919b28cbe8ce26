/** Hostile datasets (issue 13): a record without end, records nested thousands deep. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { DatasetError, MAX_NESTING, openDataset, readDataset } from '../../src/engine/data/segment-dataset.js';
import { evaluateSegment } from '../../src/engine/segment-engine.js';
import { MAX_RECORD_BYTES } from '../../src/engine/data/segment-lines.js';
import { NOW, segmentOf } from './engine-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'segment-hostile-'));
function file(name: string, text: string | Buffer): string {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
}

test('a record longer than the cap is an error naming its line, even with skipInvalid', async () => {
    const huge = Buffer.alloc(MAX_RECORD_BYTES + 1024 * 1024, 0x20);
    const f = file('long.jsonl', Buffer.concat([Buffer.from('{"_id": "a"}\n{"_id": "b", "s": "'), huge]));
    for (const skipInvalid of [false, true]) {
        const failure = await readDataset(f, { skipInvalid }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(DatasetError);
        expect((failure as DatasetError).line).toBe(2);
        expect((failure as Error).message).toMatch(/long\.jsonl:2: the record is longer than 64 MiB/);
    }
});

test('a JSON array element longer than the cap is an error naming its line', async () => {
    const f = file('long.json', Buffer.concat([Buffer.from('[\n{"_id": "a"},\n{"s": "'), Buffer.alloc(MAX_RECORD_BYTES + 1024, 0x61)]));
    await expect(readDataset(f)).rejects.toThrow(/long\.json:3: the record is longer than 64 MiB/);
});

test('events nested 5,000 arrays deep make an invalid record, named by line and skippable', async () => {
    const deep = `{"_id": "deep", "xEvent": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const f = file('deep.jsonl', `{"_id": "a", "xEvent": [{"eventType": "x"}]}\n${deep}\n{"_id": "c", "xEvent": [[[{"eventType": "x"}]]], "s": "[[[["}\n`);
    await expect(readDataset(f)).rejects.toThrow(`deep.jsonl:2: the record nests arrays and objects more than ${MAX_NESTING} deep`);
    const dataset = await openDataset(f, { skipInvalid: true });
    const result = await evaluateSegment(await segmentOf('xEvent.eventType = "x"'), dataset.profiles, { now: NOW });
    expect(result.ids).toEqual(['a', 'c']);
    expect(dataset.skipped).toBe(1);
    expect(dataset.problems[0]).toMatch(/deep\.jsonl:2:/);
});
