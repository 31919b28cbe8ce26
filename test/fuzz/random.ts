import { seededRandom } from '../../src/shared/segment-random.js';

/**
 * A small seeded generator (the project's mulberry32, src/shared/segment-random.ts): the same seed
 * gives the same documents, requests and hostile files on every machine, so a failure is
 * reproduced by its seed alone.
 */
export class Random {
    /** A float in [0, 1). */
    readonly next: () => number;

    constructor(readonly seed: number) {
        this.next = seededRandom(seed);
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
