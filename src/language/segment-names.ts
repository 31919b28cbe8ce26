/** Naming helpers shared by validation, completion and the CLI. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** AEP segment definition and audience ids are UUIDs; such an `inSegment` argument is an external reference. */
export function isAepAudienceId(id: string): boolean {
    return UUID.test(id);
}

/** Levenshtein distance, stopping early once it exceeds `limit` (suggestions only care about close names). */
export function editDistance(a: string, b: string, limit = Infinity): number {
    if (Math.abs(a.length - b.length) > limit) {
        return limit + 1;
    }
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            rowMin = Math.min(rowMin, current[j]);
        }
        if (rowMin > limit) {
            return limit + 1;
        }
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
