/**
 * The linear-time engine: a Pike VM (Thompson NFA simulation with threads in priority order) over a
 * program of segment-regex-program.ts without backtracking-only instructions. Each position of the
 * subject visits each instruction at most once, so the time is O(subject × pattern) whatever the
 * pattern — `(a+)+$`, `(a|aa)*b`, `^(a?){28}a{28}$` included. Thread priority gives Java's
 * leftmost-first match, so capture groups (for `regexGroup`) agree with Java's backtracking engine.
 */
import { assertAt, OP, type Program } from './segment-regex-program.js';

/** Remaining work of one evaluation; both engines count one step per instruction visited. */
export interface Budget {
    steps: number;
}

/** Thrown when an evaluation used up its budget; the caller counts it and treats it as "no match". */
export class BudgetExhausted extends Error {}

class ThreadList {
    count = 0;
    readonly pcs: Int32Array;
    readonly caps: Array<Int32Array | undefined>;
    /** `seen[pc] === stamp` when pc was visited while building this list. */
    stamp = 0;

    constructor(size: number) {
        this.pcs = new Int32Array(size);
        this.caps = new Array(size);
    }
}

/**
 * Finds the first match at or after position 0 (Java `find()`): the capture slots of the match
 * (`captures`), `EMPTY` for a match when captures were not asked for, or null.
 */
export function pikeFind(program: Program, s: string, budget: Budget, captures: boolean): Int32Array | null {
    const { insts } = program;
    const size = insts.length;
    const seen = new Int32Array(size);
    let stamps = 0;
    let current = new ThreadList(size);
    let next = new ThreadList(size);
    const stackPc: number[] = [];
    const stackCaps: Array<Int32Array | undefined> = [];
    const initial = captures ? new Int32Array(program.slots).fill(-1) : undefined;
    let matched: Int32Array | null = null;

    /** Adds the thread at `pc0` and everything reachable from it without consuming a character. */
    const add = (list: ThreadList, pc0: number, caps0: Int32Array | undefined, pos: number): boolean => {
        stackPc.push(pc0);
        stackCaps.push(caps0);
        while (stackPc.length > 0) {
            const pc = stackPc.pop()!;
            const caps = stackCaps.pop();
            if (seen[pc] === list.stamp) {
                continue;
            }
            seen[pc] = list.stamp;
            if (--budget.steps < 0) {
                throw new BudgetExhausted();
            }
            const inst = insts[pc];
            switch (inst.op) {
                case OP.jmp: case OP.loopCheck:
                    stackPc.push(inst.x);
                    stackCaps.push(caps);
                    break;
                case OP.split:
                    // The preferred branch is popped first.
                    stackPc.push(inst.y, inst.x);
                    stackCaps.push(caps, caps);
                    break;
                case OP.save: case OP.mark: {
                    let saved = caps;
                    if (caps && inst.op === OP.save) {
                        saved = caps.slice();
                        saved[inst.slot] = pos;
                    }
                    stackPc.push(pc + 1);
                    stackCaps.push(saved);
                    break;
                }
                case OP.assert:
                    if (assertAt(inst.kind!, inst.unixLines!, s, pos)) {
                        stackPc.push(pc + 1);
                        stackCaps.push(caps);
                    }
                    break;
                case OP.match:
                    if (!captures) {
                        stackPc.length = 0;
                        stackCaps.length = 0;
                        return true;
                    }
                    list.pcs[list.count] = pc;
                    list.caps[list.count++] = caps;
                    break;
                default:
                    list.pcs[list.count] = pc;
                    list.caps[list.count++] = caps;
            }
        }
        return false;
    };

    current.stamp = ++stamps;
    for (let pos = 0; ;) {
        if (matched === null && (pos === 0 || !program.anchored) && add(current, 0, initial, pos)) {
            return EMPTY;
        }
        if (current.count === 0 && (matched !== null || program.anchored || pos >= s.length)) {
            break;
        }
        const cp = pos < s.length ? s.codePointAt(pos)! : -1;
        const width = cp > 0xffff ? 2 : 1;
        next.count = 0;
        next.stamp = ++stamps;
        for (let t = 0; t < current.count; t++) {
            const inst = insts[current.pcs[t]];
            if (--budget.steps < 0) {
                throw new BudgetExhausted();
            }
            if (inst.op === OP.match) {
                // Threads after this one have lower priority: the match stands unless a higher one continues.
                matched = current.caps[t]!;
                break;
            }
            if (cp >= 0 && inst.test!(cp) && add(next, current.pcs[t] + 1, current.caps[t], pos + width)) {
                return EMPTY;
            }
        }
        if (pos >= s.length) {
            break;
        }
        [current, next] = [next, current];
        pos += width;
    }
    return matched;
}

/** The result of a successful match when no capture positions were asked for. */
export const EMPTY = new Int32Array(0);
