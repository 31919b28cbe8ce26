import { describe, expect, test } from 'vitest';
import { createParser } from '../helpers/segment-test-services.js';

const { parse } = createParser();

async function cycleMessages(text: string): Promise<string[]> {
    const document = await parse(text, { validation: true });
    return (document.diagnostics ?? []).filter(d => d.code === 'reference/cycle').map(d => d.message);
}

describe('inSegment cycles', () => {
    test('every segment on a cycle reports its own path; a segment that only leads into the cycle does not', async () => {
        const messages = await cycleMessages([
            'segment entry { where: inSegment("a") }',
            'segment a { where: inSegment("b") }',
            'segment b { where: inSegment("c") or inSegment("leaf") }',
            'segment c { where: inSegment("a") }',
            'segment leaf { where: person.birthYear > 1980 }',
        ].join('\n'));
        expect(messages).toEqual([
            "Segment 'a' depends on itself: a → b → c → a.",
            "Segment 'b' depends on itself: b → c → a → b.",
            "Segment 'c' depends on itself: c → a → b → c.",
        ]);
    });

    test('a segment referencing itself', async () => {
        expect(await cycleMessages('segment self { where: inSegment("self") and person.birthYear > 1980 }'))
            .toEqual(["Segment 'self' depends on itself: self → self."]);
    });

    test('two cycles sharing a segment, and a long acyclic chain', async () => {
        const chain = Array.from({ length: 300 }, (_, i) => `segment s${i} { where: ${i === 0 ? 'person.birthYear > 1980' : `inSegment("s${i - 1}")`} }`);
        const messages = await cycleMessages([
            ...chain,
            'segment x { where: inSegment("y") or inSegment("z") or inSegment("s299") }',
            'segment y { where: inSegment("x") }',
            'segment z { where: inSegment("x") }',
        ].join('\n'));
        expect(messages).toEqual([
            "Segment 'x' depends on itself: x → y → x.",
            "Segment 'y' depends on itself: y → x → y.",
            "Segment 'z' depends on itself: z → x → z.",
        ]);
    });
});
