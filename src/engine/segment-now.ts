/**
 * Which instant "now" is for a run. Precedence: `--now` on the command line, then the project
 * config's `now`, then the dataset's declared now (`{"$meta": {"now": …}}`), then the clock.
 */

/** The candidate sources, as ISO-8601 strings (or undefined when absent). */
export interface NowSources {
    cli?: string;
    config?: string;
    dataset?: string;
}

export interface ResolvedNow {
    now: Date;
    source: 'cli' | 'config' | 'dataset' | 'clock';
}

/** Picks "now" by precedence; throws a RangeError naming the source of an unparsable value. */
export function resolveNow(sources: NowSources, clock: () => Date = () => new Date()): ResolvedNow {
    for (const source of ['cli', 'config', 'dataset'] as const) {
        const text = sources[source];
        if (text !== undefined && text !== '') {
            const ms = Date.parse(text);
            if (Number.isNaN(ms)) {
                throw new RangeError(`The ${source} "now" value '${text}' is not an ISO-8601 date-time.`);
            }
            return { now: new Date(ms), source };
        }
    }
    return { now: clock(), source: 'clock' };
}
