/**
 * The engine for what a linear-time engine cannot do — backreferences (`^(a*)\1*b$`), lookaround,
 * atomic groups and possessive quantifiers: a backtracking VM over the same program, with an explicit
 * stack (no recursion over the subject) and a step budget shared with its sub-matches. Running out of
 * budget throws `BudgetExhausted`: the evaluation is cut, never left to run for minutes.
 */
import { sameChar } from './segment-regex-chars.js';
import { BudgetExhausted, type Budget } from './segment-regex-pike.js';
import { assertAt, OP, type Program } from './segment-regex-program.js';

/** The capture slots of Java's first match (`find()`), or null. */
export function backtrackFind(program: Program, s: string, budget: Budget): Int32Array | null {
    const state = new Int32Array(program.slots);
    for (let start = 0; start <= s.length; start++) {
        state.fill(-1);
        if (run(program, s, 0, start, state, budget, -1) >= 0) {
            return state;
        }
        if (program.anchored) {
            break;
        }
        const cp = s.codePointAt(start);
        if (cp !== undefined && cp > 0xffff) {
            start++;
        }
    }
    return null;
}

const BRANCH = 0;
const RESTORE = 1;

/**
 * Runs from `pc` at `pos` until a `match` instruction (at position `target` when it is ≥ 0: a lookbehind
 * body must end where the lookbehind stands); returns the end position, or -1 when every path failed.
 * `state` holds the capture and loop-mark slots; it is restored on backtracking.
 */
function run(program: Program, s: string, pc: number, pos: number, state: Int32Array, budget: Budget, target: number): number {
    const insts = program.insts;
    const n = s.length;
    const stack: number[] = [];
    /** Copies a sub-match's slots into `state`, undoably. */
    const adopt = (sub: Int32Array): void => {
        for (let i = 0; i < sub.length; i++) {
            if (sub[i] !== state[i]) {
                stack.push(RESTORE, i, state[i]);
                state[i] = sub[i];
            }
        }
    };
    for (;;) {
        if (--budget.steps < 0) {
            throw new BudgetExhausted();
        }
        const inst = insts[pc];
        let ok = false;
        switch (inst.op) {
            case OP.char:
                if (pos < n) {
                    const cp = s.codePointAt(pos)!;
                    if (inst.test!(cp)) {
                        pos += cp > 0xffff ? 2 : 1;
                        pc++;
                        ok = true;
                    }
                }
                break;
            case OP.split:
                stack.push(BRANCH, inst.y, pos);
                pc = inst.x;
                ok = true;
                break;
            case OP.jmp:
                pc = inst.x;
                ok = true;
                break;
            case OP.save: case OP.mark:
                stack.push(RESTORE, inst.slot, state[inst.slot]);
                state[inst.slot] = pos;
                pc++;
                ok = true;
                break;
            case OP.loopCheck:
                // An iteration that consumed nothing ends the loop.
                pc = state[inst.slot] === pos ? inst.y : inst.x;
                ok = true;
                break;
            case OP.assert:
                ok = assertAt(inst.kind!, inst.unixLines!, s, pos);
                pc++;
                break;
            case OP.backref: {
                const from = state[2 * inst.slot];
                const to = state[2 * inst.slot + 1];
                // A group that did not take part (or does not exist) makes the reference fail, as in Java.
                if (from >= 0 && to >= from && pos + (to - from) <= n) {
                    ok = true;
                    for (let i = 0; i < to - from && ok; i++) {
                        ok = sameChar(s.charCodeAt(from + i), s.charCodeAt(pos + i), inst.fold);
                    }
                    pos += to - from;
                    pc++;
                }
                break;
            }
            case OP.look: {
                const sub = state.slice();
                let found = false;
                if (!inst.behind) {
                    found = run(program, s, inst.x, pos, sub, budget, -1) >= 0;
                } else {
                    for (let j = pos - inst.min!; j >= Math.max(0, pos - 2 * inst.max!) && !found; j--) {
                        sub.set(state);
                        found = run(program, s, inst.x, j, sub, budget, pos) >= 0;
                    }
                }
                ok = found !== inst.negate;
                if (ok && found) {
                    adopt(sub);
                }
                pc++;
                break;
            }
            case OP.atomic: {
                const sub = state.slice();
                const end = run(program, s, inst.x, pos, sub, budget, -1);
                if (end >= 0) {
                    adopt(sub);
                    pos = end;
                    pc++;
                    ok = true;
                }
                break;
            }
            case OP.match:
                if (target < 0 || pos === target) {
                    return pos;
                }
                break;
        }
        if (ok) {
            continue;
        }
        // Backtrack: undo slot writes down to the latest branch, and take it.
        for (;;) {
            if (stack.length === 0) {
                return -1;
            }
            const b = stack.pop()!;
            const a = stack.pop()!;
            if (stack.pop() === RESTORE) {
                state[a] = b;
            } else {
                pc = a;
                pos = b;
                break;
            }
        }
    }
}
