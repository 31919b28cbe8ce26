import { CstUtils, GrammarAST, isCompositeCstNode, type CstNode, type ValidationAcceptor } from 'langium';
import { isExpressionRef, isNameReference, isOnTimeSpec, type ComparisonExpression, type LogicalExpression, type OccursExpression, type SegmentDefinition, type StringLiteral } from '../generated/ast.js';
import { isAepAudienceId } from '../segment-names.js';
import { report } from './segment-diagnostics.js';

const PROPERTIES = ['name', 'description', 'evaluation', 'aepId', 'where'];
const PQL_OPERATOR: Record<string, string> = { '==': '=', '&&': 'and', '||': 'or' };

/** Rules about the shape of a segment declaration and the spelling of its PQL. */
export class SegmentDeclarationValidation {

    segmentMustHaveCondition(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        if (!segment.condition && segment.$cstNode) {
            report(accept, 'segment/missing-condition', `Segment '${segment.name}' has no condition: add 'where: <PQL expression>'.`,
                { node: segment, property: 'name' });
        }
    }

    propertiesMustNotRepeat(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        // The property keywords are leaves of the segment's own CST node (`where` also occurs inside
        // conditions, which are nodes of their own): one pass over its children, not a search per keyword.
        const occurrences = new Map<string, CstNode[]>();
        for (const child of isCompositeCstNode(segment.$cstNode) ? segment.$cstNode.content : []) {
            const keyword = GrammarAST.isKeyword(child.grammarSource) ? child.grammarSource.value : undefined;
            if (keyword && PROPERTIES.includes(keyword)) {
                occurrences.set(keyword, [...occurrences.get(keyword) ?? [], child]);
            }
        }
        for (const property of PROPERTIES) {
            for (const duplicate of (occurrences.get(property) ?? []).slice(1)) {
                report(accept, 'segment/duplicate-property', `Property '${property}' is given more than once; only one is allowed.`,
                    { node: segment, range: duplicate.range });
            }
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
        if (segment.aepId !== undefined && !isAepAudienceId(segment.aepId)) {
            report(accept, 'segment/invalid-aep-id', `AEP id "${segment.aepId}" is not a UUID.`, { node: segment, property: 'aepId' });
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
