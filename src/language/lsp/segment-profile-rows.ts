import { openDataset, profileId } from '../../engine/segment-engine.js';
import type { ProfileRow } from '../../shared/segment-protocol.js';

/**
 * The results table's rows, read in a second pass over the dataset: the engine's pass keeps only
 * ids, so memory stays bounded by the rows wanted whatever the dataset's size. Stops reading as
 * soon as it has them. Matching rows come first, each kind in dataset order.
 */
export async function collectProfileRows(
    file: string,
    matchedIds: ReadonlySet<string>,
    wanted: { matching: number; others: number },
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
            bucket.push(profileRow(id, profile, matched));
        }
    }
    return [...matching, ...others];
}

/**
 * The few attributes of a profile the results table shows. Datasets differ (hand-written samples,
 * AEP exports, tenant field groups), so each attribute is looked up along the XDM paths AEP's
 * standard field groups use, first hit wins; a missing one stays missing rather than guessed.
 */
const PATHS = {
    fullName: [['person', 'name', 'fullName'], ['name']],
    firstName: [['person', 'name', 'firstName']],
    lastName: [['person', 'name', 'lastName']],
    email: [['personalEmail', 'address'], ['workEmail', 'address'], ['email']],
    country: [['homeAddress', 'countryCode'], ['homeAddress', 'country'], ['country']],
    loyaltyTier: [['loyalty', 'tier'], ['loyalty', 'status'], ['loyaltyTier']],
    birthYear: [['person', 'birthYear'], ['birthYear']],
    birthDate: [['person', 'birthDate'], ['birthDate']],
    events: [['xEvent'], ['events'], ['experienceEvents']],
} satisfies Record<string, string[][]>;

export function profileRow(id: string, profile: unknown, matched: boolean): ProfileRow {
    const row: ProfileRow = { id, events: 0, matched };
    const first = stringAt(profile, PATHS.firstName);
    const last = stringAt(profile, PATHS.lastName);
    const name = stringAt(profile, PATHS.fullName) ?? ([first, last].filter(Boolean).join(' ') || undefined);
    assign(row, 'name', name);
    assign(row, 'email', stringAt(profile, PATHS.email));
    assign(row, 'country', stringAt(profile, PATHS.country));
    assign(row, 'loyaltyTier', stringAt(profile, PATHS.loyaltyTier));
    assign(row, 'birthYear', birthYear(profile));
    const events = PATHS.events.map(path => valueAt(profile, path)).find(Array.isArray);
    row.events = events?.length ?? 0;
    return row;
}

function birthYear(profile: unknown): number | undefined {
    const year = PATHS.birthYear.map(path => valueAt(profile, path)).find(value => value !== undefined && value !== null);
    if (typeof year === 'number' && Number.isInteger(year)) {
        return year;
    }
    if (typeof year === 'string' && /^\d{4}$/u.test(year)) {
        return Number(year);
    }
    const date = stringAt(profile, PATHS.birthDate);
    return date && /^\d{4}-/u.test(date) ? Number(date.slice(0, 4)) : undefined;
}

function assign<K extends keyof ProfileRow>(row: ProfileRow, key: K, value: ProfileRow[K] | undefined): void {
    if (value !== undefined) {
        row[key] = value;
    }
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
