import type { ValidationAcceptor } from 'langium';
import {
    isBooleanLiteral, isComparisonExpression, isListLiteral, isLogicalExpression, isMemberAccess, isNameReference, isNegationExpression,
    isNumberLiteral, isParameterReference, isParenthesizedExpression, isStringLiteral,
    type ComparisonExpression, type Expression, type LogicalExpression,
} from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { isPrimitive } from '../typing/segment-types.js';
import { report } from './segment-diagnostics.js';

type Scalar = string | number | boolean;

/** What the comparisons joined by `and` so far allow for one field. */
interface Constraint {
    equal?: Scalar;
    notEqual: Set<Scalar>;
    allowed?: Set<Scalar>;
    lower?: { value: number; strict: boolean };
    upper?: { value: number; strict: boolean };
}

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/**
 * Finds `and`-joined comparisons of one single-valued field with literals that no value can satisfy
 * (`age > 30 and age < 20`, `x = "a" and x = "b"`). Array-valued paths are skipped: a projection
 * compares element-wise ("some element"), so `xEvent.a = 1 and xEvent.a = 2` can hold.
 */
export class SegmentContradictionValidation {
    private readonly types: SegmentTypeComputer;

    constructor(services: SegmentServices) {
        this.types = services.typing.TypeComputer;
    }

    conjunctionMustBeSatisfiable = (node: LogicalExpression, accept: ValidationAcceptor): void => {
        if (!isAnd(node) || (isLogicalExpression(node.$container) && isAnd(node.$container))) {
            return;
        }
        const constraints = new Map<string, Constraint>();
        const reported = new Set<string>();
        for (const comparison of conjuncts(node)) {
            const atom = this.atom(comparison);
            if (!atom || reported.has(atom.path)) {
                continue;
            }
            const constraint = constraints.get(atom.path) ?? { notEqual: new Set() };
            constraints.set(atom.path, constraint);
            if (!add(constraint, atom.operator, atom.values)) {
                reported.add(atom.path);
                report(accept, 'logic/contradiction',
                    `Always false: '${comparison.$cstNode?.text}' contradicts an earlier condition on '${atom.path}' in the same 'and'.`, { node: comparison });
            }
        }
    };

    private atom(node: ComparisonExpression): { path: string; operator: string; values: Scalar[] } | undefined {
        let [pathSide, valueSide, operator] = [node.left as Expression, node.right as Expression, node.operator as string];
        if (!isPath(pathSide)) {
            [pathSide, valueSide, operator] = [node.right, node.left, FLIPPED[node.operator] ?? ''];
        }
        if (!isPath(pathSide) || !operator) {
            return undefined;
        }
        if (!isPrimitive(this.types.typeOf(pathSide))) {
            return undefined;
        }
        const values = operator === 'in' ? listValues(valueSide) : [literal(valueSide)];
        if (!values || values.some(v => v === undefined)) {
            return undefined;
        }
        return { path: (pathSide.$cstNode?.text ?? '').replace(/\s+/gu, ''), operator, values: values as Scalar[] };
    }
}

function isAnd(node: LogicalExpression): boolean {
    return node.operator === 'and' || node.operator === '&&';
}

function conjuncts(node: Expression): ComparisonExpression[] {
    if (isLogicalExpression(node) && isAnd(node)) {
        return [...conjuncts(node.left), ...conjuncts(node.right)];
    }
    if (isParenthesizedExpression(node)) {
        return conjuncts(node.expression);
    }
    return isComparisonExpression(node) ? [node] : [];
}

function isPath(node: Expression): boolean {
    if (isMemberAccess(node)) {
        return !node.isCall && isPath(node.receiver);
    }
    return isNameReference(node) || isParameterReference(node);
}

function literal(node: Expression): Scalar | undefined {
    if (isNumberLiteral(node) || isStringLiteral(node) || isBooleanLiteral(node)) {
        return node.value;
    }
    if (isNegationExpression(node) && isNumberLiteral(node.operand)) {
        return -node.operand.value;
    }
    return undefined;
}

function listValues(node: Expression): Array<Scalar | undefined> | undefined {
    return isListLiteral(node) ? node.items.map(literal) : undefined;
}

/** Adds a comparison to the constraint; false when the constraint becomes unsatisfiable. */
function add(c: Constraint, operator: string, values: Scalar[]): boolean {
    const [value] = values;
    switch (operator) {
        case '=': case '==':
            if (c.equal !== undefined && c.equal !== value) {
                return false;
            }
            c.equal = value;
            break;
        case '!=':
            c.notEqual.add(value);
            break;
        case 'in':
            c.allowed = new Set(values.filter(v => !c.allowed || c.allowed.has(v)));
            break;
        case '<': case '<=':
            if (typeof value === 'number' && (!c.upper || value < c.upper.value || (value === c.upper.value && operator === '<'))) {
                c.upper = { value, strict: operator === '<' };
            }
            break;
        case '>': case '>=':
            if (typeof value === 'number' && (!c.lower || value > c.lower.value || (value === c.lower.value && operator === '>'))) {
                c.lower = { value, strict: operator === '>' };
            }
            break;
        default:
            return true;
    }
    return satisfiable(c);
}

function satisfiable(c: Constraint): boolean {
    if (c.allowed && c.allowed.size === 0) {
        return false;
    }
    if (c.lower && c.upper && (c.lower.value > c.upper.value || (c.lower.value === c.upper.value && (c.lower.strict || c.upper.strict)))) {
        return false;
    }
    if (c.equal === undefined) {
        return true;
    }
    const e = c.equal;
    if (c.notEqual.has(e) || (c.allowed && !c.allowed.has(e))) {
        return false;
    }
    if (typeof e === 'number') {
        if (c.lower && (e < c.lower.value || (e === c.lower.value && c.lower.strict))) {
            return false;
        }
        if (c.upper && (e > c.upper.value || (e === c.upper.value && c.upper.strict))) {
            return false;
        }
    }
    return true;
}
