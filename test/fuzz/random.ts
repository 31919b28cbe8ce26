/**
 * A small seeded generator (mulberry32): the same seed gives the same documents, requests and
 * hostile files on every machine, so a failure is reproduced by its seed alone.
 */
export class Random {
    private state: number;

    constructor(readonly seed: number) {
        this.state = seed >>> 0;
    }

    /** A float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** An integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    /** A generator for one sub-task, so that adding draws to one task does not shift the others. */
    fork(): Random {
        return new Random(Math.floor(this.next() * 4294967296));
    }
}

/** A seed from the clock when none is given: printed with every report. */
export function freshSeed(): number {
    return Math.floor(Math.random() * 2 ** 31);
}
