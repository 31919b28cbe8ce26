import type { AstNodeDescription } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import { reflection } from '../../src/language/generated/ast.js';
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

    test('a long or chain costs about what the same operands cost as short chains', async () => {
        const { parse } = createParser();
        const operands = 960;
        const chain = (id: string, count: number) => `segment ${id} {\n    where: ${Array.from({ length: count }, (_, i) =>
            `homeAddress.countryCode = "C${i}"`).join('\n        or ')}\n}\n`;
        const typeTests = async (text: string) => {
            const spy = vi.spyOn(reflection, 'isSubtype');
            try {
                const document = await parse(text, { validation: true });
                expect(document.diagnostics).toEqual([]);
                return spy.mock.calls.length;
            } finally {
                spy.mockRestore();
            }
        };
        const short = await typeTests(Array.from({ length: 12 }, (_, i) => chain(`s${i}`, operands / 12)).join(''));
        const long = await typeTests(chain('long', operands));
        // Each name walking up the whole chain made the long chain ~ 12 times as costly.
        expect(long / short).toBeLessThan(1.5);
    });
});
