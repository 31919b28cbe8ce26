import { type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { isReceiver } from '../typing/segment-scopes.js';

const REGION_START = /^\s*\/\/\s*#region\b/u;
const REGION_END = /^\s*\/\/\s*#endregion\b/u;

/**
 * Folds segment bodies, multi-line conditions and bracketed parts, block comments, runs of `//`
 * comment lines and `// #region` … `// #endregion` (VS Code ignores language-configuration markers
 * once a server provides folding ranges). Binary operators below the top of a condition are skipped:
 * `a and b and c` nests one node per operator, and each would add a range starting on the same line.
 */
export class SegmentFoldingRangeProvider extends DefaultFoldingRangeProvider {

    protected override shouldProcess(node: AstNode): boolean {
        // A property (`where: …`) starts on the line of its value, which folds by itself.
        if (ast.isSegmentProperty(node) || ast.isTestProperty(node)) {
            return false;
        }
        // One token never spans lines; a receiver starts where its path or filter does, which folds instead
        // (the two skips that keep 50,000 list items or 1,000-step paths from costing a range lookup each).
        if (isSingleToken(node) || isReceiver(node)) {
            return false;
        }
        const binary = ast.isLogicalExpression(node) || ast.isArithmeticExpression(node) || ast.isComparisonExpression(node);
        return !binary || ast.isConditionProperty(node.$container);
    }

    /** Keep the last line visible only when it holds nothing but closing brackets (`}`, `])`). */
    protected override includeLastFoldingLine(node: CstNode, kind?: FoldingRangeKind): boolean {
        if (kind === FoldingRangeKind.Comment) {
            return super.includeLastFoldingLine(node, kind);
        }
        const lastLine = node.text.slice(node.text.lastIndexOf('\n') + 1).trim();
        return !/^[)\]}]+$/u.test(lastLine);
    }

    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        this.collectLineCommentFolding(document, acceptor);
    }

    private collectLineCommentFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        const lines = document.textDocument.getText().split(/\r?\n/u);
        const regions: number[] = [];
        let runStart = -1;
        for (let line = 0; line <= lines.length; line++) {
            const text = lines[line] ?? '';
            const comment = line < lines.length && /^\s*\/\//u.test(text);
            if (REGION_START.test(text)) {
                regions.push(line);
            } else if (REGION_END.test(text) && regions.length > 0) {
                acceptor(FoldingRange.create(regions.pop()!, line, undefined, undefined, FoldingRangeKind.Region));
            }
            const plain = comment && !REGION_START.test(text) && !REGION_END.test(text);
            if (plain && runStart < 0) {
                runStart = line;
            } else if (!plain && runStart >= 0) {
                // Like other foldings, only runs of three lines or more.
                if (line - 1 - runStart >= 2) {
                    acceptor(FoldingRange.create(runStart, line - 1, undefined, undefined, FoldingRangeKind.Comment));
                }
                runStart = -1;
            }
        }
    }
}

function isSingleToken(node: AstNode): boolean {
    return ast.isNumberLiteral(node) || ast.isBooleanLiteral(node) || ast.isStringLiteral(node) || ast.isNameReference(node) || ast.isParameterReference(node);
}
