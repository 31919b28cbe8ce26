import { AstUtils, type AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import type { SegmentSchemaProvider, SegmentSchemas } from '../schema/segment-schema-provider.js';
import { isIncomplete } from '../parser/segment-incomplete-nodes.js';
import type { SegmentServices } from '../segment-module.js';
import { NodeMemo } from '../segment-node-memo.js';
import { acceptsReceiver, findFunction, findMethod } from './segment-functions.js';
import { elementContexts, findVariable, isFunctionArgument, isTopLevelLambda, rootOf, type ElementContext, type VariableBinding } from './segment-scopes.js';
import {
    arrayOf, BOOLEAN, INTEGER, isNumeric, LAMBDA, NUMBER, STRING, TIME, UNKNOWN, type PqlType, type SchemaField,
} from './segment-types.js';

/** The context a path head resolves in: the profile, an experience event, or an element of an array. */
export interface NameContext {
    type: PqlType;
    /** For messages: "the profile", "an experience event", "an element of productListItems". */
    label: string;
}

/** What a path head (`person` in `person.birthYear`, `X` in `X.timestamp`) denotes. */
export type HeadResolution =
    | { kind: 'variable'; binding: VariableBinding; type: PqlType }
    | { kind: 'field'; field: SchemaField; context: NameContext }
    | { kind: 'events'; type: PqlType }
    | { kind: 'function-name' }
    /** Not a variable nor a field of the context (which is known to be an object). */
    | { kind: 'unknown'; context: NameContext }
    /** The context itself is unknown: nothing can be said. */
    | { kind: 'unresolvable' };

interface CacheEntry {
    generation: number;
    type: PqlType;
}

/**
 * Infers PQL types over the AST (reference §2.16): paths resolve against the profile schema
 * (implicit root, `$1`, a top-level lambda's parameter) or the event schema (`xEvent`, variables
 * bound to events, chain steps); arrays project (`xEvent.eventType` is `array<string>`); functions
 * are typed by the catalog. Results are cached per AST node (nodes are rebuilt when a document
 * changes, and the schema generation invalidates entries when schemas reload); a recursion guard
 * answers `unknown` instead of looping. Never a wrong type: `unknown` when unsure.
 */
export class SegmentTypeComputer {
    private readonly schemaProvider: SegmentSchemaProvider;
    private readonly cache = new NodeMemo<CacheEntry>('type');
    private readonly inProgress = new Set<AstNode>();

    constructor(services: SegmentServices) {
        this.schemaProvider = services.schema.SchemaProvider;
    }

    /** The schemas governing the document of a node. */
    schemas(node: AstNode): SegmentSchemas {
        return this.schemaProvider.schemasFor(AstUtils.getDocument(rootOf(node)).uri);
    }

    /** The type of an expression (or a `Variable`: the type it is bound to). */
    typeOf(node: AstNode | undefined): PqlType {
        if (!node) {
            return UNKNOWN;
        }
        const generation = this.schemaProvider.generation;
        const cached = this.cache.get(node);
        if (cached && cached.generation === generation) {
            return cached.type;
        }
        if (this.inProgress.has(node)) {
            return UNKNOWN;
        }
        this.inProgress.add(node);
        try {
            const type = this.compute(node);
            this.cache.set(node, { generation, type });
            return type;
        } finally {
            this.inProgress.delete(node);
        }
    }

    /** What a path head denotes at its position. */
    resolveHead(node: ast.NameReference | ast.UpReference): HeadResolution {
        if (ast.isUpReference(node)) {
            const contexts = this.contextStack(node);
            const target = contexts[contexts.length - 1 - node.levels.length];
            return target ? this.fieldIn(target, node.name) : { kind: 'unresolvable' };
        }
        const binding = findVariable(node, node.name);
        if (binding) {
            return { kind: 'variable', binding, type: this.bindingType(binding) };
        }
        if (node.name === 'xEvent') {
            return { kind: 'events', type: arrayOf(this.schemas(node).event.root) };
        }
        if (isFunctionArgument(node)) {
            return { kind: 'function-name' };
        }
        return this.fieldIn(this.innermostContext(node), node.name);
    }

    /** The context bare names resolve in at `node` (for completion and messages). */
    innermostContext(node: AstNode): NameContext {
        const stack = this.contextStack(node);
        return stack[stack.length - 1];
    }

    /** Name contexts around a node, outermost (the profile) first. */
    contextStack(node: AstNode): NameContext[] {
        const schemas = this.schemas(node);
        const stack: NameContext[] = [{ type: schemas.profile.root, label: 'the profile' }];
        for (const context of elementContexts(node).reverse()) {
            stack.push(this.elementContext(context, node));
        }
        return stack;
    }

    private elementContext(context: ElementContext, node: AstNode): NameContext {
        if (context.kind === 'chain-step') {
            return { type: this.schemas(node).event.root, label: 'an experience event' };
        }
        const source = this.typeOf(context.source);
        const element = source.kind === 'array' ? source.element : source.kind === 'object' ? source : UNKNOWN;
        const isEvents = element === this.schemas(node).event.root;
        return { type: element, label: isEvents ? 'an experience event' : `an element of ${describe(context.source)}` };
    }

    private fieldIn(context: NameContext, name: string): HeadResolution {
        if (context.type.kind !== 'object') {
            return { kind: 'unresolvable' };
        }
        const field = context.type.fields.get(name);
        return field ? { kind: 'field', field, context } : { kind: 'unknown', context };
    }

    /** The type a variable is bound to. */
    bindingType(binding: VariableBinding): PqlType {
        switch (binding.kind) {
            case 'declaration': {
                const source = this.typeOf(binding.declaration.source);
                return source.kind === 'array' ? source.element : source.kind === 'object' ? source : UNKNOWN;
            }
            case 'let': return this.typeOf(binding.let.value);
            case 'lambda': return binding.index === 0 && isTopLevelLambda(binding.lambda) ? this.schemas(binding.lambda).profile.root : UNKNOWN;
        }
    }

    /** The field a member access denotes (`birthYear` in `person.birthYear`), through projections. */
    memberField(node: ast.MemberAccess): SchemaField | undefined {
        if (node.isCall) {
            return undefined;
        }
        let receiver = this.typeOf(node.receiver);
        while (receiver.kind === 'array') {
            receiver = receiver.element;
        }
        return receiver.kind === 'object' ? receiver.fields.get(node.member) : undefined;
    }

    private compute(node: AstNode): PqlType {
        if (isIncomplete(node)) {
            return UNKNOWN;
        }
        switch (node.$type) {
            case ast.StringLiteral.$type: return STRING;
            case ast.NumberLiteral.$type: return /[.eE]/u.test(node.$cstNode?.text ?? '') ? NUMBER : INTEGER;
            case ast.BooleanLiteral.$type: return BOOLEAN;
            case ast.ListLiteral.$type: return arrayOf(commonType((node as ast.ListLiteral).items.map(item => this.typeOf(item))));
            case ast.ParenthesizedExpression.$type: return this.typeOf((node as ast.ParenthesizedExpression).expression);
            case ast.Lambda.$type: return LAMBDA;
            case ast.ParameterReference.$type: return (node as ast.ParameterReference).position === '$1' ? this.schemas(node).profile.root : UNKNOWN;
            case ast.NameReference.$type: case ast.UpReference.$type: return this.headType(node as ast.NameReference | ast.UpReference);
            case ast.MemberAccess.$type: return this.memberType(node as ast.MemberAccess);
            case ast.FilterExpression.$type: return asArray(this.typeOf((node as ast.FilterExpression).receiver));
            case ast.FunctionCall.$type: {
                const call = node as ast.FunctionCall;
                return findFunction(call.name)?.result(UNKNOWN, call.arguments.map(a => this.typeOf(a))) ?? UNKNOWN;
            }
            case ast.ArithmeticExpression.$type: return this.arithmeticType(node as ast.ArithmeticExpression);
            case ast.NegationExpression.$type: {
                const operand = this.typeOf((node as ast.NegationExpression).operand);
                return isNumeric(operand) ? operand : UNKNOWN;
            }
            case ast.SelectExpression.$type: {
                const select = node as ast.SelectExpression;
                return select.declarations.length === 1 ? asArray(this.typeOf(select.declarations[0].source)) : arrayOf(UNKNOWN);
            }
            case ast.AggregationExpression.$type: return this.aggregationType(node as ast.AggregationExpression);
            case ast.LetExpression.$type: return this.typeOf((node as ast.LetExpression).body);
            case ast.Variable.$type: {
                const binding = findVariable(node, (node as ast.Variable).name);
                return binding?.variable === node ? this.bindingType(binding) : this.declaredVariableType(node as ast.Variable);
            }
            case ast.CalendarRef.$type: return TIME;
            case ast.ExpressionRef.$type: return this.typeOf((node as ast.ExpressionRef).expression);
            case ast.NotExpression.$type: case ast.LogicalExpression.$type: case ast.ComparisonExpression.$type:
            case ast.OccursExpression.$type: case ast.InSegmentExpression.$type: case ast.ChainExpression.$type:
            case ast.QuantifiedExpression.$type:
                return BOOLEAN;
            default: return UNKNOWN;
        }
    }

    private declaredVariableType(variable: ast.Variable): PqlType {
        const container = variable.$container;
        if (ast.isDeclaration(container)) {
            return this.bindingType({ kind: 'declaration', variable, declaration: container });
        }
        if (ast.isLetExpression(container)) {
            return this.typeOf(container.value);
        }
        if (ast.isLambda(container)) {
            return this.bindingType({ kind: 'lambda', variable, lambda: container, index: container.parameters.indexOf(variable) });
        }
        return UNKNOWN;
    }

    private headType(node: ast.NameReference | ast.UpReference): PqlType {
        const resolution = this.resolveHead(node);
        switch (resolution.kind) {
            case 'variable': case 'events': return resolution.type;
            case 'field': return resolution.field.type;
            default: return UNKNOWN;
        }
    }

    private memberType(node: ast.MemberAccess): PqlType {
        const receiver = this.typeOf(node.receiver);
        if (node.isCall) {
            const method = findMethod(node.member);
            if (!method || !acceptsReceiver(method, receiver)) {
                return UNKNOWN;
            }
            return method.result(receiver, node.arguments.map(a => this.typeOf(a)));
        }
        return project(receiver, node.member);
    }

    private arithmeticType(node: ast.ArithmeticExpression): PqlType {
        const left = this.typeOf(node.left);
        const right = this.typeOf(node.right);
        if (!isNumeric(left) || !isNumeric(right)) {
            return UNKNOWN;
        }
        return node.operator !== '/' && left.kind === 'integer' && right.kind === 'integer' ? INTEGER : NUMBER;
    }

    private aggregationType(node: ast.AggregationExpression): PqlType {
        if (node.function === 'average') {
            return NUMBER;
        }
        const declaration = node.declarations[0] as ast.Declaration | undefined; // none in half-typed `sum X [`
        const value = node.value ? this.typeOf(node.value)
            : declaration ? this.bindingType({ kind: 'declaration', variable: declaration.variable, declaration }) : UNKNOWN;
        return value.kind === 'integer' ? INTEGER : NUMBER;
    }
}

/** `a.b` on an object is its field; on an array, the projection of the elements' field (flattened). */
function project(receiver: PqlType, member: string): PqlType {
    if (receiver.kind === 'object') {
        return receiver.fields.get(member)?.type ?? UNKNOWN;
    }
    if (receiver.kind === 'array') {
        const inner = project(receiver.element, member);
        return inner.kind === 'unknown' ? UNKNOWN : inner.kind === 'array' ? inner : arrayOf(inner);
    }
    return UNKNOWN;
}

function asArray(type: PqlType): PqlType {
    return type.kind === 'array' ? type : type.kind === 'object' ? arrayOf(type) : type.kind === 'unknown' ? arrayOf(UNKNOWN) : UNKNOWN;
}

function commonType(types: PqlType[]): PqlType {
    if (types.length === 0) {
        return UNKNOWN;
    }
    if (types.every(t => isNumeric(t))) {
        return types.every(t => t.kind === 'integer') ? INTEGER : NUMBER;
    }
    return types.every(t => t.kind === types[0].kind) && types[0].kind !== 'object' ? types[0] : UNKNOWN;
}

function describe(node: AstNode): string {
    const text = node.$cstNode?.text ?? 'the array';
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
