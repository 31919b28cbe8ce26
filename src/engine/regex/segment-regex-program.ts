/**
 * Compiles a parsed Java regex (segment-regex-syntax.ts) into a program of simple instructions, run by
 * the Pike VM (segment-regex-pike.ts: linear time, for every pattern without backreferences,
 * lookaround, atomic groups or possessive quantifiers) or by the budgeted backtracker
 * (segment-regex-backtrack.ts: the rest). Also home of the assertions both engines share.
 */
import { isLineTerminator, WORD, type CharTest } from './segment-regex-chars.js';
import { RegexSyntaxError, RegexUnsupported, type AssertKind, type ParsedRegex, type RegexNode } from './segment-regex-syntax.js';

export const OP = { char: 0, split: 1, jmp: 2, save: 3, assert: 4, backref: 5, look: 6, atomic: 7, mark: 8, loopCheck: 9, match: 10 } as const;

/** One instruction; which fields are set depends on `op`. */
export interface Inst {
    op: number;
    test?: CharTest;
    /** split: preferred branch; jmp/loopCheck: target (loop top); look/atomic: start of the sub-program. */
    x: number;
    /** split: other branch; loopCheck: exit. */
    y: number;
    /** save/mark/loopCheck: state slot; backref: group. */
    slot: number;
    kind?: AssertKind;
    unixLines?: boolean;
    fold?: { unicode: boolean };
    behind?: boolean;
    negate?: boolean;
    /** Lookbehind: shortest and longest length of the body, in code points. */
    min?: number;
    max?: number;
}

export interface Program {
    insts: Inst[];
    /** Capturing groups (group 0, the whole match, not counted). */
    groups: number;
    /** State slots: two per group (0 included), then one per loop-progress mark. */
    slots: number;
    /** Needs the backtracker (backreferences, lookaround, atomic groups, possessive quantifiers). */
    backtracking: boolean;
    /** Can only match at the start of the input (`^…`, `\A…`). */
    anchored: boolean;
}

/** Larger programs are refused: a pattern such as `(a{1000}){1000}` would not fit in memory. */
export const MAX_PROGRAM = 20_000;

export function compileProgram(parsed: ParsedRegex): Program {
    const c = new Compiler((parsed.groups + 1) * 2);
    c.emit({ op: OP.save, slot: 0 });
    c.node(parsed.root);
    c.emit({ op: OP.save, slot: 1 });
    c.emit({ op: OP.match });
    return { insts: c.insts, groups: parsed.groups, slots: c.slots, backtracking: c.backtracking, anchored: anchored(parsed.root) };
}

class Compiler {
    readonly insts: Inst[] = [];
    backtracking = false;

    constructor(public slots: number) {}

    emit(partial: Partial<Inst> & { op: number }): Inst {
        if (this.insts.length >= MAX_PROGRAM) {
            throw new RegexUnsupported(`patterns that expand to more than ${MAX_PROGRAM} steps`, 0);
        }
        const inst: Inst = { x: -1, y: -1, slot: -1, ...partial };
        this.insts.push(inst);
        return inst;
    }

    get pc(): number {
        return this.insts.length;
    }

    node(n: RegexNode): void {
        switch (n.type) {
            case 'char': this.emit({ op: OP.char, test: n.test }); return;
            case 'sequence': n.items.forEach(item => this.node(item)); return;
            case 'alternation': {
                const jumps: Inst[] = [];
                n.items.forEach((item, i) => {
                    if (i < n.items.length - 1) {
                        const split = this.emit({ op: OP.split, x: this.pc + 1 });
                        this.node(item);
                        jumps.push(this.emit({ op: OP.jmp }));
                        split.y = this.pc;
                    } else {
                        this.node(item);
                    }
                });
                jumps.forEach(j => (j.x = this.pc));
                return;
            }
            case 'group':
                if (n.capture === undefined) {
                    this.node(n.body);
                } else {
                    this.emit({ op: OP.save, slot: 2 * n.capture });
                    this.node(n.body);
                    this.emit({ op: OP.save, slot: 2 * n.capture + 1 });
                }
                return;
            case 'repeat': this.repeat(n); return;
            case 'assert': this.emit({ op: OP.assert, kind: n.kind, unixLines: n.unixLines }); return;
            case 'backref':
                this.backtracking = true;
                this.emit({ op: OP.backref, slot: n.group, fold: n.fold });
                return;
            case 'look': {
                const [min, max] = lengths(n.body);
                if (n.behind && max === Infinity) {
                    throw new RegexSyntaxError('Look-behind group does not have an obvious maximum length', 0);
                }
                this.sub({ op: OP.look, behind: n.behind, negate: n.negate, min, max }, n.body);
                return;
            }
            case 'atomic': this.sub({ op: OP.atomic }, n.body); return;
        }
    }

