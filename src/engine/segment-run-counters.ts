/**
 * Counters of things met while evaluating, which a run reports but which never change a result by
 * themselves: regex evaluations cut by the step budget. Module-level because they are bumped deep
 * inside value helpers; evaluation of one profile is synchronous, so a run reads the difference
 * around each profile and concurrent runs (in the language server) never mix their counts.
 * Suspicious data (timestamps that are not dates …) is counted per value by the data checks
 * instead (data/segment-data-checks.ts), so that both engines count the same.
 */
export const EVALUATION_COUNTERS = {
    /** Regular-expression evaluations stopped by the step budget (they count as not matching). */
    regexCuts: 0,
};
