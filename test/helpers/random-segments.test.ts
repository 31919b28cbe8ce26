/**
 * The random segment generator (random-segments.ts) gives reproducible, well-typed segments: every
 * generated condition parses, validates without errors against the bundled schema, and the js
 * engine runs it on generated profiles without warnings.
 */
import { describe, expect, test } from 'vitest';
import { compileSegment } from '../../src/engine/segment-engine.js';
import { createParser } from './segment-test-services.js';
import { createRandom, generateCase, generateCondition, GENERATED_NOW, segmentSource } from './random-segments.js';

describe('random segments', () => {
    test('the same seed gives the same segments and profiles', () => {
        expect(generateCase(7, 5, 20)).toEqual(generateCase(7, 5, 20));
        expect(generateCase(7, 5, 20)).not.toEqual(generateCase(8, 5, 20));
    });

    test('200 generated segments parse, validate without errors and run without warnings', async () => {
        const { parse } = createParser();
        const random = createRandom(1);
        const { profiles } = generateCase(2, 0, 30);
        const conditions = Array.from({ length: 200 }, () => generateCondition(random));
        const document = await parse(conditions.map((c, i) => segmentSource(`s${i}`, c)).join('\n'), { validation: true });
        expect([...document.parseResult.lexerErrors, ...document.parseResult.parserErrors].map(e => e.message)).toEqual([]);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => `${d.range.start.line}: ${d.message}`);
        expect(errors).toEqual([]);
        const segments = document.parseResult.value.segments;
        expect(segments).toHaveLength(200);
        let matchedSome = 0;
        for (const segment of segments) {
            const { compiled, warnings } = compileSegment(segment, { now: new Date(GENERATED_NOW) });
            expect(warnings).toEqual([]);
            const matched = profiles.filter(p => compiled.matches(p)).length;
            matchedSome += matched > 0 && matched < profiles.length ? 1 : 0;
        }
        // Most segments split the profiles: the generator does not produce only trivial conditions.
        expect(matchedSome).toBeGreaterThan(80);
    });
});