    /** `op` runs `body` as a separate match: `op; jmp end; body; match; end:`. */
    private sub(partial: Partial<Inst> & { op: number }, body: RegexNode): void {
        this.backtracking = true;
        const inst = this.emit({ ...partial, x: this.pc + 2 });
        const jump = this.emit({ op: OP.jmp });
        inst.x = this.pc;
        this.node(body);
        this.emit({ op: OP.match });
        jump.x = this.pc;
    }

    private repeat(n: Extract<RegexNode, { type: 'repeat' }>): void {
        if (n.mode === 'possessive') {
            this.sub({ op: OP.atomic }, { ...n, mode: 'greedy' });
            return;
        }
        const greedy = n.mode === 'greedy';
        for (let i = 0; i < n.min; i++) {
            this.node(n.body);
        }
        if (n.max === Infinity) {
            // An iteration that matched nothing ends the loop (as in Java), so `(a?)*` cannot spin.
            const nullable = lengths(n.body)[0] === 0;
            const top = this.pc;
            const split = this.emit({ op: OP.split });
            const bodyStart = this.pc;
            const register = nullable ? this.slots++ : -1;
            if (nullable) {
                this.emit({ op: OP.mark, slot: register });
            }
            this.node(n.body);
            const back = nullable ? this.emit({ op: OP.loopCheck, slot: register, x: top }) : this.emit({ op: OP.jmp, x: top });
            const exit = this.pc;
            [split.x, split.y] = greedy ? [bodyStart, exit] : [exit, bodyStart];
            back.y = exit;
            return;
        }
        const splits: Inst[] = [];
        for (let i = n.min; i < n.max; i++) {
            const split = this.emit({ op: OP.split });
            splits.push(split);
            split.x = this.pc;
            this.node(n.body);
        }
        for (const split of splits) {
            [split.x, split.y] = greedy ? [split.x, this.pc] : [this.pc, split.x];
        }
    }
}

/** Shortest and longest match of a node, in code points (Infinity when unbounded). */
function lengths(n: RegexNode): [number, number] {
    switch (n.type) {
        case 'char': return [1, 1];
        case 'sequence': return n.items.map(lengths).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
        case 'alternation': {
            const all = n.items.map(lengths);
            return [Math.min(...all.map(l => l[0])), Math.max(...all.map(l => l[1]))];
        }
        case 'group': case 'atomic': return lengths(n.body);
        case 'repeat': {
            const [min, max] = lengths(n.body);
            return [min * n.min, max === 0 ? 0 : max * n.max];
        }
        case 'backref': return [0, Infinity];
        default: return [0, 0];
    }
}

function anchored(n: RegexNode): boolean {
    switch (n.type) {
        case 'assert': return n.kind === 'inputStart';
        case 'sequence': return n.items.length > 0 && anchored(n.items[0]);
        case 'group': case 'atomic': return anchored(n.body);
        case 'alternation': return n.items.every(anchored);
        case 'repeat': return n.min > 0 && anchored(n.body);
        default: return false;
    }
}

/** Does the assertion hold at `pos` of `s`? Java's `^ $ \A \z \Z \b \B`, multiline and UNIX_LINES variants. */
export function assertAt(kind: AssertKind, unixLines: boolean, s: string, pos: number): boolean {
    const n = s.length;
    switch (kind) {
        case 'inputStart': return pos === 0;
        case 'inputEnd': return pos === n;
        case 'lineStart': {
            if (pos > 0) {
                const before = s.charCodeAt(pos - 1);
                if (!isLineTerminator(before, unixLines) || (before === 13 && s.charCodeAt(pos) === 10)) {
                    return false;
                }
            }
            // Java (like Perl) does not match a multiline ^ at the very end of the input.
            return pos < n;
        }
        case 'lineEnd': return pos === n || (terminatorAt(s, pos, unixLines) && !(s.charCodeAt(pos) === 10 && s.charCodeAt(pos - 1) === 13));
        case 'finalEnd':
            if (pos === n) {
                return true;
            }
            if (pos === n - 2) {
                return !unixLines && s.charCodeAt(pos) === 13 && s.charCodeAt(pos + 1) === 10;
            }
            return pos === n - 1 && terminatorAt(s, pos, unixLines) && !(s.charCodeAt(pos) === 10 && pos > 0 && s.charCodeAt(pos - 1) === 13 && !unixLines);
        case 'word': case 'notWord': {
            const left = pos > 0 && WORD(s.charCodeAt(pos - 1));
            const right = pos < n && WORD(s.charCodeAt(pos));
            return (left !== right) === (kind === 'word');
        }
    }
}

function terminatorAt(s: string, pos: number, unixLines: boolean): boolean {
    return pos < s.length && isLineTerminator(s.charCodeAt(pos), unixLines);
}
