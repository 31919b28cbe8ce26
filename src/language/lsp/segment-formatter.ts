import type { LangiumCoreServices, LangiumDocument, MaybePromise, ParseResult } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams,
    FormattingOptions, TextEdit,
} from 'vscode-languageserver-protocol';
import { layout, type LayoutEdit } from './segment-format-layout.js';
import { collectTokens, tokenImages } from './segment-format-tokens.js';

/** Formatting options used when no editor supplies them (the CLI): four spaces, the house style. */
export const DEFAULT_FORMATTING_OPTIONS: FormattingOptions = { insertSpaces: true, tabSize: 4 };

/**
 * Formats `.segment` files: `segment id {` on one line, one property per line indented one level,
 * single spaces around operators, tight calls and member access, comments kept, the user's line breaks
 * kept where they help reading a long condition (before `and`/`or`, after commas and brackets), chain
 * steps one per line when the chain spans lines.
 *
 * Langium's `AbstractFormatter` attaches formatting to CST nodes and indents by CST nesting; `infix`
 * rules give one flat CST node per operator chain and the wanted indentation follows lines, not nesting,
 * so the layout is a single pass over the tokens instead (segment-format-layout.ts). It only changes
 * whitespace, and refuses (no edits) when the result would not lex to the same tokens and comments.
 */
export class SegmentFormatter implements Formatter {
    private readonly services: LangiumCoreServices;

    constructor(services: LangiumCoreServices) {
        this.services = services;
    }

    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return this.edits(document, params.options);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        const textDocument = document.textDocument;
        const start = textDocument.offsetAt(params.range.start);
        const end = textDocument.offsetAt(params.range.end);
        return this.edits(document, params.options, edit => edit.end >= start && edit.offset <= end);
    }

    formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        // No trigger characters are registered (formatOnTypeOptions), so the client never asks.
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private edits(document: LangiumDocument, options: FormattingOptions, keep: (edit: LayoutEdit) => boolean = () => true): TextEdit[] {
        const textDocument = document.textDocument;
        return formatEdits(this.services, textDocument.getText(), document.parseResult, options)
            .filter(keep)
            .map(edit => ({ range: { start: textDocument.positionAt(edit.offset), end: textDocument.positionAt(edit.end) }, newText: edit.newText }));
    }
}

/**
 * The whitespace edits that format `text`, in text order, or none when the text has syntax errors
 * (a broken file is not reformatted) or the layout would change anything but whitespace.
 */
export function formatEdits(services: LangiumCoreServices, text: string, parseResult: ParseResult, options: FormattingOptions): LayoutEdit[] {
    if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) {
        return [];
    }
    const tokens = collectTokens(services, text, parseResult);
    if (!tokens) {
        return [];
    }
    const indent = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const edits = layout(text, tokens, { indent, eol });
    const formatted = applyEdits(text, edits);
    // The collected tokens are the text's, comments included, in order: no need to lex it again.
    return sameTokens(tokens.map(token => token.text), tokenImages(services, formatted)) ? edits : [];
}

/**
 * Formats a whole `.segment` text, e.g. for `segment import` writing files. Returns the text unchanged
 * when it has syntax errors. Parses with the given services but adds no document to the workspace.
 */
export function formatSegmentText(services: LangiumCoreServices, text: string, options: FormattingOptions = DEFAULT_FORMATTING_OPTIONS): string {
    const parseResult = services.parser.LangiumParser.parse(text);
    return applyEdits(text, formatEdits(services, text, parseResult, options));
}

function applyEdits(text: string, edits: LayoutEdit[]): string {
    const parts: string[] = [];
    let last = 0;
    for (const edit of edits) {
        parts.push(text.slice(last, edit.offset), edit.newText);
        last = edit.end;
    }
    parts.push(text.slice(last));
    return parts.join('');
}

function sameTokens(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every((image, i) => image === b[i]);
}
