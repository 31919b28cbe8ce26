/** The byte line splitter of JSON Lines datasets and the JSON array scanner: every chunk boundary gives the same records. */
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import { ArrayScanner } from '../../src/engine/data/segment-array-scanner.js';
import { LineSplitter } from '../../src/engine/data/segment-lines.js';

/** Splits `bytes` into chunks of `size` bytes, or at the given offsets. */
function chunks(bytes: Buffer, cuts: number | number[]): Buffer[] {
    const offsets = typeof cuts === 'number' ? Array.from({ length: Math.ceil(bytes.length / cuts) }, (_, i) => i * cuts) : [0, ...cuts];
    return offsets.map((from, i) => bytes.subarray(from, offsets[i + 1] ?? bytes.length));
}

function split(parts: Buffer[]): Array<[string, number]> {
    const lines: Array<[string, number]> = [];
    const splitter = new LineSplitter((text, line) => lines.push([text, line]));
    // As the dataset reader does: every chunk in the same buffer, overwritten after each push.
    const shared = Buffer.alloc(Math.max(0, ...parts.map(part => part.length)));
    for (const part of parts) {
        part.copy(shared);
        splitter.push(shared.subarray(0, part.length));
        shared.fill('#');
    }
    splitter.end();
    return lines;
}

/** What `node:readline` makes of the same chunks: the reference for line breaks and numbering. */
async function readlineLines(parts: Buffer[]): Promise<Array<[string, number]>> {
    const lines: Array<[string, number]> = [];
    for await (const text of createInterface({ input: Readable.from(parts), crlfDelay: Infinity })) {
        lines.push([text, lines.length + 1]);
    }
    return lines;
}

const TRICKY = 'a€b\r\n\r\n😀x\n\rlone\rcr\r\r\nÿ\n{"k": "é"}';

describe('LineSplitter', () => {
    test('agrees with node:readline whole and cut at every byte (inside CRLF and multi-byte characters)', async () => {
        const bytes = Buffer.from(TRICKY);
        const expected = await readlineLines([bytes]);
        expect(expected.map(([text]) => text)).toEqual(['a€b', '', '😀x', '', 'lone', 'cr', '', 'ÿ', '{"k": "é"}']);
        expect(split([bytes])).toEqual(expected);
        expect(split(chunks(bytes, 1))).toEqual(expected);
        for (let cut = 1; cut < bytes.length; cut++) {
            expect(split(chunks(bytes, [cut])), `cut at ${cut}`).toEqual(expected);
            expect(split(chunks(bytes, [cut, Math.min(cut + 3, bytes.length)])), `cuts at ${cut}, ${cut + 3}`).toEqual(expected);
        }
    });

    test('a multi-byte character cut between chunks is decoded whole', () => {
        const bytes = Buffer.from('x😀y\n');
        for (let cut = 2; cut <= 4; cut++) {
            expect(split(chunks(bytes, [cut]))).toEqual([['x😀y', 1]]);
        }
    });

    test('a line spanning several reads, and a last line without a line break', () => {
        const long = 'é'.repeat(50_000);
        const bytes = Buffer.from(`first\r\n${long}\r\nlast`);
        expect(split(chunks(bytes, 4096))).toEqual([['first', 1], [long, 2], ['last', 3]]);
    });

    test('line breaks at the end: no extra line; empty chunks are harmless', () => {
        expect(split([Buffer.from('a\r')])).toEqual([['a', 1]]);
        expect(split([Buffer.from('a\r'), Buffer.alloc(0), Buffer.from('\nb\n')])).toEqual([['a', 1], ['b', 2]]);
        expect(split([Buffer.from('a\n\n')])).toEqual([['a', 1], ['', 2]]);
        expect(split([])).toEqual([]);
    });

    test('a BOM is part of the first line (the dataset trims it)', () => {
        expect(split(chunks(Buffer.from('\uFEFF{}\n{}'), [1]))).toEqual([['\uFEFF{}', 1], ['{}', 2]]);
    });
});

function scan(parts: Buffer[]): Array<[string, number]> {
    const elements: Array<[string, number]> = [];
    const scanner = new ArrayScanner((text, line) => elements.push([text, line]), (line, detail) => {
        throw new Error(`${line}: ${detail}`);
    });
    parts.forEach(part => scanner.push(part));
    scanner.end();
    return elements;
}

describe('ArrayScanner', () => {
    test('elements and their lines, whatever the chunk boundaries', () => {
        const text = '\uFEFF[\n {"a": "]é,[\\"😀"},\r\n 42 ,\n [1, {"b": [2]}], "s,"\n]\n';
        const bytes = Buffer.from(text);
        // A scalar element runs to its separator, white space included (JSON.parse skips it).
        const expected: Array<[string, number]> = [['{"a": "]é,[\\"😀"}', 2], ['42 ', 3], ['[1, {"b": [2]}]', 4], ['"s,"\n', 4]];
        expect(scan([bytes])).toEqual(expected);
        expect(scan(chunks(bytes, 1))).toEqual(expected);
        for (let cut = 1; cut < bytes.length; cut++) {
            expect(scan(chunks(bytes, [cut])), `cut at ${cut}`).toEqual(expected);
        }
    });

    test('malformed arrays name the line', () => {
        expect(() => scan([Buffer.from('[\n{"a": 1},\n{"b": ')])).toThrow('3: the JSON array is not closed');
        expect(() => scan([Buffer.from('[1]\n\nx')])).toThrow('3: unexpected content after the closing ]');
        expect(() => scan([Buffer.from('  \n')])).toThrow('2: the file is empty');
    });
});
