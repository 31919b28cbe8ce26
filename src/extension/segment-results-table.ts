/**
 * The results table's logic: which rows show, in which order, on which page.
 *
 * It runs inside the webview (its source is inlined into the page's script by
 * segment-results-html.ts) and in unit tests. So it must stay one self-contained function:
 * no imports, no references to anything outside its body, no recursion by name.
 */

/** The part of a profile row the table needs; extra keys are ignored. */
export interface TableRow {
    id: string;
    matched: boolean;
    [key: string]: unknown;
}

export interface TableState {
    showNonMatching: boolean;
    /** A column key (`id`, `name`, `birthYear`, …) or undefined for dataset order. */
    sortKey?: string;
    sortDescending?: boolean;
    /** Zero-based page; out-of-range values are clamped. */
    page: number;
    pageSize: number;
}

export interface TablePage<R extends TableRow> {
    rows: R[];
    /** The page actually shown, after clamping. */
    page: number;
    pageCount: number;
    /** Rows passing the filter, over all pages. */
    filtered: number;
}

/**
 * Filters (matching only, unless the toggle is on), sorts and pages the rows. Sorting is stable and
 * puts missing values last in both directions, so that rows without a birth year never hide the others;
 * numbers compare as numbers and strings by locale, case-insensitively.
 */
export function tablePage<R extends TableRow>(rows: readonly R[], state: TableState): TablePage<R> {
    let filtered = rows.filter(row => row.matched || state.showNonMatching);
    const key = state.sortKey;
    if (key) {
        const direction = state.sortDescending ? -1 : 1;
        const indexed = filtered.map((row, index) => ({ row, index }));
        indexed.sort((a, b) => {
            const x = a.row[key];
            const y = b.row[key];
            const xMissing = x === undefined || x === null || x === '';
            const yMissing = y === undefined || y === null || y === '';
            if (xMissing || yMissing) {
                return xMissing === yMissing ? a.index - b.index : (xMissing ? 1 : -1);
            }
            let order: number;
            if (typeof x === 'number' && typeof y === 'number') {
                order = x - y;
            } else if (typeof x === 'boolean' && typeof y === 'boolean') {
                order = Number(y) - Number(x);
            } else {
                order = String(x).localeCompare(String(y), undefined, { sensitivity: 'base', numeric: true });
            }
            return order === 0 ? a.index - b.index : order * direction;
        });
        filtered = indexed.map(entry => entry.row);
    }
    const pageSize = Math.max(1, Math.floor(state.pageSize));
    const pageCount = Math.max(1, Math.ceil(filtered.length / pageSize));
    const page = Math.min(Math.max(0, Math.floor(state.page) || 0), pageCount - 1);
    return { rows: filtered.slice(page * pageSize, (page + 1) * pageSize), page, pageCount, filtered: filtered.length };
}
