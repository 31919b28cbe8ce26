import { AstUtils, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isSegmentDefinition, type SegmentDefinition } from '../generated/ast.js';
import type { DiagnosticCode, SegmentDiagnosticData } from '../validation/segment-diagnostics.js';
import { generateProfileActions } from './segment-generate-actions.js';

/**
 * Quick fixes driven by the diagnostics' `data`: `replacement` rewrites the diagnostic's range,
 * `suggestions` ("did you mean") give one fix each, the first preferred. Two codes need the text
 * around them: typographic quotes (fixed for the whole line) and a segment without `where:`.
 */
export class SegmentCodeActionProvider implements CodeActionProvider {

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        const fixedLines = new Set<number>();
        for (const diagnostic of params.context.diagnostics) {
            const code = diagnostic.code as DiagnosticCode | string | undefined;
            if (code === 'syntax/curly-quote') {
                // The lexer reports each quote; one fix per line straightens them all.
                if (!fixedLines.has(diagnostic.range.start.line)) {
                    fixedLines.add(diagnostic.range.start.line);
                    actions.push(...this.straightenQuotes(document, diagnostic));
                }
            } else if (code === 'segment/missing-condition') {
                actions.push(...this.addCondition(document, diagnostic));
            } else {
                actions.push(...this.fromData(document, diagnostic));
            }
        }
        // Generated profiles where nothing needs fixing: a segment with errors cannot be evaluated anyway.
        const only = params.context.only;
        if (params.context.diagnostics.length === 0 && (!only || only.some(kind => kind.startsWith(CodeActionKind.Refactor)))) {
            actions.push(...generateProfileActions(document, params.range));
        }
        return actions.length > 0 ? actions : undefined;
    }

    private fromData(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as SegmentDiagnosticData | undefined;
        if (data?.replacement !== undefined) {
            return [quickFix(document, diagnostic, `Replace with ${quoted(data.replacement)}`, [{ range: diagnostic.range, newText: data.replacement }], true)];
        }
        return (data?.suggestions ?? []).map((suggestion, i) =>
            quickFix(document, diagnostic, `Change to ${quoted(suggestion)}`, [{ range: diagnostic.range, newText: suggestion }], i === 0));
    }

    private straightenQuotes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const line = diagnostic.range.start.line;
        const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/u, '');
        const fixed = straightQuotes(text);
        if (fixed === text) {
            return [];
        }
        const range = { start: { line, character: 0 }, end: { line, character: text.length } };
        return [quickFix(document, diagnostic, 'Replace typographic quotes with "', [{ range, newText: fixed }], true)];
    }

    private addCondition(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const offset = document.textDocument.offsetAt(diagnostic.range.start);
        const segment = AstUtils.streamAst(document.parseResult.value)
            .filter(isSegmentDefinition)
            .find(s => s.$cstNode !== undefined && s.$cstNode.offset <= offset && offset < s.$cstNode.end);
        const edit = segment && whereInsertion(document, segment);
        return edit ? [quickFix(document, diagnostic, "Add 'where:' condition", [edit], true)] : [];
    }
}

function quickFix(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: { changes: { [document.textDocument.uri]: edits } },
    };
}

/** Suggestions for strings carry their quotes (`"vip"`); names get quotes for the title. */
function quoted(text: string): string {
    return /^["']/u.test(text) ? text : `'${text}'`;
}

/**
 * Replaces typographic quotes by `"`. A curly apostrophe inside a straight-quoted string (`"Men’s"`)
 * is text, not a delimiter: single curly quotes are replaced outside strings and when they close a
 * string that a curly quote opened (`‘US’`).
 */
export function straightQuotes(line: string): string {
    let inString = false;
    let openedBy: 'straight' | 'curly-double' | 'curly-single' = 'straight';
    let result = '';
    for (let i = 0; i < line.length; i++) {
        const original = line[i];
        const curlyDouble = /[“”„‟]/u.test(original);
        const curlySingle: boolean = /[‘’‚‛]/u.test(original) && (!inString || openedBy === 'curly-single');
        const char = curlyDouble || curlySingle ? '"' : original;
        if (char === '\\' && inString) {
            result += char + (line[i + 1] ?? '');
            i++;
            continue;
        }
        if (char === '"') {
            openedBy = curlyDouble ? 'curly-double' : curlySingle ? 'curly-single' : 'straight';
            inString = !inString;
        }
        result += char;
    }
    return result;
}

/** A `where: ` line before the segment's closing brace, indented like a property. */
function whereInsertion(document: LangiumDocument, segment: SegmentDefinition): TextEdit | undefined {
    const brace = GrammarUtils.findNodeForKeyword(segment.$cstNode, '}');
    if (!brace) {
        return undefined;
    }
    const textDocument = document.textDocument;
    const lineStart = { line: brace.range.start.line, character: 0 };
    const before = textDocument.getText({ start: lineStart, end: brace.range.start });
    if (before.trim() === '') {
        return { range: { start: lineStart, end: lineStart }, newText: `${before}    where: \n` };
    }
    return { range: { start: brace.range.start, end: brace.range.start }, newText: '\n    where: \n' };
}
