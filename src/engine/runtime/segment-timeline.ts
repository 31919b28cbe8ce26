/**
 * A profile's events in time order, for chains (§2.14): the events whose `timestamp` is a time
 * (`toEpoch`), stably sorted by it (data order among equal times), with the times. Built once per
 * profile during a run (segment-shared-events.ts) and shared by every chain ordered by `timestamp`, so
 * each event's timestamp is parsed once per profile, not once per chain, and no chain sorts on its own.
 */
import { pathReader } from './segment-paths.js';
import { toEpoch } from './segment-values.js';

/** `timestamp` read as a chain's ordering path reads it (a list or Map event projects or looks up). */
const readTimestamp = pathReader(['timestamp']);

/** Up to this many events are sorted by insertion (mostly ordered data: about one comparison per event). */
const INSERTION_LIMIT = 64;

export class Timeline {
    /** The events with a time, in time order (the first `length`). */
    readonly events: unknown[] = [];
    times = new Float64Array(64);
    length = 0;

    /** Fills the timeline from a profile's events (the arrays are reused from one profile to the next). */
    fill(list: readonly unknown[]): this {
        if (this.times.length < list.length) {
            this.times = new Float64Array(list.length * 2);
        }
        const { times, events } = this;
        events.length = 0;
        let count = 0;
        let sorted = true;
        for (let i = 0; i < list.length; i++) {
            const t = toEpoch(readTimestamp(list[i]));
            if (t === null) {
                continue;
            }
            if (count > 0 && t < times[count - 1]) {
                sorted = false;
            }
            times[count] = t;
            events[count] = list[i];
            count++;
        }
        this.length = count;
        if (!sorted) {
            this.sort();
        }
        return this;
    }

    /** A stable sort by time. */
    private sort(): void {
        const { times, events, length } = this;
        if (length <= INSERTION_LIMIT) {
            for (let i = 1; i < length; i++) {
                const t = times[i];
                const event = events[i];
                let k = i;
                while (k > 0 && times[k - 1] > t) {
                    times[k] = times[k - 1];
                    events[k] = events[k - 1];
                    k--;
                }
                times[k] = t;
                events[k] = event;
            }
            return;
        }
        const order = Array.from({ length }, (_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
        const sortedTimes = order.map(i => times[i]);
        const sortedEvents = order.map(i => events[i]);
        for (let i = 0; i < length; i++) {
            times[i] = sortedTimes[i];
            events[i] = sortedEvents[i];
        }
    }
}
