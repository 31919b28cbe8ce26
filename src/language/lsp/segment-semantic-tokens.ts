import { AstUtils, interruptAndCheck, type AstNode, type Cancellation, type LangiumDocument } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor, type SemanticTokenPropertyOptions } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import type { PqlType } from '../typing/segment-types.js';
import { NODES_PER_CHECK } from '../segment-ast-walk.js';
import { findPropertyNodes } from './segment-property-nodes.js';
import { unquotedRange } from './segment-quoted-ranges.js';

const EQUALITY = new Set(['=', '!=']);
const MEMBERSHIP = new Set(['in', 'notIn']);

/**
 * Semantic highlighting of what TextMate cannot know: segment ids (declarations and `inSegment`
 * targets that resolve), schema fields, variables and their uses, functions and methods, `$1`, and
 * string literals that are values of an enum field. Keywords, strings, numbers and comments are
 * left to the TextMate grammar (syntaxes/segment.tmLanguage.json).
 */
export class SegmentSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly typeComputer: SegmentTypeComputer;

    constructor(services: SegmentServices) {
        super(services);
        this.typeComputer = services.typing.TypeComputer;
    }

    /** As Langium's, awaiting a cancellation check every `NODES_PER_CHECK` nodes instead of at each one. */
    protected override async computeHighlighting(document: LangiumDocument, acceptor: SemanticTokenAcceptor, cancelToken: Cancellation.CancellationToken): Promise<void> {
        let count = 0;
        for (const node of AstUtils.streamAst(document.parseResult.value, { range: this.currentRange })) {
            if (count++ % NODES_PER_CHECK === 0) {
                await interruptAndCheck(cancelToken);
            }
            this.highlightElement(node, acceptor); // never prunes
        }
    }

    /** As Langium's, with a faster lookup of the property's nodes (`findPropertyNodes`). */
    protected override highlightProperty<N extends AstNode>(options: SemanticTokenPropertyOptions<N>): void {
        const nodes = findPropertyNodes(options.node.$cstNode, options.property);
        const chosen = typeof options.index === 'number' ? nodes[Math.max(0, Math.min(options.index, nodes.length - 1))] : undefined;
        for (const node of typeof options.index === 'number' ? (chosen ? [chosen] : []) : nodes) {
            this.highlightNode({ node, type: options.type, modifier: options.modifier });
        }
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (ast.isSegmentDefinition(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isInSegmentExpression(node)) {
            // An unresolved target (an AEP audience UUID, a typo) stays a string.
            if (node.segment?.ref && node.segment.$refNode) {
                acceptor({ range: unquotedRange(node.segment.$refNode), type: SemanticTokenTypes.class });
            }
        } else if (ast.isVariable(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isNameReference(node)) {
            this.highlightHead(node, acceptor);
        } else if (ast.isMemberAccess(node)) {
            acceptor({ node, property: 'member', type: node.isCall ? SemanticTokenTypes.method : SemanticTokenTypes.property });
        } else if (ast.isFunctionCall(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function });
        } else if (ast.isUpReference(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        } else if (ast.isParameterReference(node)) {
            acceptor({ node, property: 'position', type: SemanticTokenTypes.parameter });
        } else if (ast.isStringLiteral(node) && this.isEnumValue(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.enumMember });
        }
    }

    private highlightHead(node: ast.NameReference, acceptor: SemanticTokenAcceptor): void {
        const head = this.typeComputer.resolveHead(node);
        switch (head.kind) {
            case 'variable':
                acceptor({ node, property: 'name', type: SemanticTokenTypes.variable });
                break;
            case 'events':
                acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.defaultLibrary });
                break;
            case 'function-name':
                acceptor({ node, property: 'name', type: SemanticTokenTypes.function });
                break;
            default:
                acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        }
    }

    /** `gender = "female"`, `gender in ["male", "female"]`: the literal is one of the field's enum values. */
    private isEnumValue(literal: ast.StringLiteral): boolean {
        const other = comparedWith(literal);
        if (!other) {
            return false;
        }
        const type: PqlType = this.typeComputer.typeOf(other);
        const value = type.kind === 'array' ? type.element : type;
        return value.kind === 'string' && value.enum !== undefined && value.enum.values.includes(literal.value);
    }
}

/** The expression a string literal is compared with by `=`/`!=`, or tested for membership in by `in`/`notIn`. */
function comparedWith(literal: ast.StringLiteral): AstNode | undefined {
    const container: AstNode | undefined = literal.$container;
    const self: AstNode = literal;
    if (ast.isComparisonExpression(container)) {
        const left: AstNode = container.left;
        const right: AstNode = container.right;
        if (EQUALITY.has(container.operator)) {
            return left === self ? right : left;
        }
        return MEMBERSHIP.has(container.operator) && left === self ? right : undefined;
    }
    const comparison: AstNode | undefined = container?.$container;
    if (ast.isListLiteral(container) && ast.isComparisonExpression(comparison) && MEMBERSHIP.has(comparison.operator)
        && (comparison.right as AstNode) === container) {
        return comparison.left;
    }
    return undefined;
}