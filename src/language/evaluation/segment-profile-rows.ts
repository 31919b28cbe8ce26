import { openDataset, profileId } from '../../engine/segment-engine.js';
import type { ProfileColumn, ProfileRow } from '../../shared/segment-protocol.js';

/**
 * The results table's rows, read in a second pass over the dataset: the engine's pass keeps only
 * ids, so memory stays bounded by the rows wanted whatever the dataset's size. Stops reading as
 * soon as it has them. Matching rows come first, each kind in dataset order.
 */
export async function collectProfileRows(
    file: string,
    matchedIds: ReadonlySet<string>,
    wanted: { matching: number; others: number },
    columns: readonly ProfileColumn[],
    checkCancelled: () => void,
): Promise<ProfileRow[]> {
    const matching: ProfileRow[] = [];
    const others: ProfileRow[] = [];
    let position = 0;
    for await (const profile of (await openDataset(file, { skipInvalid: true })).profiles) {
        if (matching.length >= wanted.matching && others.length >= wanted.others) {
            break;
        }
        if (++position % 1000 === 0) {
            checkCancelled();
        }
        // Same ids as the engine's: `_id`, else the position among the valid records.
        const id = profileId(profile, position);
        const matched = matchedIds.has(id);
        const bucket = matched ? matching : others;
        if (bucket.length < (matched ? wanted.matching : wanted.others)) {
            bucket.push(profileRow(id, profile, matched, columns));
        }
    }
    return [...matching, ...others];
}

/**
 * The name of a profile, looked up along the XDM paths AEP's standard field groups use (datasets
 * differ: hand-written samples, AEP exports), first hit wins; a missing one stays missing rather
 * than guessed. The other columns are the fields the segment reads (segment-profile-columns.ts).
 */
const PATHS = {
    fullName: [['person', 'name', 'fullName'], ['name']],
    firstName: [['person', 'name', 'firstName']],
    lastName: [['person', 'name', 'lastName']],
    events: [['xEvent'], ['events'], ['experienceEvents']],
} satisfies Record<string, string[][]>;

export function profileRow(id: string, profile: unknown, matched: boolean, columns: readonly ProfileColumn[] = []): ProfileRow {
    const row: ProfileRow = { id, events: 0, matched, fields: {} };
    const first = stringAt(profile, PATHS.firstName);
    const last = stringAt(profile, PATHS.lastName);
    const name = stringAt(profile, PATHS.fullName) ?? ([first, last].filter(Boolean).join(' ') || undefined);
    if (name !== undefined) {
        row.name = name;
    }
    const events = PATHS.events.map(path => valueAt(profile, path)).find(Array.isArray);
    row.events = events?.length ?? 0;
    for (const column of columns) {
        const value = cellValue(valueAt(profile, column.key.split('.')));
        if (value !== undefined) {
            row.fields[column.key] = value;
        }
    }
    return row;
}

/** A primitive as it is; a list or record as short JSON (the table is for a glance, the JSON pane has it all). */
function cellValue(value: unknown): string | number | boolean | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        return value;
    }
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function stringAt(profile: unknown, paths: string[][]): string | undefined {
    for (const path of paths) {
        const value = valueAt(profile, path);
        if (typeof value === 'string' && value !== '') {
            return value;
        }
        if (typeof value === 'number' || typeof value === 'boolean') {
            return String(value);
        }
    }
    return undefined;
}

function valueAt(value: unknown, path: string[]): unknown {
    let current = value;
    for (const key of path) {
        if (current === null || typeof current !== 'object' || Array.isArray(current)) {
            return undefined;
        }
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}
