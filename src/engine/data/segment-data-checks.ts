/**
 * The js engine's data checks (segment-data-warnings.ts says what and why): one walk per profile
 * along a trie of the checked fields, so a profile costs as many visits as it has values at those
 * fields, not one per value it holds. Lists are looked through at every level, as paths are.
 */
import { ownField } from '../runtime/segment-paths.js';
import { toEpoch, type Profile } from '../runtime/segment-values.js';
import {
    compactWarnings, DUPLICATE_IDS_SHOWN, EARLY_TIMESTAMP_MS, fieldCounts,
    type DataCheckFields, type DataWarnings,
} from './segment-data-warnings.js';

interface Node {
    readonly children: Map<string, Node>;
    /** Set on a checked field: its dotted path and what it holds. */
    path?: string;
    number?: boolean;
    timestamp?: boolean;
}

function trie(fields: DataCheckFields): Node {
    const root: Node = { children: new Map() };
    const add = (path: string, kind: 'number' | 'timestamp'): void => {
        let node = root;
        for (const key of path.split('.')) {
            let next = node.children.get(key);
            if (!next) {
                next = { children: new Map() };
                node.children.set(key, next);
            }
            node = next;
        }
        node.path = path;
        node[kind] = true;
    };
    fields.numbers.forEach(p => add(p, 'number'));
    fields.timestamps.forEach(p => add(p, 'timestamp'));
    return root;
}

/** Counts suspicious values over the profiles of one run; `result()` after the last profile. */
export class DataChecks {
    private readonly root: Node;
    private readonly ids = new Map<string, number>();
    private repeats = 0;
    private readonly unsafe = new Map<string, number>();
    private readonly early = new Map<string, number>();
    private readonly invalid = new Map<string, number>();

    constructor(private readonly fields: DataCheckFields) {
        this.root = trie(fields);
    }

    /** One profile; `id` is its `_id` as the run names it, undefined when it has none. */
    visit(profile: Profile, id: string | undefined): void {
        if (id !== undefined) {
            const seen = this.ids.get(id) ?? 0;
            this.ids.set(id, seen + 1);
            if (seen > 0) {
                this.repeats++;
            }
        }
        this.children(profile, this.root);
    }

    private children(record: object, node: Node): void {
        for (const [key, child] of node.children) {
            const value = ownField(record, key);
            if (value !== null && value !== undefined) {
                this.value(value, child);
            }
        }
    }

    private value(value: unknown, node: Node): void {
        if (Array.isArray(value)) {
            for (const element of value) {
                if (element !== null && element !== undefined) {
                    this.value(element, node);
                }
            }
        } else if (typeof value === 'object') {
            this.children(value as object, node);
        } else if (node.path !== undefined) {
            this.leaf(value, node, node.path);
        }
    }

    private leaf(value: unknown, node: Node, path: string): void {
        const bump = (counts: Map<string, number>): void => {
            counts.set(path, (counts.get(path) ?? 0) + 1);
        };
        if (typeof value === 'number') {
            if (node.number && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
                bump(this.unsafe);
            }
            if (node.timestamp && value < EARLY_TIMESTAMP_MS) {
                bump(this.early);
            }
        } else if (node.timestamp && typeof value === 'string' && toEpoch(value) === null) {
            bump(this.invalid);
        }
    }

    result(): DataWarnings | undefined {
        const first: string[] = [];
        for (const [id, count] of this.ids) {
            if (count > 1 && first.length < DUPLICATE_IDS_SHOWN) {
                first.push(id);
            }
        }
        return compactWarnings({
            duplicateIds: { count: this.repeats, first },
            unsafeIntegers: fieldCounts(this.fields.numbers, this.unsafe),
            earlyTimestamps: fieldCounts(this.fields.timestamps, this.early),
            invalidTimestamps: fieldCounts(this.fields.timestamps, this.invalid),
        });
    }
}
