/**
 * Function calls (`if`, `date`, `currentMonth`, `mapEntry` …) and method calls (`.contains(…)`,
 * `.sum(…)`, `.getMonth()` …). Names match case-insensitively, like the keywords. An unknown function
 * or method evaluates to null and the run reports a warning (the validator flags it first).
 */
import { isFilterExpression, type FilterExpression, type FunctionCall, type MemberAccess } from '../../language/generated/ast.js';
import { constant, foldIfConstant, type Fn } from '../compile/segment-closures.js';
import type { ExpressionCompiler, Scope } from '../compile/segment-compiler.js';
import { compileCollectionMethod, ELEMENT_ARGUMENT_METHODS } from './segment-functions.js';
import { compileMatches, compileRegexGroup, compileStringTest, STRING_METHODS } from './segment-strings.js';
import { dayRange, toWall, type WallTime } from '../time/segment-time.js';
import { MapEntry, PqlSpan, toEpoch, toNumber } from './segment-values.js';

const DATE_PARTS: Record<string, keyof WallTime> = { getmonth: 'month', getyear: 'year', getdayofmonth: 'day' };

/** Compiles `name(args…)`. */
export function compileCall(compiler: ExpressionCompiler, node: FunctionCall, scope: Scope): Fn {
    const name = node.name.toLowerCase();
    const { now, zone } = compiler.env;
    if (name === 'if') {
        const [test, then, otherwise] = node.arguments;
        const cond = test ? compiler.bool(test, scope) : () => false;
        const a = then ? compiler.value(then, scope) : constant(null);
        const b = otherwise ? compiler.value(otherwise, scope) : constant(null);
        return c => (cond(c) ? a(c) : b(c));
    }
    const args = node.arguments.map(a => compiler.value(a, scope));
    switch (name) {
        case 'date': {
            const [y, m, d] = args;
            if (!y || !m || !d) {
                return constant(null);
            }
            return foldIfConstant(args, c => {
                const year = toNumber(y(c));
                const month = toNumber(m(c));
                const day = toNumber(d(c));
                if (year === null || month === null || day === null) {
                    return null;
                }
                const [start, end] = dayRange(zone, Math.trunc(year), Math.trunc(month), Math.trunc(day));
                return new PqlSpan(start, end);
            }, compiler.probe);
        }
        case 'currentmonth': return constant(toWall(zone, now).month);
        case 'currentyear': return constant(toWall(zone, now).year);
        case 'currentdayofmonth': return constant(toWall(zone, now).day);
        case 'mapentry': {
            const [k, v] = args;
            return c => new MapEntry(k ? k(c) : null, v ? v(c) : null);
        }
        default:
            compiler.env.warn(`Unknown function '${node.name}'; it evaluates to null.`);
            return constant(null);
    }
}

/** Compiles `receiver.name(args…)`. */
export function compileMethodCall(compiler: ExpressionCompiler, node: MemberAccess, scope: Scope): Fn {
    const name = node.member.toLowerCase();
    if (name === 'count' && node.arguments.length === 0 && isFilterExpression(node.receiver)) {
        return countMatches(compiler, node.receiver, scope);
    }
    const receiver = compiler.value(node.receiver, scope);
    const warn = (message: string): void => compiler.env.warn(message);
    if (ELEMENT_ARGUMENT_METHODS.has(name)) {
        const [first, ...rest] = node.arguments;
        const element = first ? compiler.element(first, scope) : undefined;
        const args = [constant(null), ...rest.map(a => compiler.value(a, scope))];
        return compileCollectionMethod(name, receiver, args, element)!;
    }
    const args = node.arguments.map(a => compiler.value(a, scope));
    if (STRING_METHODS.has(name)) {
        if (name === 'matches') {
            return args[0] ? compileMatches(receiver, args[0], warn) : constant(false);
        }
        if (name === 'regexgroup') {
            return args[0] ? compileRegexGroup(receiver, args[0], args[1], warn) : constant(null);
        }
        return compileStringTest(name, receiver, args[0], args[1]);
    }
    const part = DATE_PARTS[name];
    if (part) {
        const zone = compiler.env.zone;
        const of = (v: unknown): number | null => {
            const t = toEpoch(v);
            return t === null ? null : toWall(zone, t)[part];
        };
        return c => {
            const v = receiver(c);
            return Array.isArray(v) ? v.map(of).filter(x => x !== null) : of(v);
        };
    }
    const method = compileCollectionMethod(name, receiver, args, undefined);
    if (method) {
        return method;
    }
    warn(`Unknown method '${node.member}()'; it evaluates to null.`);
    return constant(null);
}

/** `A[cond].count()` counts in place: the hot `xEvent[…].count() >= n` builds no intermediate list. */
function countMatches(compiler: ExpressionCompiler, node: FilterExpression, scope: Scope): Fn {
    const receiver = compiler.value(node.receiver, scope);
    const test = compiler.elementPred(node.condition, scope);
    return c => {
        const value = receiver(c);
        if (Array.isArray(value)) {
            let count = 0;
            for (let i = 0; i < value.length; i++) {
                if (test(c, value[i])) {
                    count++;
                }
            }
            return count;
        }
        if (value === null || value === undefined) {
            // Null propagation (§2.0): the count of a missing list is null, not 0.
            return null;
        }
        const list = value instanceof Map ? [...value.values()] : [value];
        return list.filter(element => test(c, element)).length;
    };
}
