import { EmptyFileSystem } from 'langium';
import { expectHover } from 'langium/test';
import { describe, test } from 'vitest';
import { createSegmentServices } from '../../src/language/segment-module.js';

const { Segment } = createSegmentServices(EmptyFileSystem);
Segment.evaluation.RunClock.clock = () => new Date('2026-11-23T12:00:00Z');
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

    test('a relative time shows the concrete window, the now and where it came from', async () => {
        await hover({ text: 'segment s { where: xEvent[timestamp occurs <= 30 <|>days before now] }', index: 0, hover: /^Window: 2026-10-24 12:00 → 2026-11-23 12:00 \(UTC\) — now = 2026-11-23T12:00:00Z from the system clock/u });
        await hover({ text: 'segment s { where: xEvent[timestamp occurs last <|>month] }', index: 0, hover: /Window: 2026-10-01 00:00 → 2026-11-01 00:00 \(UTC\)/u });
        await hover({ text: 'segment s { where: xEvent[timestamp occurs <|>before today] }', index: 0, hover: /Window: … → 2026-11-23 00:00 \(UTC\)/u });
    });

    test('every part of an occurs clause shows the same window', async () => {
        const window = /^Window: 2026-10-24 12:00 → 2026-11-23 12:00 \(UTC\) — now = 2026-11-23T12:00:00Z/u;
        for (const text of [
            'segment s { where: xEvent[timestamp <|>occurs <= 30 days before now] }',
            'segment s { where: xEvent[timestamp occurs <= <|>30 days before now] }',
            'segment s { where: xEvent[timestamp occurs <= 30 <|>days before now] }',
            'segment s { where: xEvent[timestamp occurs <= 30 days <|>before now] }',
            'segment s { where: xEvent[timestamp occurs <= 30 days before <|>now] }',
            'segment s { where: xEvent[timestamp oc<|>curs <= 30 days before now] }',
        ]) {
            await hover({ text, index: 0, hover: window });
        }
        // The subject keeps its field hover.
        await hover({ text: 'segment s { where: xEvent[<|>timestamp occurs <= 30 days before now] }', index: 0, hover: /timestamp: date-time/u });
    });

    test('a segment\'s id shows its title, description, evaluation method and eligibility', async () => {
        await hover({
            text: 'segment <|>vip { name: "VIP" description: "Top tiers" evaluation: streaming where: loyalty.tier in ["gold", "platinum"] }',
            index: 0, hover: /```pql\nsegment vip\n```\n\n\*\*VIP\*\*\n\nTop tiers\n\nEvaluation method: `streaming` \(declared\) {2}\nEvaluation: batch ✓ · streaming ✓ · edge ✓/u,
        });
        await hover({
            text: 'segment <|>lapsed { where: xEvent[timestamp occurs <= 90 days before now] }',
            index: 0, hover: /Evaluation method: `batch` \(the default; no `evaluation:`\) {2}\nEvaluation: batch ✓ · streaming ✗ · edge ✗ {2}\n✗ streaming: /u,
        });
    });

    test('a segment reference shows its name, description and doc comment', async () => {
        await hover({
            text: '/** Gold and platinum members. */\nsegment vip { name: "VIP" description: "Top tiers" where: loyalty.tier in ["gold", "platinum"] }\nsegment s { where: inSegment(<|>"vip") }',
            index: 0, hover: /segment vip[^]*\*\*VIP\*\*[^]*Top tiers[^]*Gold and platinum members\./u,
        });
    });
});
