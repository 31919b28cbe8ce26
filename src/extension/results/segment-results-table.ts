/**
 * The profile list's logic: which rows show and in which order.
 *
 * It runs inside the webview (its source is inlined into the page's script by
 * segment-results-html.ts) and in unit tests. So it must stay one self-contained function:
 * no imports, no references to anything outside its body, no recursion by name.
 */

/** A row of the list, flattened: `id`, `name`, `events`, `matched` and one key per field column. */
export interface TableRow {
    id: string;
    matched: boolean;
    [key: string]: unknown;
}

export interface TableState {
    showNonMatching: boolean;
    /** Case-insensitive text that some value of the row must contain; empty or absent: no filter. */
    filter?: string;
    /** A column key (`id`, `name`, `events`, a field path…) or undefined for dataset order. */
    sortKey?: string;
    sortDescending?: boolean;
}

export interface TableView<R extends TableRow> {
    rows: R[];
    /** Rows of the kinds shown (matching, and non-matching when on) before the text filter. */
    shownKinds: number;
}

/**
 * Filters (matching only unless the toggle is on; then the text filter over every value), and sorts.
 * Sorting is stable and puts missing values last in both directions, so that rows without a value never
 * hide the others; numbers compare as numbers, strings by locale, case-insensitively and numerically.
 */
export function tablePage<R extends TableRow>(rows: readonly R[], state: TableState): TableView<R> {
    const kinds = rows.filter(row => row.matched || state.showNonMatching);
    const needle = (state.filter ?? '').trim().toLowerCase();
    let filtered = needle === '' ? kinds : kinds.filter(row => Object.keys(row).some(key => {
        const value = row[key];
        return key !== 'matched' && value !== undefined && value !== null && String(value).toLowerCase().includes(needle);
    }));
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
    return { rows: filtered, shownKinds: kinds.length };
}
