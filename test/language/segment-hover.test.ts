import { EmptyFileSystem } from 'langium';
import { expectHover } from 'langium/test';
import { describe, test } from 'vitest';
import { createSegmentServices } from '../../src/language/segment-module.js';
import type { SegmentHoverProvider } from '../../src/language/lsp/segment-hover-provider.js';

const { Segment } = createSegmentServices(EmptyFileSystem);
(Segment.lsp.HoverProvider as SegmentHoverProvider).now = Date.parse('2026-11-23T12:00:00Z');
const hover = expectHover(Segment);

describe('hover', () => {
    test('a profile field shows path, type, description and allowed values', async () => {
        await hover({ text: 'segment s { where: person.<|>gender = "male" }', index: 0, hover: /```pql\nperson\.gender: string \(enum\)\n```\n\nGender[^]*Allowed values: `"male"` Male, `"female"`/u });
        await hover({ text: 'segment s { where: person.<|>birthYear > 1 }', index: 0, hover: /person\.birthYear: integer/u });
    });

    test('an event field through a variable and a projection', async () => {
        await hover({ text: 'segment s { where: select X from xEvent where X.commerce.order.<|>priceTotal > 1 }', index: 0, hover: /commerce\.order\.priceTotal: number/u });
        await hover({ text: 'segment s { where: xEvent.<|>eventType = "x" }', index: 0, hover: /```pql\neventType: array<string \(suggested values\)>/u });
    });

    test('a long enum shows its first values and how many more', async () => {
        await hover({
            text: 'segment s { where: xEvent[<|>eventType = "x"] }', index: 0,
            hover: /Suggested values \(others allowed\): (`"[^`]+"`, ){7}`"[^`]+"` … \d+ more \(completion inside the quotes lists them all\)/u,
        });
    });

    test('a method and a function show signature, description and example', async () => {
        await hover({ text: 'segment s { where: person.name.firstName.<|>startsWith("J") }', index: 0, hover: /string\.startsWith\(text: string, caseSensitive\?: boolean\): boolean[^]*Example: `/u });
        await hover({ text: 'segment s { where: <|>currentYear() > 2000 }', index: 0, hover: /currentYear\(\): integer/u });
    });

    test('a relative time shows the concrete UTC window', async () => {
        await hover({ text: 'segment s { where: xEvent[timestamp occurs <= 30 <|>days before now] }', index: 0, hover: /2026-10-24T12:00Z … 2026-11-23T12:00Z/u });
        await hover({ text: 'segment s { where: xEvent[timestamp occurs last <|>month] }', index: 0, hover: /2026-10-01T00:00Z … 2026-11-01T00:00Z/u });
    });

    test('a segment reference shows its name, description and doc comment', async () => {
        await hover({
            text: '/** Gold and platinum members. */\nsegment vip { name: "VIP" description: "Top tiers" where: loyalty.tier in ["gold", "platinum"] }\nsegment s { where: inSegment(<|>"vip") }',
            index: 0, hover: /segment vip[^]*\*\*VIP\*\*[^]*Top tiers[^]*Gold and platinum members\./u,
        });
    });
});
