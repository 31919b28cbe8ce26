/**
 * Splitting a DuckDB run that runs out of memory into scans of fewer segments: the many-segment
 * query holds every segment's per-profile columns at once, one segment's query far fewer.
 */

/** DuckDB's error when its buffer manager cannot get memory under the limit (other errors are not retried). */
export function isOutOfMemory(error: unknown): boolean {
    return error instanceof Error && /Out of Memory Error/iu.test(error.message);
}

/**
 * Runs `pass` on all the segments, and where DuckDB runs out of memory, on each half in turn, down to
 * one segment a pass (whose failure is the run's: the error `tooBig` makes of that segment).
 * Passes run in the segments' order, so results keep it; `passes` are the groups that ran.
 */
export async function inPasses<S, R>(
    segments: readonly S[], pass: (group: readonly S[]) => Promise<R[]>, tooBig: (segment: S, cause: Error) => Error,
): Promise<{ results: R[]; passes: Array<readonly S[]> }> {
    const passes: Array<readonly S[]> = [];
    const run = async (group: readonly S[]): Promise<R[]> => {
        try {
            const results = await pass(group);
            passes.push(group);
            return results;
        } catch (error) {
            if (!isOutOfMemory(error)) {
                throw error;
            }
            if (group.length < 2) {
                throw tooBig(group[0], error as Error);
            }
            const half = Math.ceil(group.length / 2);
            return [...await run(group.slice(0, half)), ...await run(group.slice(half))];
        }
    };
    return { results: await run(segments), passes };
}
