/**
 * What a run reports when the data looks suspicious (issue 13; docs/semantics.md "Suspicious
 * data"): duplicate profile ids, integers beyond what a double holds exactly, numbers read as
 * timestamps that land before 1990 (epoch seconds read as milliseconds), timestamp values that are
 * not dates. Both engines count the same things at the same fields (segment-data-checks.ts for js,
 * sql/duckdb-data-checks.ts for DuckDB) and word them here, so their warnings are identical.
 */

/** The fields a run checks, as dotted paths from the profile (lists are looked through): from the XDM schema. */
export interface DataCheckFields {
    /** Integer and number fields: checked for unsafe integers. */
    numbers: readonly string[];
    /** Date and date-time fields: numbers before 1990 and values that are not dates. */
    timestamps: readonly string[];
}

/** How many suspicious values one field held. */
export interface FieldCount {
    path: string;
    count: number;
}

/** The suspicious data of a run; absent parts found nothing. */
export interface DataWarnings {
    /** Profiles whose `_id` an earlier profile already had, and the first such ids in data order. */
    duplicateIds?: { count: number; first: string[] };
    /** Numbers whose magnitude exceeds 2^53 − 1: beyond it a double cannot hold every integer. */
    unsafeIntegers?: FieldCount[];
    /** Numbers read as timestamps (epoch milliseconds) that fall before 1990-01-01. */
    earlyTimestamps?: FieldCount[];
    /** Values of timestamp fields that are not dates (`2026-02-30T10:00:00Z`, `yesterday`): they never occur. */
    invalidTimestamps?: FieldCount[];
}

/** 1990-01-01T00:00:00Z in epoch ms: a number read as a timestamp below it is likely epoch seconds (2026 in seconds is January 1970 in ms). */
export const EARLY_TIMESTAMP_MS = Date.UTC(1990, 0, 1);

/** How many duplicate ids the warning names. */
export const DUPLICATE_IDS_SHOWN = 5;

/** Field counts in a stable order: the order of the checked fields, zero counts dropped. */
export function fieldCounts(paths: readonly string[], counts: ReadonlyMap<string, number>): FieldCount[] | undefined {
    const found = paths.filter(p => (counts.get(p) ?? 0) > 0).map(path => ({ path, count: counts.get(path)! }));
    return found.length > 0 ? found : undefined;
}

/** `DataWarnings` without the empty parts (what both engines return). */
export function compactWarnings(warnings: DataWarnings): DataWarnings | undefined {
    const out: DataWarnings = {};
    if (warnings.duplicateIds && warnings.duplicateIds.count > 0) {
        out.duplicateIds = warnings.duplicateIds;
    }
    for (const key of ['unsafeIntegers', 'earlyTimestamps', 'invalidTimestamps'] as const) {
        if (warnings[key]?.length) {
            out[key] = warnings[key];
        }
    }
    return Object.keys(out).length > 0 ? out : undefined;
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const fields = (counts: readonly FieldCount[]): string => counts.map(c => `${c.path} (${c.count.toLocaleString('en-US')})`).join(', ');

/** The warnings as the run prints them (text output, JSON `warnings`, the editor's results panel). */
export function dataWarningMessages(warnings: DataWarnings | undefined): string[] {
    if (!warnings) {
        return [];
    }
    const notes: string[] = [];
    const { duplicateIds, unsafeIntegers, earlyTimestamps, invalidTimestamps } = warnings;
    if (duplicateIds) {
        notes.push(`duplicate ids: ${plural(duplicateIds.count, 'profile repeats', 'profiles repeat')} the _id of an earlier profile (${duplicateIds.first.join(', ')}${duplicateIds.count > duplicateIds.first.length ? ', …' : ''}); each record is evaluated and counted as a profile of its own.`);
    }
    if (unsafeIntegers) {
        notes.push(`unsafe integers (beyond ±(2^53 − 1) = ±9007199254740991 numbers lose their last digits and may compare wrong): ${fields(unsafeIntegers)}.`);
    }
    if (earlyTimestamps) {
        notes.push(`timestamps before 1990 read from numbers (read as epoch milliseconds; likely epoch seconds): ${fields(earlyTimestamps)}.`);
    }
    if (invalidTimestamps) {
        notes.push(`invalid timestamps (not a date, such as 2026-02-30 or text; they never occur): ${fields(invalidTimestamps)}.`);
    }
    return notes;
}
