import { describe, expect, test } from 'vitest';
import { tablePage, type TableRow, type TableState } from '../../src/extension/results/segment-results-table.js';

const rows: TableRow[] = [
    { id: 'p1', matched: true, name: 'bob', birthYear: 1990, events: 3 },
    { id: 'p2', matched: false, name: 'Alice', birthYear: 1985, events: 10 },
    { id: 'p3', matched: true, name: 'carol', events: 2 },
    { id: 'p4', matched: true, name: 'Alice', birthYear: 2001, events: 0 },
    { id: 'p10', matched: false, name: 'dave', birthYear: 1970, events: 1 },
];

const base: TableState = { showNonMatching: false };
const ids = (state: Partial<TableState>): string[] => tablePage(rows, { ...base, ...state }).rows.map(r => r.id);

describe('tablePage', () => {
    test('shows only matching profiles until the toggle is on', () => {
        expect(ids({})).toEqual(['p1', 'p3', 'p4']);
        expect(ids({ showNonMatching: true })).toEqual(['p1', 'p2', 'p3', 'p4', 'p10']);
    });

    test('sorts strings case-insensitively and stably, numbers numerically, missing values last both ways', () => {
        expect(ids({ showNonMatching: true, sortKey: 'name' })).toEqual(['p2', 'p4', 'p1', 'p3', 'p10']);
        expect(ids({ showNonMatching: true, sortKey: 'name', sortDescending: true })).toEqual(['p10', 'p3', 'p1', 'p2', 'p4']);
        expect(ids({ showNonMatching: true, sortKey: 'birthYear' })).toEqual(['p10', 'p2', 'p1', 'p4', 'p3']);
        expect(ids({ showNonMatching: true, sortKey: 'birthYear', sortDescending: true })).toEqual(['p4', 'p1', 'p2', 'p10', 'p3']);
        expect(ids({ showNonMatching: true, sortKey: 'id' })).toEqual(['p1', 'p2', 'p3', 'p4', 'p10']);
    });

    test('the filter matches the id or any value, case-insensitively, within the kinds shown', () => {
        expect(ids({ filter: 'alice' })).toEqual(['p4']);
        expect(ids({ filter: ' ALICE ', showNonMatching: true })).toEqual(['p2', 'p4']);
        expect(ids({ filter: '199', showNonMatching: true })).toEqual(['p1']);
        expect(ids({ filter: 'p1' , showNonMatching: true })).toEqual(['p1', 'p10']);
        // `matched` is not text: "true" finds nothing.
        expect(ids({ filter: 'true' })).toEqual([]);
        expect(tablePage(rows, { showNonMatching: false, filter: 'carol' })).toEqual({ rows: [rows[2]], shownKinds: 3 });
    });

    test('the filter and sorting combine; an empty list stays empty', () => {
        expect(ids({ filter: 'a', sortKey: 'birthYear', showNonMatching: true })).toEqual(['p10', 'p2', 'p4', 'p3']);
        expect(tablePage([], base)).toEqual({ rows: [], shownKinds: 0 });
    });

    test('the function is self-contained, so the webview can inline its source', () => {
        const inlined = new Function(`return (${tablePage.toString()});`)() as typeof tablePage;
        expect(inlined(rows, { showNonMatching: true, sortKey: 'events' }).rows.map(r => r.id)).toEqual(['p4', 'p10', 'p3', 'p1', 'p2']);
    });
});
