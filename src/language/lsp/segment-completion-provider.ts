import { AstUtils, CstUtils, GrammarAST, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import {
    DefaultCompletionProvider, findNextFeatures, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as ast from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';
import { isRefused } from '../parser/segment-parser.js';
import { SegmentIdCompletion } from './segment-id-completion.js';
import { MAX_UNPARSED_NESTING, openBracketDepth } from './segment-completion-bound.js';
import { acceptsReceiver, PQL_FUNCTIONS, signatureOf, snippetOf } from '../typing/segment-functions.js';
import { variablesInScope } from '../typing/segment-scopes.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { scalarOf, typeToString, type PqlType, type SchemaField } from '../typing/segment-types.js';

const SEGMENT_SKELETON = 'segment ${1:id} {\n    name: "${2:Display name}"\n    description: "${3:What the audience is}"\n    where: ${0:person.birthYear > 1990}\n}';

/**
 * Schema-driven completion: fields after `.` (of the profile, an event, an array element),
 * methods valid for the receiver's type (as snippets), head names (variables, fields, `xEvent`,
 * functions), enum values inside a string compared with an enum field, a `segment` skeleton, and
 * segment ids in `inSegment(…)`. Keywords come from Langium's default completion.
 */
export class SegmentCompletionProvider extends DefaultCompletionProvider {
    private readonly types: SegmentTypeComputer;
    private readonly segmentIds: SegmentIdCompletion;

    constructor(services: SegmentServices) {
        super(services);
        this.types = services.typing.TypeComputer;
        this.segmentIds = new SegmentIdCompletion(services.shared.workspace.IndexManager as SegmentIndexManager, services.schema.SchemaProvider);
    }

    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', '"'] };

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const inQuotes = this.enumValueCompletion(document, params) ?? this.segmentIds.insideQuotes(document, document.textDocument.offsetAt(params.position));
        if (inQuotes) {
            return { isIncomplete: false, items: inQuotes };
        }
        if (isRefused(document.parseResult)) {
            return { isIncomplete: false, items: [] }; // not analysed; the completion parser would overflow on what was too deep
        }
        let list: CompletionList | undefined;
        try {
            list = await super.getCompletion(document, params);
        } catch (error) {
            // Langium's completion parser recurses once per bracket open at the cursor and needs more stack
            // per level than the parser: a few dozen nested brackets the parser accepts overflow it. There
            // is no completion to offer that deep; an empty list instead of an internal error.
            if (isStackOverflow(error)) {
                return { isIncomplete: false, items: [] };
            }
            throw error;
        }
        if (list && document.textDocument.getText().trim() === '') {
            list.items.push(skeleton());
        }
        return list;
    }

    /** Langium's, with a bound on what it interprets after the completion parser's first error (see MAX_UNPARSED_NESTING). */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const parsed = this.completionParser.parse(document.getText({ start: { line: 0, character: 0 }, end: document.positionAt(offset) }));
        const unparsed = parsed.tokens.slice(parsed.tokenIndex);
        if (openBracketDepth(unparsed) > MAX_UNPARSED_NESTING) {
            return [];
        }
        if (parsed.tokenIndex === 0) {
            return findNextFeatures([[this.buildSyntheticEntryRuleCall(GrammarUtils.getEntryRule(this.grammar)!)]], unparsed);
        }
        return findNextFeatures([parsed.elementStack.map(feature => ({ feature }))], unparsed);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const property = next.property;
        if (GrammarAST.isCrossReference(next.feature)) {
            // Only `inSegment(…)` holds a reference: ids of this project, not Langium's ids-and-titles with the type as detail.
            const range = { start: context.textDocument.positionAt(context.tokenOffset), end: context.position };
            for (const item of this.segmentIds.unquoted(context.document, context.offset, range)) {
                acceptor(context, item);
            }
            return;
        }
        if (property === 'member') {
            const receiver = this.receiverAt(context);
            if (receiver) {
                this.completeMembers(context, this.types.typeOf(receiver), acceptor);
                return;
            }
        }
        if (property === 'name' && GrammarAST.isRuleCall(next.feature) && context.node && (next.type === 'NameReference' || next.type === 'FunctionCall' || next.type === undefined)) {
            this.completeHeads(context, acceptor);
        }
        if (GrammarAST.isKeyword(next.feature) && next.feature.value === 'segment') {
            acceptor(context, skeleton());
        }
        return super.completionFor(context, next, acceptor);
    }

    /** The receiver expression of the member being completed (`person` in `person.bi|`). */
    private receiverAt(context: CompletionContext): AstNode | undefined {
        const root = context.document.parseResult.value.$cstNode;
        const text = context.textDocument.getText();
        let dot = context.tokenOffset - 1;
        while (dot >= 0 && /\s/u.test(text[dot])) {
            dot--;
        }
        if (!root || text[dot] !== '.') {
            return undefined;
        }
        const before = CstUtils.findLeafNodeBeforeOffset(root, dot);
        let node = before?.astNode;
        // Climb to the largest expression ending right before the dot: `a.b.` completes members of `a.b`.
        while (node?.$container && node.$container.$cstNode && node.$container.$cstNode.end <= dot && isExpressionNode(node.$container)) {
            node = node.$container;
        }
        if (ast.isMemberAccess(node) && node.$cstNode && node.$cstNode.end > dot) {
            return node.receiver;
        }
        return node && isExpressionNode(node) ? node : undefined;
    }

    private completeMembers(context: CompletionContext, type: PqlType, acceptor: CompletionAcceptor): void {
        let element = type;
        while (element.kind === 'array') {
            element = element.element;
        }
        if (element.kind === 'object') {
            for (const field of element.fields.values()) {
                acceptor(context, fieldItem(field));
            }
        }
        for (const fn of PQL_FUNCTIONS) {
            if (fn.form === 'method' && type.kind !== 'unknown' && acceptsReceiver(fn, type)) {
                acceptor(context, functionItem(fn.name, signatureOf(fn), fn.description, snippetOf(fn)));
            }
        }
    }

    private completeHeads(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const node = context.node!;
        for (const binding of variablesInScope(node)) {
            acceptor(context, { label: binding.variable.name, kind: CompletionItemKind.Variable, detail: typeToString(this.types.typeOf(binding.variable)), sortText: '0' });
        }
        const scope = this.headContext(context, node);
        if (scope.kind === 'object') {
            for (const field of scope.fields.values()) {
                acceptor(context, fieldItem(field));
            }
        }
        acceptor(context, { label: 'xEvent', kind: CompletionItemKind.Variable, detail: 'array<experience event>', documentation: 'The experience events of the profile.', sortText: '2' });
        for (const fn of PQL_FUNCTIONS) {
            if (fn.form === 'function') {
                acceptor(context, functionItem(fn.name, signatureOf(fn), fn.description, snippetOf(fn)));
            }
        }
    }

    /** The type bare names resolve in at the cursor; an empty `xEvent[|]` or `WHAT(|)` already opens the element context. */
    private headContext(context: CompletionContext, node: AstNode): PqlType {
        if (ast.isFilterExpression(node) && node.receiver.$cstNode && context.offset > node.receiver.$cstNode.end) {
            const receiver = this.types.typeOf(node.receiver);
            return receiver.kind === 'array' ? receiver.element : receiver;
        }
        if (ast.isChainStep(node) || ast.isChainExpression(node)) {
            return this.types.schemas(node).event.root;
        }
        return this.types.innermostContext(node).type;
    }

    /** Inside `"…"` compared with an enum field: the enum's values. */
    private enumValueCompletion(document: LangiumDocument, params: CompletionParams): CompletionItem[] | undefined {
        const root = document.parseResult.value.$cstNode;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
        const literal = leaf?.astNode;
        if (!leaf || !ast.isStringLiteral(literal) || offset <= leaf.offset || offset >= leaf.end) {
            return undefined;
        }
        const field = this.comparedWith(literal);
        const type = field ? scalarOf(this.types.typeOf(field)) : undefined;
        if (type?.kind !== 'string' || !type.enum) {
            return undefined;
        }
        const range = { start: document.textDocument.positionAt(leaf.offset + 1), end: document.textDocument.positionAt(leaf.end - 1) };
        return type.enum.values.map((value, index) => ({
            label: value, kind: CompletionItemKind.EnumMember, detail: type.enum?.labels?.[value],
            textEdit: { range, newText: value }, sortText: String(index).padStart(4, '0'),
        }));
    }

    private comparedWith(literal: ast.StringLiteral): AstNode | undefined {
        const container: AstNode | undefined = literal.$container;
        const parent: AstNode | undefined = ast.isListLiteral(container) ? container.$container : container;
        if (ast.isComparisonExpression(parent)) {
            const left: AstNode = parent.left;
            return literal === left || AstUtils.hasContainerOfType(literal, n => n === left) ? parent.right : parent.left;
        }
        if (ast.isMemberAccess(parent) && parent.isCall && ['equals', 'notEqualTo'].includes(parent.member)) {
            return parent.receiver;
        }
        return undefined;
    }
}

function isExpressionNode(node: AstNode): boolean {
    return ast.reflection.isSubtype(node.$type, 'Expression');
}

function fieldItem(field: SchemaField): CompletionItem {
    return {
        label: field.name, kind: field.type.kind === 'object' ? CompletionItemKind.Module : CompletionItemKind.Field,
        detail: typeToString(field.type), documentation: field.description, sortText: `1${field.name}`,
    };
}

function functionItem(label: string, detail: string, documentation: string, snippet: string): CompletionItem {
    return { label, kind: CompletionItemKind.Method, detail, documentation, insertText: snippet, insertTextFormat: InsertTextFormat.Snippet, sortText: `3${label}` };
}

function isStackOverflow(error: unknown): boolean {
    return error instanceof RangeError && /call stack/u.test(error.message);
}

function skeleton(): CompletionItem {
    return { label: 'segment', kind: CompletionItemKind.Snippet, detail: 'New segment definition', insertText: SEGMENT_SKELETON, insertTextFormat: InsertTextFormat.Snippet, sortText: '0' };
}
