/**
 * Counters of suspicious things met while evaluating, which a run reports but which never change a
 * result by themselves: regex evaluations cut by the step budget, timestamps that are not dates.
 * Module-level because they are bumped deep inside value helpers (`toEpoch`); evaluation of one
 * profile is synchronous, so a run reads the difference around each profile and concurrent runs
 * (in the language server) never mix their counts.
 */
export const EVALUATION_COUNTERS = {
    /** Regular-expression evaluations stopped by the step budget (they count as not matching). */
    regexCuts: 0,
    /** Timestamp strings shaped like ISO-8601 that name no real instant (`2026-02-30T10:00:00Z`). */
    invalidTimestamps: 0,
};
