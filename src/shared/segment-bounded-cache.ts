/**
 * A cache keyed by text that forgets its oldest entries beyond a number of entries and a total
 * weight (by default the keys' length). Compiled forms grow with what they were compiled from:
 * counting entries alone let a long-running server keep 512 compiled regex programs of any size
 * (a fuzz run's server kept 17 MB of them, programs of 10,000 instructions from `(a?){28}`-like
 * patterns). An entry heavier than the whole budget is never kept.
 */
export class BoundedCache<V> {
    private readonly entries = new Map<string, { value: V; weight: number }>();
    private total = 0;

    constructor(
        private readonly maxEntries: number,
        private readonly maxWeight: number,
        private readonly weigh: (key: string, value: V) => number = key => key.length,
    ) {}

    get(key: string): V | undefined {
        return this.entries.get(key)?.value;
    }

    /** The cached value of `key`, made and remembered (when it fits) if there is none. */
    getOrMake(key: string, make: (key: string) => V): V {
        const cached = this.entries.get(key);
        if (cached !== undefined) {
            return cached.value;
        }
        const made = make(key);
        this.set(key, made);
        return made;
    }

    set(key: string, value: V): void {
        this.delete(key);
        const weight = this.weigh(key, value);
        if (weight > this.maxWeight) {
            return;
        }
        while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.total + weight > this.maxWeight)) {
            this.delete(this.entries.keys().next().value!);
        }
        this.entries.set(key, { value, weight });
        this.total += weight;
    }

    get size(): number {
        return this.entries.size;
    }

    private delete(key: string): void {
        const entry = this.entries.get(key);
        if (entry) {
            this.entries.delete(key);
            this.total -= entry.weight;
        }
    }
}
