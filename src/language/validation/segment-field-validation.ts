import type { ValidationAcceptor } from 'langium';
import { isExpressionRef, isOnTimeSpec, type MemberAccess, type NameReference, type UpReference } from '../generated/ast.js';
import { nameHint } from '../references/segment-names.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { typeToString, type PqlType } from '../typing/segment-types.js';
import { report } from './segment-diagnostics.js';

/** Names that are written like variables (`X`, `F1`, `var1`, `Order1`), not like XDM fields (`person`, `_id`). */
const VARIABLE_LIKE = /^(?:[A-Z][A-Za-z0-9]*|var\d*)$/u;

/** Rules about field paths: every path must exist in the schema in effect, every variable must be declared. */
export class SegmentFieldValidation {
    private readonly types: SegmentTypeComputer;

    constructor(services: SegmentServices) {
        this.types = services.typing.TypeComputer;
    }

    fieldPathMustExistInSchema = (node: NameReference | UpReference, accept: ValidationAcceptor): void => {
        // `occurs since today`: the bare word is reported by occursMustBeFollowedByTime.
        const ref = node.$container;
        if (isExpressionRef(ref) && isOnTimeSpec(ref.$container) && !ref.$container.on) {
            return;
        }
        const resolution = this.types.resolveHead(node);
        if (resolution.kind !== 'unknown' || resolution.context.type.kind !== 'object') {
            return;
        }
        const label = resolution.context.label;
        const { suggestions, hint } = nameHint(node.name, resolution.context.type.fields.keys(), { known: `Fields of ${label}` });
        if (node.$type === 'NameReference' && VARIABLE_LIKE.test(node.name) && suggestions.length === 0) {
            report(accept, 'reference/unbound-variable',
                `'${node.name}' is not declared: no select, exists, forall, aggregation, let or lambda binds it, and ${resolution.context.label} has no field of that name.`,
                { node, property: 'name' });
            return;
        }
        report(accept, 'schema/unknown-field', `Unknown field '${node.name}': ${label} has no such field in the schema.${hint}`,
            { node, property: 'name' }, { suggestions });
    };

    memberMustExistInSchema = (node: MemberAccess, accept: ValidationAcceptor): void => {
        if (node.isCall) {
            return;
        }
        let receiver: PqlType = this.types.typeOf(node.receiver);
        while (receiver.kind === 'array') {
            receiver = receiver.element;
        }
        // Only for a message: the text of a path is as long as the path.
        const owner = () => node.receiver.$cstNode?.text ?? 'the value';
        if (receiver.kind === 'object') {
            if (!receiver.fields.has(node.member)) {
                const { suggestions, hint } = nameHint(node.member, receiver.fields.keys(), { known: `Fields of '${owner()}'` });
                report(accept, 'schema/unknown-field', `Unknown field '${node.member}': '${owner()}' has no such field in the schema.${hint}`,
                    { node, property: 'member' }, { suggestions });
            }
        } else if (receiver.kind === 'map') {
            report(accept, 'schema/unknown-field', `'${owner()}' is a map: read the entry with '.get("${node.member}")' instead of '.${node.member}'.`,
                { node, property: 'member' }, { suggestions: [] });
        } else if (receiver.kind !== 'unknown' && receiver.kind !== 'lambda') {
            report(accept, 'schema/unknown-field', `'${owner()}' is ${article(typeToString(receiver))} and has no field '${node.member}'.`,
                { node, property: 'member' }, { suggestions: [] });
        }
    };
}

function article(type: string): string {
    return /^[aeiou]/u.test(type) ? `an ${type}` : `a ${type}`;
}
