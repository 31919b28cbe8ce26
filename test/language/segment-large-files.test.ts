import type { AstNodeDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { createParser } from '../helpers/segment-test-services.js';

/**
 * Work done on a large file grows linearly with it. Counted, not timed: the number of times the
 * segments' descriptions are read by name while a file of n segments, each referencing the one
 * before, is linked and validated.
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
});
