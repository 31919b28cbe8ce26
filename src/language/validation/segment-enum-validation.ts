import type { ValidationAcceptor } from 'langium';
import {
    isListLiteral, isParenthesizedExpression, isStringLiteral, type ComparisonExpression, type Expression, type MemberAccess, type StringLiteral,
} from '../generated/ast.js';
import { nameHint } from '../references/segment-names.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { scalarOf, type EnumInfo } from '../typing/segment-types.js';
import { report } from './segment-diagnostics.js';

const STRING_EQUALITY = new Set(['equals', 'notEqualTo']);

/** Rules about enum fields: a compared string must be a hard enum's value (error) or a soft enum's suggested value (warning). */
export class SegmentEnumValidation {
    private readonly types: SegmentTypeComputer;

    constructor(services: SegmentServices) {
        this.types = services.typing.TypeComputer;
    }

    comparedValueMustBeInEnum = (node: ComparisonExpression, accept: ValidationAcceptor): void => {
        if (!['=', '==', '!=', 'in', 'notIn'].includes(node.operator)) {
            return;
        }
        const pairs: Array<[Expression, Expression]> = [[node.left, node.right], [node.right, node.left]];
        for (const [field, value] of pairs) {
            const info = this.enumOf(field);
            if (info) {
                for (const literal of stringLiterals(value)) {
                    this.check(info, literal, false, accept);
                }
            }
        }
    };

    methodArgumentMustBeInEnum = (node: MemberAccess, accept: ValidationAcceptor): void => {
        if (!node.isCall || !STRING_EQUALITY.has(node.member) || !isStringLiteral(node.arguments[0])) {
            return;
        }
        const info = this.enumOf(node.receiver);
        const flag = node.arguments[1];
        const ignoreCase = flag?.$type === 'BooleanLiteral' && (flag as { value: boolean }).value === false;
        if (info) {
            this.check(info, node.arguments[0], ignoreCase, accept);
        }
    };

    private enumOf(node: Expression): EnumInfo | undefined {
        const type = scalarOf(this.types.typeOf(node));
        return type.kind === 'string' ? type.enum : undefined;
    }

    private check(info: EnumInfo, literal: StringLiteral, ignoreCase: boolean, accept: ValidationAcceptor): void {
        const value = literal.value;
        const allowed = ignoreCase ? info.values.some(v => v.toLowerCase() === value.toLowerCase()) : info.values.includes(value);
        if (allowed) {
            return;
        }
        const { suggestions, hint } = nameHint(value, info.values, { known: info.hard ? 'Allowed' : 'Suggested values', quote: '"', keepOrder: true });
        const quoted = suggestions.map(s => JSON.stringify(s));
        if (info.hard) {
            report(accept, 'schema/enum-value', `"${value}" is not a value of this enum.${hint}`, { node: literal }, { suggestions: quoted });
        } else {
            report(accept, 'schema/soft-enum-value', `"${value}" is not one of the suggested values of this field.${hint} Keep it if your data uses this custom value.`,
                { node: literal }, { suggestions: quoted });
        }
    }
}

function stringLiterals(node: Expression): StringLiteral[] {
    if (isStringLiteral(node)) {
        return [node];
    }
    if (isListLiteral(node)) {
        return node.items.filter(isStringLiteral);
    }
    return isParenthesizedExpression(node) ? stringLiterals(node.expression) : [];
}
