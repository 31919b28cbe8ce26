/**
 * What every segment of a run shares about the profile being evaluated: its events grouped by
 * `eventType` — a loop whose condition requires `V.eventType = "k"` (exists, select, sum … over,
 * `xEvent[…]`) visits only the events of type "k" instead of every event, once per segment — and its
 * events in time order (segment-timeline.ts) for chains. Each is built on first use for a profile and is
 * valid for that profile only: the run (`evaluateSegments`) starts it per profile and closes it after the
 * run; outside a run every loop visits every event and every chain orders its events itself.
 */

import { Timeline } from './segment-timeline.js';

/** Events grouped by type, each group gathered when first asked for; reused (emptied) from one profile to the next. */
export class SharedEvents {
    /** The events list indexed, while the run is on this profile; undefined before first use. */
    private indexed: unknown[] | undefined;
    private open = false;
    /** The types asked for on this profile (the first `asked`), and their events. */
    private readonly types: string[] = [];
    private readonly groups: unknown[][] = [];
    private asked = 0;
    /** The events in time order (segment-timeline.ts), for `timed`'s list. */
    private readonly ordered = new Timeline();
    private timed: unknown[] | undefined;
    /** Some event is not a record or its type is not a string (a list, a number …): comparisons may coerce, so no shortcut. */
    private odd = false;

    /** Starts a profile (called by the run for each one): what was indexed belongs to the previous profile. */
    startProfile(): void {
        this.open = true;
        this.indexed = undefined;
        this.timed = undefined;
    }

    /** Ends the run: from now on every loop visits every event. */
    close(): void {
        this.open = false;
        this.indexed = undefined;
        this.timed = undefined;
    }

    /** The events of `events` (the profile's `xEvent`) in time order by `timestamp`; undefined outside a run. */
    timeline(events: unknown[]): Timeline | undefined {
        if (!this.open) {
            return undefined;
        }
        if (this.timed !== events) {
            this.ordered.fill(events);
            this.timed = events;
        }
        return this.ordered;
    }

    /**
     * The events of `events` (the profile's `xEvent`) that can satisfy `eventType = type`, in data order:
     * all of them outside a run, or when some event's type is not a string. An event whose type is a
     * string other than `type` fails the comparison, and one without a type (null, missing, not a record) too.
     */
    ofType(events: unknown[], type: string): unknown[] {
        if (!this.open) {
            return events;
        }
        if (this.indexed !== events) {
            this.indexed = events;
            this.asked = 0;
            this.odd = oddEvents(events);
        }
        if (this.odd) {
            return events;
        }
        for (let i = 0; i < this.asked; i++) {
            if (this.types[i] === type) {
                return this.groups[i];
            }
        }
        const group = this.groups[this.asked] ?? (this.groups[this.asked] = []);
        group.length = 0;
        for (let i = 0; i < events.length; i++) {
            const event = events[i];
            if (typeof event === 'object' && event !== null && (event as Record<string, unknown>).eventType === type) {
                group.push(event);
            }
        }
        this.types[this.asked++] = type;
        return group;
    }
}

/**
 * Some event is a list or a Map (a path read projects or looks up) or has a type that is not a string
 * (a list, a number …: comparisons may coerce): then no loop skips events.
 */
function oddEvents(events: readonly unknown[]): boolean {
    for (let i = 0; i < events.length; i++) {
        const event = events[i];
        if (typeof event !== 'object' || event === null) {
            continue;
        }
        const prototype = Object.getPrototypeOf(event);
        if (prototype !== Object.prototype && prototype !== null) {
            return true;
        }
        const type = (event as Record<string, unknown>).eventType;
        if (typeof type !== 'string' && type !== null && type !== undefined) {
            return true;
        }
    }
    return false;
}
