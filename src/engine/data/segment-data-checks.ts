/**
 * The js engine's data checks (segment-data-warnings.ts says what and why). The checked fields form
 * a trie that is compiled once per run into one small function per node, reading each field by a
 * literal name (as the evaluator's generated code does): a profile then costs a property read per
 * field it may hold, not a walk over everything it holds. Lists are looked through at every level.
 * A field is read only as an own property (names of `Object.prototype` members are checked).
 */
import { toEpoch, type Profile } from '../runtime/segment-values.js';
import {
    compactWarnings, DUPLICATE_IDS_SHOWN, EARLY_TIMESTAMP_MS, fieldCounts,
    type DataCheckFields, type DataWarnings,
} from './segment-data-warnings.js';

interface Node {
    readonly index: number;
    readonly children: Map<string, Node>;
    /** Set on a checked field: its dotted path and what it holds. */
    path?: string;
    number?: boolean;
    timestamp?: boolean;
}

function trie(fields: DataCheckFields): Node[] {
    const nodes: Node[] = [{ index: 0, children: new Map() }];
    const add = (path: string, kind: 'number' | 'timestamp'): void => {
        let node = nodes[0];
        for (const key of path.split('.')) {
            let next = node.children.get(key);
            if (!next) {
                next = { index: nodes.length, children: new Map() };
                nodes.push(next);
                node.children.set(key, next);
            }
            node = next;
        }
        node.path = path;
        node[kind] = true;
    };
    fields.numbers.forEach(p => add(p, 'number'));
    fields.timestamps.forEach(p => add(p, 'timestamp'));
    return nodes;
}

/** `leaf(index, value)` is called for every scalar at a checked field. */
type Leaf = (index: number, value: unknown) => void;

/** The source of node `n`'s function: lists looked through, scalars to `leaf`, records to the children. */
function nodeSource(node: Node): string {
    const read = [...node.children].map(([key, child]) => {
        const name = JSON.stringify(key);
        // `v.constructor` or `v.__proto__` would reach a built-in member: read those as own properties only.
        const value = key in Object.prototype ? `(hasOwn.call(v, ${name}) ? v[${name}] : undefined)` : `v[${name}]`;
        return `c = ${value}; if (c !== null && c !== undefined) n${child.index}(c);`;
    });
    return `function n${node.index}(v) {
    if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) { const x = v[i]; if (x !== null && x !== undefined) n${node.index}(x); } return; }
    if (typeof v !== 'object') { ${node.path !== undefined ? `leaf(${node.index}, v);` : ''} return; }
    let c; ${read.join(' ')}
}`;
}

function compile(nodes: readonly Node[], leaf: Leaf): (profile: Profile) => void {
    const source = `${nodes.map(nodeSource).join('\n')}\nreturn n0;`;
    return new Function('hasOwn', 'leaf', source)(Object.prototype.hasOwnProperty, leaf) as (profile: Profile) => void;
}

/** Counts suspicious values over the profiles of one run; `result()` after the last profile. */
export class DataChecks {
    private readonly nodes: Node[];
    private readonly walk: (profile: Profile) => void;
    private readonly ids = new Map<string, number>();
    private repeats = 0;
    private readonly unsafe: Float64Array;
    private readonly early: Float64Array;
    private readonly invalid: Float64Array;

    constructor(private readonly fields: DataCheckFields) {
        this.nodes = trie(fields);
        [this.unsafe, this.early, this.invalid] = [0, 1, 2].map(() => new Float64Array(this.nodes.length));
        this.walk = compile(this.nodes, (index, value) => this.leaf(index, value));
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
        this.walk(profile);
    }

    private leaf(index: number, value: unknown): void {
        const node = this.nodes[index];
        if (typeof value === 'number') {
            if (node.number && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
                this.unsafe[index]++;
            }
            if (node.timestamp && value < EARLY_TIMESTAMP_MS) {
                this.early[index]++;
            }
        } else if (node.timestamp && typeof value === 'string' && toEpoch(value) === null) {
            this.invalid[index]++;
        }
    }

    result(): DataWarnings | undefined {
        const first: string[] = [];
        for (const [id, count] of this.ids) {
            if (count > 1 && first.length < DUPLICATE_IDS_SHOWN) {
                first.push(id);
            }
        }
        const byPath = (counts: Float64Array): Map<string, number> => new Map(this.nodes.filter(n => n.path !== undefined).map(n => [n.path!, counts[n.index]]));
        return compactWarnings({
            duplicateIds: { count: this.repeats, first },
            unsafeIntegers: fieldCounts(this.fields.numbers, byPath(this.unsafe)),
            earlyTimestamps: fieldCounts(this.fields.timestamps, byPath(this.early)),
            invalidTimestamps: fieldCounts(this.fields.timestamps, byPath(this.invalid)),
        });
    }
}
