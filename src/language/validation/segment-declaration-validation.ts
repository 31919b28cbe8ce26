import { CstUtils, type ValidationAcceptor } from 'langium';
import { isExpressionRef, isNameReference, isOnTimeSpec, type ComparisonExpression, type LogicalExpression, type OccursExpression, type SegmentDefinition, type StringLiteral } from '../generated/ast.js';
import { isAepAudienceId } from '../references/segment-names.js';
import { report } from './segment-diagnostics.js';
import { repeatedProperties, segmentAepIdProperty, segmentCondition } from '../segment-properties.js';

const PQL_OPERATOR: Record<string, string> = { '==': '=', '&&': 'and', '||': 'or' };

/** Rules about the shape of a segment declaration and the spelling of its PQL. */
export class SegmentDeclarationValidation {

    segmentMustHaveCondition(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        if (!segmentCondition(segment) && segment.$cstNode) {
            report(accept, 'segment/missing-condition', `Segment '${segment.name}' has no condition: add 'where: <PQL expression>'.`,
                { node: segment, property: 'name' });
        }
    }

    propertiesMustNotRepeat(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        for (const { keyword, leaf } of repeatedProperties(segment.properties)) {
            report(accept, 'segment/duplicate-property', `Property '${keyword}' is given more than once; only one is allowed.`,
                { node: segment, range: leaf.range });
        }
    }

    segmentIdMustBeAscii(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        if (segment.name && !/^[\w]*$/u.test(segment.name)) {
            const ascii = asciiId(segment.name);
            const letters = [...new Set(segment.name.replace(/\w/gu, ''))].map(c => `'${c}'`).join(', ');
            report(accept, 'segment/non-ascii-id', `Segment ids are ASCII letters, digits and _: '${segment.name}' has ${letters}. Use '${ascii}' (the name: property may keep the accents).`,
                { node: segment, property: 'name' }, { replacement: ascii });
        }
    }

    aepIdMustBeUuid(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        const property = segmentAepIdProperty(segment);
        if (property && !isAepAudienceId(property.aepId)) {
            report(accept, 'segment/invalid-aep-id', `AEP id "${property.aepId}" is not a UUID.`, { node: property, property: 'aepId' });
        }
    }

    operatorsMustBePql(expression: LogicalExpression | ComparisonExpression, accept: ValidationAcceptor): void {
        const replacement = PQL_OPERATOR[expression.operator];
        if (replacement) {
            // The operator is the leaf between the operands (infix rules do not link keywords to their node).
            const between = (offset: number) => offset >= expression.left.$cstNode!.end && offset < expression.right.$cstNode!.offset;
            const keyword = CstUtils.streamCst(expression.$cstNode!).find(n => n.text === expression.operator && between(n.offset));
            report(accept, 'syntax/foreign-operator', `'${expression.operator}' is not a PQL operator: write '${replacement}'.`,
                { node: expression, range: keyword?.range ?? expression.$cstNode!.range }, { replacement });
        }
    }

    /**
     * `occurs since today` parses `since` as a timestamp path (any path may be a time reference);
     * a bare word is never one, so it is reported as the unknown time keyword it is.
     */
    occursMustBeFollowedByTime(occurs: OccursExpression, accept: ValidationAcceptor): void {
        const spec = occurs.time;
        if (isOnTimeSpec(spec) && !spec.on && isExpressionRef(spec.anchor) && isNameReference(spec.anchor.expression)) {
            report(accept, 'syntax/expected-time',
                `Expected a time after 'occurs' (such as '<= 30 days before now', 'before today', 'between … and …', 'last month') but found '${spec.anchor.expression.name}'.`,
                { node: spec.anchor.expression });
        }
    }

    stringsShouldUseDoubleQuotes(literal: StringLiteral, accept: ValidationAcceptor): void {
        const text = literal.$cstNode?.text ?? '';
        if (text.startsWith("'")) {
            report(accept, 'syntax/single-quoted-string', 'PQL strings are double-quoted; AEP may reject single quotes.',
                { node: literal }, { replacement: JSON.stringify(literal.value) });
        }
    }
}

/** `clients_fidèles` → `clients_fideles`: accents dropped, other letters replaced by `_`. */
export function asciiId(id: string): string {
    return id.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\w]/gu, '_');
}
