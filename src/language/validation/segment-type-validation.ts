import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isStringLiteral,
    type AggregationExpression, type ArithmeticExpression, type ComparisonExpression, type Declaration, type ExpressionRef,
    type NegationExpression, type OccursExpression,
} from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { comparable, isNumeric, isTemporal, isUnknown, scalarOf, typeToString, type PqlType } from '../typing/segment-types.js';
import { report } from './segment-diagnostics.js';

/** Rules about operand types (reference §2.16): comparisons, arithmetic, `in`, `like`, `occurs`, iteration sources. */
export class SegmentTypeValidation {
    private readonly types: SegmentTypeComputer;

    constructor(services: SegmentServices) {
        this.types = services.typing.TypeComputer;
    }

    comparisonOperandsMustHaveCompatibleTypes = (node: ComparisonExpression, accept: ValidationAcceptor): void => {
        const left = this.types.typeOf(node.left);
        const right = this.types.typeOf(node.right);
        switch (node.operator) {
            case '=': case '==': case '!=': {
                const [field, literal, fieldNode] = isStringLiteral(node.right) ? [left, right, node.left] : [right, left, node.right];
                if (scalarOf(field).kind === 'boolean' && literal.kind === 'string') {
                    report(accept, 'type/mismatch', `'${text(fieldNode)}' is a boolean but is compared with a string: write true or false without quotes.`, { node });
                } else if (!comparable(left, right)) {
                    report(accept, 'type/mismatch', `Cannot compare ${describe(node.left, left)} with ${describe(node.right, right)}.`, { node });
                }
                return;
            }
            case '<': case '<=': case '>': case '>=':
                for (const [operand, type] of [[node.left, left], [node.right, right]] as const) {
                    const scalar = scalarOf(type);
                    if (!isUnknown(scalar) && !isNumeric(scalar)) {
                        const hint = isTemporal(scalar) ? ' For times use occurs, e.g. \'occurs before date(2024, 1, 1)\'.' : '';
                        report(accept, 'type/mismatch', `'${node.operator}' compares numbers, but ${describe(operand, type)}.${hint}`, { node: operand });
                    }
                }
                return;
            case 'in': case 'notIn':
                if (!isUnknown(right) && right.kind !== 'array') {
                    report(accept, 'type/mismatch', `'${node.operator}' needs an array on its right, such as ["a", "b"], but ${describe(node.right, right)}.`, { node: node.right });
                } else if (right.kind === 'array' && !comparable(left, right.element)) {
                    report(accept, 'type/mismatch', `${capitalise(describe(node.left, left))}, but the array holds ${typeToString(right.element)} values.`, { node: node.left });
                }
                return;
            case 'like': case 'matches':
                for (const [operand, type] of [[node.left, left], [node.right, right]] as const) {
                    const scalar = scalarOf(type);
                    if (!isUnknown(scalar) && scalar.kind !== 'string') {
                        report(accept, 'type/mismatch', `'${node.operator}' matches strings, but ${describe(operand, type)}.`, { node: operand });
                    }
                }
                return;
        }
    };

    arithmeticOperandsMustBeNumbers = (node: ArithmeticExpression, accept: ValidationAcceptor): void => {
        for (const operand of [node.left, node.right]) {
            this.expectNumber(operand, `'${node.operator}'`, accept);
        }
    };

    negatedValueMustBeNumber = (node: NegationExpression, accept: ValidationAcceptor): void => {
        this.expectNumber(node.operand, 'Unary \'-\'', accept);
    };

    occursSubjectMustBeTimestamp = (node: OccursExpression, accept: ValidationAcceptor): void => {
        const type = scalarOf(this.types.typeOf(node.subject));
        if (!isUnknown(type) && !isTemporal(type)) {
            report(accept, 'type/mismatch', `'occurs' needs a date or timestamp, but ${describe(node.subject, type)}.`, { node: node.subject });
        }
    };

    timeReferenceMustBeTime = (node: ExpressionRef, accept: ValidationAcceptor): void => {
        const type = scalarOf(this.types.typeOf(node.expression));
        if (!isUnknown(type) && !isTemporal(type) && type.kind !== 'string') {
            report(accept, 'type/mismatch',
                `Expected a time reference (now, today, yesterday, tomorrow, this/last/next <unit>, date(…) or a timestamp field), but ${describe(node.expression, type)}.`,
                { node });
        }
    };

    iterationSourceMustBeArray = (node: Declaration, accept: ValidationAcceptor): void => {
        const type = this.types.typeOf(node.source);
        if (!isUnknown(type) && type.kind !== 'array' && type.kind !== 'object') {
            report(accept, 'type/mismatch', `'${node.variable.name} from …' iterates over an array, but ${describe(node.source, type)}.`, { node: node.source });
        }
    };

    aggregatedValuesMustBeNumbers = (node: AggregationExpression, accept: ValidationAcceptor): void => {
        const value = node.value ?? undefined;
        const type = value ? this.types.typeOf(value) : this.types.typeOf(node.declarations[0]?.variable);
        if (!isUnknown(type) && !isNumeric(scalarOf(type))) {
            report(accept, 'type/mismatch', `'${node.function}' needs numbers, but the values are ${typeToString(type)}.`,
                value ? { node: value } : { node, property: 'function' });
        }
    };

    private expectNumber(operand: AstNode, what: string, accept: ValidationAcceptor): void {
        const type = this.types.typeOf(operand);
        if (!isUnknown(type) && !isNumeric(scalarOf(type))) {
            report(accept, 'type/mismatch', `${what} needs numbers, but ${describe(operand, type)}.`, { node: operand });
        }
    }
}

function describe(node: AstNode, type: PqlType): string {
    return `'${text(node)}' is ${article(typeToString(type))}`;
}

function text(node: AstNode): string {
    const value = node.$cstNode?.text ?? 'the value';
    return value.length > 50 ? `${value.slice(0, 47)}…` : value;
}

function article(type: string): string {
    return /^[aeiou]/u.test(type) ? `an ${type}` : `a ${type}`;
}

function capitalise(value: string): string {
    return value.charAt(0).toUpperCase() + value.slice(1);
}
