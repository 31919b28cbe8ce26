import { describe, expect, test } from 'vitest';
import { tablePage, type TableRow, type TableState } from '../../src/extension/segment-results-table.js';

const rows: TableRow[] = [
    { id: 'p1', matched: true, name: 'bob', birthYear: 1990, events: 3 },
    { id: 'p2', matched: false, name: 'Alice', birthYear: 1985, events: 10 },
    { id: 'p3', matched: true, name: 'carol', events: 2 },
    { id: 'p4', matched: true, name: 'Alice', birthYear: 2001, events: 0 },
    { id: 'p10', matched: false, name: 'dave', birthYear: 1970, events: 1 },
];

const base: TableState = { showNonMatching: false, page: 0, pageSize: 50 };
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

    test('pages, clamping out-of-range pages', () => {
        const many: TableRow[] = Array.from({ length: 120 }, (_, i) => ({ id: `p${i}`, matched: true }));
        const first = tablePage(many, { ...base, pageSize: 50 });
        expect(first).toMatchObject({ page: 0, pageCount: 3, filtered: 120 });
        expect(first.rows).toHaveLength(50);
        const last = tablePage(many, { ...base, pageSize: 50, page: 7 });
        expect(last.page).toBe(2);
        expect(last.rows.map(r => r.id)).toEqual(many.slice(100).map(r => r.id));
        expect(tablePage(many, { ...base, page: -3 }).page).toBe(0);
        expect(tablePage([], base)).toMatchObject({ rows: [], page: 0, pageCount: 1, filtered: 0 });
    });

    test('is self-contained: its source text, evaluated alone as the webview does, behaves the same', () => {
        const inlined = new Function(`return (${tablePage.toString()});`)() as typeof tablePage;
        const state: TableState = { showNonMatching: true, sortKey: 'name', sortDescending: true, page: 0, pageSize: 2 };
        expect(inlined(rows, state)).toEqual(tablePage(rows, state));
    });
});
