import { AstUtils, type AstNodeDescription } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import { reflection } from '../../src/language/generated/ast.js';
import { MAX_DOCUMENT_LENGTH } from '../../src/language/parser/segment-document-size.js';
import { createParser } from '../helpers/segment-test-services.js';

/**
 * Work done on a large file grows linearly with it. Counted, not timed: how often the segments'
 * descriptions are read by name, and how many AST type tests (`reflection.isSubtype`) building and
 * validating a document makes.
 */
describe('a large file costs work linear in its size', () => {
    test('linking n inSegment references to the same file reads each segment description a bounded number of times', async () => {
        const { services, parse } = createParser();
        let nameReads = 0;
        const provider = services.Segment.workspace.AstNodeDescriptionProvider;
        const createDescription = provider.createDescription.bind(provider);
        provider.createDescription = (...args: Parameters<typeof createDescription>): AstNodeDescription => {
            const description = createDescription(...args);
            const name = description.name;
            Object.defineProperty(description, 'name', { get: () => { nameReads++; return name; } });
            return description;
        };
        const n = 2000;
        const text = Array.from({ length: n }, (_, i) =>
            `segment s${i} { where: ${i === 0 ? 'person.birthYear > 1980' : `inSegment("s${i - 1}")`} }`).join('\n');
        const document = await parse(text, { validation: true });
        expect(document.diagnostics).toEqual([]);
        // A scan of the file's segments per reference reads about n²/2 = 2,000,000 names.
        expect(nameReads).toBeLessThan(20 * n);
    });

    const shapes: [string, (i: number) => string, string, string][] = [
        ['an or chain of comparisons', i => `homeAddress.countryCode = "C${i}"`, ' or ', ''],
        ['an and chain of event filters', i => `xEvent[eventType = "e${i}"].count() >= 1`, ' and ', ''],
        ['an or chain of exists', i => `(exists E from xEvent where E.eventType = "e${i}" and E.timestamp occurs <= ${i + 1} days before now)`, ' or ', ''],
        ['a sum', i => `loyalty.points * ${i}`, ' + ', ' > 0'],
    ];
    test.each(shapes)('%s: one long chain costs about what the same operands cost as short chains', async (_, operand, operator, end) => {
        const { services, parse } = createParser();
        const operands = 960;
        const chain = (id: string, count: number) =>
            `segment ${id} {\n    where: ${Array.from({ length: count }, (_, i) => operand(i)).join(`\n        ${operator.trim()} `)}${end}\n}\n`;
        // Type tests (what every walk does at each node) and steps up the tree (what a walk from a
        // node to its containers does), counted while the parsed document is linked and validated.
        const work = async (text: string) => {
            const document = await parse(text);
            let steps = 0;
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                const container = node.$container;
                Object.defineProperty(node, '$container', { get: () => { steps++; return container; } });
            }
            const typeTests = vi.spyOn(reflection, 'isSubtype');
            try {
                await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
                expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
                return { typeTests: typeTests.mock.calls.length, steps };
            } finally {
                typeTests.mockRestore();
            }
        };
        const short = await work(Array.from({ length: 12 }, (_, i) => chain(`s${i}`, operands / 12)).join(''));
        const long = await work(chain('long', operands));
        // A walk from each name up the whole chain made the long chain 10 times as costly.
        expect(long.typeTests / short.typeTests).toBeLessThan(1.5);
        expect(long.steps / short.steps).toBeLessThan(1.5);
    });
});

describe('a file over the size limit', () => {
    // A comment is one token, however long: a file of any length that costs nothing to analyse.
    const commentOf = (length: number) => `// ${'x'.repeat(length - 3)}`;

    test('is one syntax/too-large error at its start, without being lexed; a file of exactly the limit is analysed', async () => {
        const { services, parse } = createParser();
        const tokenize = vi.spyOn(services.Segment.parser.Lexer, 'tokenize');
        const diagnose = async (text: string) => {
            const document = await parse(text, { validation: true });
            return (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
        };
        expect(await diagnose(commentOf(MAX_DOCUMENT_LENGTH + 1))).toEqual(['1:1 syntax/too-large This file has 1,048,577 characters (1.1 MiB), '
            + 'more than the 1,048,576 (1 MiB) that this tool analyses; it is not analysed. Expected a smaller file: split its segments across files of at most 1 MiB.']);
        // Only the empty text that stands for it went through the lexer.
        expect(tokenize.mock.calls.map(([text]) => text.length)).toEqual([0]);
        expect(await diagnose(commentOf(MAX_DOCUMENT_LENGTH))).toEqual([]);
        expect(await diagnose('segment after_it {\n    where: person.birthYear > 1980\n}\n')).toEqual([]);
    });
});
