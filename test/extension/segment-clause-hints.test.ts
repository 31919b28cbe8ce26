import { describe, expect, test } from 'vitest';
import { clauseHints } from '../../src/extension/segment-clause-hints.js';
import type { RunResult } from '../../src/shared/segment-protocol.js';

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function result(overrides: Partial<RunResult>): RunResult {
    return {
        segment: 's', uri: 'file:///s.segment', now: '2026-11-01T12:00:00Z', nowSource: 'config', timeZone: 'UTC', samplePath: '/x.jsonl',
        sampleSource: 'config', total: 10, matched: 2, ids: [], clauses: [], columns: [], elapsedMs: 1, skipped: 0, rows: [], rowsTruncated: false, ...overrides,
    };
}

describe('clauseHints', () => {
    test('one hint per top-level clause, at the end of the line it ends on; clauses ending on one line share it', () => {
        const hints = clauseHints(result({
            clauses: [
                { path: '$', kind: 'and', text: 'a = 1 and b = 2 and c = 3', matched: 2, range: range(1, 11, 40) },
                { path: '$.0', kind: 'comparison', text: 'a = 1', matched: 5, range: range(1, 11, 16) },
                { path: '$.1', kind: 'comparison', text: 'b = 2', matched: 4, range: range(1, 21, 26) },
                { path: '$.2', kind: 'comparison', text: 'c = 3', matched: 3, range: range(2, 8, 13) },
            ],
        }), line => [0, 40, 13][line]);
        expect(hints.map(h => [h.line, h.character, h.label])).toEqual([[1, 40, '5 / 10 · 4 / 10'], [2, 13, '3 / 10']]);
        expect(hints[0].tooltip).toContain('a = 1: 5 profiles (50.0 %)');
        expect(hints[0].tooltip).toContain('segment.results.inlayHints');
    });

    test('a condition that is one event selection: its where-clauses too, with their event counts', () => {
        const hints = clauseHints(result({
            clauses: [{ path: '$', kind: 'select', text: 'select X …', matched: 2, range: range(0, 0, 50) }],
            clauseTree: {
                path: '$', kind: 'select', text: 'select X …', profiles: 2, range: range(1, 0, 50), children: [{
                    path: '$.0', kind: 'declaration', text: 'X from xEvent', profiles: 2, events: 3, of: 30, range: range(0, 7, 20), children: [
                        { path: '$.0.0', kind: 'comparison', text: 'X.a = 1', profiles: 6, events: 9, of: 30, range: range(0, 27, 34) },
                    ],
                }],
            },
        }), () => 60);
        expect(hints.map(h => [h.line, h.label])).toEqual([[1, '2 / 10'], [0, '6 / 10']]);
        expect(hints[1].tooltip).toContain('X.a = 1: 6 profiles (60.0 %), 9 of 30 events satisfied it');
    });

    test('nothing without ranges or clauses', () => {
        expect(clauseHints(result({ clauses: [{ path: '$', kind: 'value', text: 'x', matched: 1 }] }), () => 0)).toEqual([]);
        expect(clauseHints(result({}), () => 0)).toEqual([]);
    });
});
