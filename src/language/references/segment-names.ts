/** Naming helpers shared by validation, completion and the CLI. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** AEP segment definition and audience ids are UUIDs; such an `inSegment` argument is an external reference. */
export function isAepAudienceId(id: string): boolean {
    return UUID.test(id);
}

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as
 * one edit (optimal string alignment, the restricted Damerau–Levenshtein distance): `nmae` is one
 * edit from `name`, as a typo is. Stops early once it exceeds `limit` (suggestions only care about close names).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
    if (Math.abs(a.length - b.length) > limit) {
        return limit + 1;
    }
    let twoBack: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                distance = Math.min(distance, twoBack[j - 2] + 1);
            }
            current[j] = distance;
            rowMin = Math.min(rowMin, distance);
        }
        // A swap reaches back two rows, but never below the row in between (d[i-1][j-1] <= d[i-2][j-2] + 1).
        if (rowMin > limit) {
            return limit + 1;
        }
        twoBack = previous;
        previous = current;
    }
    return previous[b.length];
}

/**
 * "Did you mean": candidates equal ignoring case first, then those within an edit distance that
 * grows with the name's length (1 for short names, at most 3), best first, at most `max`.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
    const lower = name.toLowerCase();
    const limit = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
    const scored: Array<[string, number]> = [];
    for (const candidate of new Set(candidates)) {
        if (candidate === name) {
            continue;
        }
        const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), limit);
        if (distance <= limit) {
            scored.push([candidate, distance]);
        }
    }
    return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([candidate]) => candidate);
}

/** How many valid names a message lists when none is close to the one written. */
const LISTED = 6;

/**
 * The hint ending an "unknown name" message, the one place names are suggested: the closest
 * candidate ("Did you mean 'name'?"), else the first few candidates, sorted, so the user sees
 * what is valid ("Fields of 'person': birthDate, birthYear, gender … (9 more)."). `suggestions`
 * feed the quick fixes.
 */
export function nameHint(
    name: string, candidates: Iterable<string>, options: { known: string; quote?: string; keepOrder?: boolean },
): { suggestions: string[]; hint: string } {
    const all = [...new Set(candidates)];
    const quote = options.quote ?? "'";
    const suggestions = closestNames(name, all);
    if (suggestions.length > 0) {
        return { suggestions, hint: ` Did you mean ${quote}${suggestions[0]}${quote}?` };
    }
    if (all.length === 0) {
        return { suggestions, hint: '' };
    }
    // Enum values keep the schema's order (bronze, silver, gold); names are sorted.
    const sorted = options.keepOrder ? all : all.sort((a, b) => a.localeCompare(b, 'en'));
    const more = sorted.length > LISTED ? ` … (${sorted.length - LISTED} more)` : '';
    // Names are listed bare; string values (quote `"`) keep their quotes, as they are written.
    const listed = sorted.slice(0, LISTED).map(n => quote === '"' ? JSON.stringify(n) : n);
    return { suggestions, hint: ` ${options.known}: ${listed.join(', ')}${more}.` };
}
