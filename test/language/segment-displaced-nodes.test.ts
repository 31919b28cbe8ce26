import { AstUtils, CstUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import { CancellationToken } from 'vscode-languageserver';
import { createParser } from '../helpers/segment-test-services.js';

/**
 * A property written twice: when the parser kept only the last value, the first value's nodes were
 * still under the cursor without a container, and completion, hover, definition and highlight there
 * failed with "AST node has no document" (found by `npm run fuzz`, seed 2, document 8). Since
 * properties are nodes of their own (`properties+=…`), both values are in the tree.
 */
const TWICE = [
    'segment twice {\n    where: person.name.firstName = "a" and xEvent.count() > 1\n    where: person.birthYear > 2\n}\n',
    'segment t { where: true }\ntest twice {\n    segment: t\n    expect: ["p1"]\n    expect: match\n}\n',
];

describe('a property written twice', () => {
    const { services, parse } = createParser();

    test.each(TWICE)('both values are in the document, and every editor feature answers over them: %s', async text => {
        const document = await parse(text, { validation: true });
        const { lsp } = services.Segment;
        const textDocument = { uri: document.uri.toString() };
        for (let offset = 0; offset <= text.length; offset++) {
            const leaf = CstUtils.findLeafNodeAtOffset(document.parseResult.value.$cstNode!, offset);
            if (leaf) {
                expect(AstUtils.getDocument(leaf.astNode), `node at ${offset}`).toBe(document);
            }
            const position = document.textDocument.positionAt(offset);
            await lsp.CompletionProvider!.getCompletion(document, { textDocument, position }, CancellationToken.None);
            await lsp.HoverProvider!.getHoverContent(document, { textDocument, position }, CancellationToken.None);
            await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position }, CancellationToken.None);
            await lsp.DocumentHighlightProvider!.getDocumentHighlight(document, { textDocument, position }, CancellationToken.None);
        }
        expect(document.diagnostics?.map(d => d.message).join('\n')).toMatch(/more than once|twice|duplicate/iu);
    });
});
