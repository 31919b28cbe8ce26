import type { AstNode, ValidationAcceptor } from 'langium';
import { isLambda, isNameReference, type Expression, type FunctionCall, type MemberAccess } from '../generated/ast.js';
import { closestNames, nameHint } from '../references/segment-names.js';
import type { SegmentServices } from '../segment-module.js';
import {
    acceptsReceiver, arity, findFunction, findMethod, functionNames, methodNames, receiverLabel, signatureOf, type PqlFunction,
} from '../typing/segment-functions.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { elementOf, isNumeric, isUnknown, typeToString, type PqlType } from '../typing/segment-types.js';
import { report } from './segment-diagnostics.js';

const AGGREGATES = new Set(['sum', 'average', 'min', 'max']);

/** Rules about calls: the function must exist, take that many arguments, and accept their types. */
export class SegmentFunctionValidation {
    private readonly types: SegmentTypeComputer;

    constructor(services: SegmentServices) {
        this.types = services.typing.TypeComputer;
    }

    functionMustExist = (call: FunctionCall, accept: ValidationAcceptor): void => {
        const fn = findFunction(call.name);
        if (!fn) {
            const method = findMethod(call.name);
            const suggestions = method ? [] : closestNames(call.name, functionNames());
            const message = method
                ? `'${call.name}' is a method: call it on a value, e.g. '${method.example}'.`
                : `Unknown function '${call.name}'.${suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ''} PQL functions: ${functionNames().join(', ')}.`;
            report(accept, 'function/unknown', message, { node: call, property: 'name' }, { suggestions });
            return;
        }
        this.checkArguments(fn, call, call.arguments, accept);
    };

    methodMustExist = (access: MemberAccess, accept: ValidationAcceptor): void => {
        if (!access.isCall) {
            return;
        }
        const method = findMethod(access.member);
        if (!method) {
            const { suggestions, hint } = nameHint(access.member, methodNames(), { known: 'Methods' });
            report(accept, 'function/unknown', `Unknown method '${access.member}'.${hint}`,
                { node: access, property: 'member' }, { suggestions });
            return;
        }
        const receiver = this.types.typeOf(access.receiver);
        if (!acceptsReceiver(method, receiver)) {
            report(accept, 'type/mismatch',
                `'${method.name}' is called on ${article(receiverLabel(method.receiver))}, but '${text(access.receiver)}' is ${article(typeToString(receiver))}.`,
                { node: access, property: 'member' });
            return;
        }
        this.checkArguments(method, access, access.arguments, accept);
        if (AGGREGATES.has(method.name)) {
            const value = access.arguments[0] ? this.types.typeOf(access.arguments[0]) : elementOf(receiver);
            if (!isUnknown(value) && !isNumeric(value)) {
                report(accept, 'type/mismatch', `'${method.name}' needs numbers, but the values are ${typeToString(value)}.`,
                    { node: access.arguments[0] ?? access, ...(access.arguments[0] ? {} : { property: 'member' as const }) });
            }
        }
    };

    private checkArguments(fn: PqlFunction, call: FunctionCall | MemberAccess, args: Expression[], accept: ValidationAcceptor): void {
        const { min, max } = arity(fn);
        if (args.length < min || args.length > max) {
            const expected = min === max ? `${min}` : `${min} to ${max}`;
            const message = `'${fn.name}' takes ${expected} argument${max === 1 ? '' : 's'} but is given ${args.length}: ${signatureOf(fn)}.`;
            if (call.$type === 'FunctionCall') {
                report(accept, 'function/arity', message, { node: call, property: 'name' });
            } else {
                report(accept, 'function/arity', message, { node: call, property: 'member' });
            }
            return;
        }
        args.forEach((arg, index) => {
            const param = fn.params[index];
            const type = this.types.typeOf(arg);
            const problem = argumentProblem(param.kind, type, arg);
            if (problem) {
                report(accept, 'type/mismatch', `Argument '${param.name}' of '${fn.name}' must be ${problem}, but it is ${article(typeToString(type))}.`, { node: arg });
            }
        });
    }
}

function argumentProblem(kind: PqlFunction['params'][number]['kind'], type: PqlType, arg: AstNode): string | undefined {
    if (isUnknown(type)) {
        return undefined;
    }
    switch (kind) {
        case 'string': return type.kind === 'string' ? undefined : 'a string';
        case 'boolean': return type.kind === 'boolean' ? undefined : 'a boolean (true or false)';
        case 'integer': return type.kind === 'integer' ? undefined : 'an integer';
        case 'number': return isNumeric(type) ? undefined : 'a number';
        case 'array': return type.kind === 'array' ? undefined : 'an array';
        case 'function': return isLambda(arg) || isNameReference(arg) ? undefined : 'a function or lambda';
        default: return undefined;
    }
}

function text(node: AstNode): string {
    return node.$cstNode?.text ?? 'the value';
}

function article(type: string): string {
    return /^[aeiou]/u.test(type) ? `an ${type}` : `a ${type}`;
}
