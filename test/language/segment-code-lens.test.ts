import { afterEach, describe, expect, test } from 'vitest';
import { listSegments } from '../../src/language/lsp/segment-code-lens.js';
import { RUN_COMMAND } from '../../src/shared/segment-protocol.js';
import { createParser } from '../helpers/segment-test-services.js';

const { services, parse, clear } = createParser();
const provider = services.Segment.lsp.CodeLensProvider!;

afterEach(() => clear());

const TEXT = `// Two segments.
segment sneaker_abandoners {
    name: "Sneaker abandoners"
    where: homeAddress.countryCode = "US"
}

segment loyal {
    where: loyalty.tier = "gold"
}
`;

describe('run code lens', () => {
    test('one "▶ Run against sample" lens per segment, on its first line, running the command with { uri, segmentId }', async () => {
        const document = await parse(TEXT, { documentUri: 'file:///ws/shoes.segment' });
        const lenses = await provider.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses?.filter(lens => lens.command?.command === RUN_COMMAND)).toEqual([
            {
                range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
                command: { title: '▶ Run against sample', command: RUN_COMMAND, arguments: [{ uri: 'file:///ws/shoes.segment', segmentId: 'sneaker_abandoners' }] },
            },
            {
                range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
                command: { title: '▶ Run against sample', command: RUN_COMMAND, arguments: [{ uri: 'file:///ws/shoes.segment', segmentId: 'loyal' }] },
            },
        ]);
        expect(RUN_COMMAND).toBe('segment.runAgainstSampleProfiles');
    });

    test('a declaration without an identifier gets no lens; an empty file none', async () => {
        const broken = await parse('segment {\n    where: a = 1\n}\nsegment ok { where: b = 2 }\n');
        const lenses = await provider.provideCodeLens(broken, { textDocument: { uri: broken.uri.toString() } });
        expect(lenses?.filter(l => l.command?.command === RUN_COMMAND).map(l => l.command?.arguments?.[0].segmentId)).toEqual(['ok']);
        const empty = await parse('');
        expect(await provider.provideCodeLens(empty, { textDocument: { uri: empty.uri.toString() } })).toEqual([]);
    });
});

describe('eligibility lens', () => {
    test('a label lens next to the run lens lists the evaluation methods the segment qualifies for, with the reasons it does not', async () => {
        const document = await parse(`segment profile_only {
    where: homeAddress.countryCode = "US"
}
segment aggregated {
    where: xEvent.count() > 3
}
segment empty {
    name: "no condition"
}
`);
        const lenses = (await provider.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }))!;
        const labels = lenses.filter(lens => lens.command?.command === '');
        expect(labels.map(lens => [lens.range.start.line, lens.command?.title])).toEqual([
            [0, 'Evaluation: batch ✓ · streaming ✓ · edge ✓'],
            [3, 'Evaluation: batch ✓ · streaming ✗ · edge ✗'],
        ]);
        expect(labels[0].command).not.toHaveProperty('tooltip');
        expect((labels[1].command as { tooltip?: string }).tooltip).toMatch(/^streaming: It aggregates events/u);
        // The segment without a condition still gets its run lens, only no label.
        expect(lenses.filter(lens => lens.command?.command === RUN_COMMAND)).toHaveLength(3);
    });
});

describe('listSegments', () => {
    test('gives each segment its id, title and the range of its whole declaration', async () => {
        const document = await parse(TEXT);
        expect(listSegments(document)).toEqual([
            { id: 'sneaker_abandoners', title: 'Sneaker abandoners', range: { start: { line: 1, character: 0 }, end: { line: 4, character: 1 } } },
            { id: 'loyal', title: undefined, range: { start: { line: 6, character: 0 }, end: { line: 8, character: 1 } } },
        ]);
    });
});
