import {
    Cancellation, DefaultDocumentValidator, interruptAndCheck, isOperationCancelled, type AstNode, type LangiumDocument, type ParseResult,
    type ValidationAcceptor, type ValidationOptions,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isInSegmentExpression } from '../generated/ast.js';
import { isIncomplete } from '../parser/segment-incomplete-nodes.js';
import { TOO_LARGE } from '../parser/segment-document-size.js';
import { TOO_MANY_ERRORS } from '../parser/segment-error-limit.js';
import { PARSER_FAILURE, TOO_DEEP } from '../parser/segment-nesting.js';
import { closestNames, isAepAudienceId } from '../references/segment-names.js';
import type { SegmentIndexManager } from '../workspace/segment-index-manager.js';
import type { SegmentSchemaProvider } from '../schema/segment-schema-provider.js';
import type { SegmentServices } from '../segment-module.js';
import { withoutStandInChecks } from './segment-config-validation.js';
import { DIAGNOSTICS, type DiagnosticCode } from './segment-diagnostics.js';
import { INTERNAL_ERROR_CODE, internalErrorDiagnostic, isPromiseLike, logInternalError } from './segment-internal-errors.js';
import { NODES_PER_CHECK, walkAst } from '../segment-ast-walk.js';

/**
 * Gives lexer, parser and linking errors stable catalog codes (`syntax/…`, `reference/…`)
 * and messages that say what was expected, in words a PQL author uses.
 */
export class SegmentDocumentValidator extends DefaultDocumentValidator {
    private readonly segments: SegmentIndexManager;
    private readonly schemaProvider: SegmentSchemaProvider;

    constructor(services: SegmentServices) {
        super(services);
        this.segments = services.shared.workspace.IndexManager as SegmentIndexManager;
        this.schemaProvider = services.schema.SchemaProvider;
    }

    /** While the configuration's schemas cannot be used, the checks against them are left out (segment-config-validation.ts). */
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return withoutStandInChecks(diagnostics, this.schemaProvider.schemasFor(document.uri));
    }

    /**
     * Langium catches an exception thrown outside a single check (while walking the tree, before or
     * after the checks) and only logs it: the file would then look clean. It becomes an internal-error
     * diagnostic instead (segment-internal-errors.ts).
     */
    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        try {
            return await super.validateAst(rootNode, options, cancelToken);
        } catch (error) {
            if (isOperationCancelled(error)) {
                throw error;
            }
            logInternalError(error);
            return [internalErrorDiagnostic(rootNode, 'checking this file', error)];
        }
    }

    /**
     * As Langium's, over the nodes collected by `walkAst`, awaiting a check only when it returns a promise
     * and checking for cancellation every `NODES_PER_CHECK` nodes (Langium awaited at each node and each
     * check: a third of the validation of a 185 KB document of member paths). No node of ours prunes its
     * children (`validateSingleNodeOptions`), so every node is visited as in Langium's loop.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const nodes: AstNode[] = [];
        walkAst(rootNode, node => nodes.push(node));
        for (let index = 0; index < nodes.length; index++) {
            if (index % NODES_PER_CHECK === 0) {
                await interruptAndCheck(cancelToken);
            }
            const node = nodes[index];
            if (!this.validateSingleNodeOptions(node, options).validateNode) {
                continue;
            }
            for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                const result = check(node, acceptor, cancelToken);
                if (isPromiseLike(result)) {
                    await result;
                }
            }
        }
    }

    /** A node the parser's recovery left half-built already has its syntax error; its rules would only add noise. */
    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions): { validateNode: boolean; validateChildren: boolean } {
        return isIncomplete(node) ? { validateNode: false, validateChildren: true } : super.validateSingleNodeOptions(node, options);
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        for (const diagnostic of diagnostics.slice(start)) {
            const character = /->(.)<-/su.exec(diagnostic.message)?.[1] ?? '';
            const code = lexingCode(character);
            diagnostic.code = code;
            diagnostic.message = lexingMessage(code, character);
        }
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        diagnostics.slice(start).forEach((diagnostic, index) => {
            const name = parseResult.parserErrors[index]?.name;
            diagnostic.code = name === PARSER_FAILURE ? INTERNAL_ERROR_CODE : parserErrorCode(name);
        });
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            if (!reference.error || !reference.$refNode) {
                continue;
            }
            const container = reference.error.info.container;
            const target = reference.$refText;
            // A UUID is an AEP audience id: an external reference that the workspace cannot know.
            if (isInSegmentExpression(container) && isAepAudienceId(target)) {
                continue;
            }
            if (target === '') {
                diagnostics.push({
                    severity: 2, range: reference.$refNode.range, source: this.getSource(),
                    message: 'Empty segment id: type the id of a segment of the project (completion lists them) or an AEP audience UUID.',
                    code: 'reference/empty-segment-id' satisfies DiagnosticCode,
                });
                continue;
            }
            // Only a close id: a list of "some ids" would depend on which files the workspace holds (completion lists them instead).
            const suggestions = closestNames(target, [...this.segments.segmentIds()]);
            const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
            diagnostics.push({
                severity: 1,
                range: reference.$refNode.range,
                message: `Unknown segment "${target}": no segment of the workspace has this id or name.${hint}`,
                code: 'reference/unknown-segment' satisfies DiagnosticCode,
                source: this.getSource(),
                // `inSegment("…")` quotes the id; a test's `segment: id` does not.
                data: { code: 'linking-error', suggestions: isInSegmentExpression(container) ? suggestions.map(s => `"${s}"`) : suggestions },
            });
        }
    }
}

function lexingCode(character: string): DiagnosticCode {
    if (character === '"') {
        return 'syntax/unclosed-string';
    }
    return /[“”‘’„]/u.test(character) ? 'syntax/curly-quote' : 'syntax/unexpected-character';
}

function lexingMessage(code: DiagnosticCode, character: string): string {
    switch (code) {
        case 'syntax/unclosed-string': return 'Unclosed string: the line ends before the closing ".';
        case 'syntax/curly-quote': return `Typographic quote ${character} is not a string delimiter: use a straight double quote ".`;
        // The hint about comments is for `#` (a comment elsewhere); for other characters it would mislead.
        default: return `Unexpected character '${character}'. ${character === '#' ? DIAGNOSTICS['syntax/unexpected-character'].fix : 'Remove it.'}`;
    }
}

/** The code of a parser error: a file refused whole (too deep, too large) has its own. */
function parserErrorCode(name: string | undefined): DiagnosticCode {
    return name === TOO_DEEP ? 'syntax/too-deep' : name === TOO_LARGE ? 'syntax/too-large' : name === TOO_MANY_ERRORS ? 'syntax/too-many-errors' : 'syntax/parse';
}
