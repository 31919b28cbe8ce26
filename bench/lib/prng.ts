import { seededRandom } from '../../src/shared/segment-random.js';

/** Deterministic pseudo-random numbers so every run generates the same data (the project's mulberry32). */
export class Prng {
    /** Uniform in [0, 1). */
    readonly next: () => number;

    constructor(seed: number) {
        this.next = seededRandom(seed);
    }

    /** Integer in [min, max] inclusive. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    chance(p: number): boolean {
        return this.next() < p;
    }
}
