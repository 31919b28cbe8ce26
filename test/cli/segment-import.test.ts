import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { definitionsIn, type AepSegmentDefinitionResponse } from '../../src/cli/aep/segment-aep-payload.js';
import { importDefinitions, slug } from '../../src/cli/aep/segment-import.js';
import { tokenImages } from '../../src/language/lsp/segment-format-tokens.js';
import { createTestServices } from '../helpers/segment-test-services.js';
import { AEP_RESOURCES, runCli, temporaryFolder } from './segment-cli-helpers.js';

const services = createTestServices().Segment;

const ROUND_TRIP_FIXTURES = [
    'single-definition.json', 'definitions-list.json', 'streaming-definition.json', 'edge-definition.json',
    'segment-of-segments.json', 'audiences.json',
];

function fixture(name: string): AepSegmentDefinitionResponse[] {
    return definitionsIn(JSON.parse(readFileSync(path.join(AEP_RESOURCES, name), 'utf8')))!;
}

/** Import into a fresh folder with the CLI; returns the folder and the result. */
function importFixture(name: string): { dir: string; result: ReturnType<typeof runCli> } {
    const dir = temporaryFolder();
    return { dir, result: runCli(['import', path.join(AEP_RESOURCES, name), '--out', 'segments'], dir) };
}

describe('segment import → segment export round trip', () => {
    test.each(ROUND_TRIP_FIXTURES)('%s', name => {
        const originals = fixture(name);
        const { dir, result } = importFixture(name);
        expect(result.status, result.stderr).toBe(0);
        expect(readdirSync(path.join(dir, 'segments'))).toHaveLength(originals.length);
        expect(runCli(['check', 'segments'], dir).status).toBe(0);

        const exported = runCli(['export', 'segments', '--out', 'aep'], dir);
        expect(exported.status, exported.stderr).toBe(0);
        const payloads = readdirSync(path.join(dir, 'aep')).map(f => JSON.parse(readFileSync(path.join(dir, 'aep', f), 'utf8')) as Record<string, any>);
        expect(payloads).toHaveLength(originals.length);
        for (const original of originals) {
            const payload = payloads.find(p => p.name === original.name);
            expect(payload, original.name).toBeDefined();
            const value = payload!.expression.value as string;
            // Modulo whitespace: the same PQL tokens, in the same spelling.
            expect(tokenImages(services, value)).toEqual(tokenImages(services, original.expression!.value!));
            expect(value.replace(/\s+/g, '')).toBe(original.expression!.value!.replace(/\s+/g, ''));
            expect(payload!.expression).toMatchObject({ type: 'PQL', format: 'pql/text' });
            expect(payload!.description).toBe(original.description);
            expect(payload!.evaluationInfo).toEqual(original.evaluationInfo);
        }
    });
});

describe('segment import', () => {
    test('writes a formatted .segment file with the definition\'s properties', () => {
        const { dir, result } = importFixture('streaming-definition.json');
        expect(result.stdout.trim()).toBe(`written ${path.join('segments', 'us_email_clickers_who_then_checked_out.segment')}`);
        expect(readFileSync(path.join(dir, 'segments/us_email_clickers_who_then_checked_out.segment'), 'utf8')).toBe(`segment us_email_clickers_who_then_checked_out {
    name: "US email clickers who then checked out"
    description: "Streaming: clicked a marketing email, then checked out, both today"
    evaluation: streaming
    aepId: "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70"
    where: workAddress.country.equals("US", false)
        and CHAIN(xEvent, timestamp, [
            C0: WHAT(eventType.equals("directMarketing.emailClicked", false)) WHEN(today),
            C1: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(today)
        ])
}
`);
    });

    test('references to definitions of the same payload become local ids; others keep their UUID', () => {
        const { imported } = importDefinitions(fixture('segment-of-segments.json'), services);
        const source = (id: string) => imported.find(s => s.id === id)!.source;
        expect(source('us_residents_who_checked_out_today')).toContain('where: inSegment("us_residents") and inSegment("checked_out_today")');
        expect(source('us_residents_with_a_checkout_in_24_h')).toContain('where: inSegment("us_residents") and CHAIN(');
        expect(source('members_of_two_audiences_managed_elsewhere'))
            .toContain('inSegment("a730ed3f-119c-415b-a4ac-27c396ae2dff") and inSegment("8fbbe169-2da6-4c9d-a332-b6a6ecf559b9")');
        const audiences = importDefinitions(fixture('audiences.json'), services).imported;
        expect(audiences.find(s => s.id === 'us_home_page_visitors')!.source)
            .toContain('where: homeAddress.countryCode = "US" and inSegment("home_page_visitors_24_h")');
    });

    test('pql/json definitions and audiences without expression are skipped with a warning (exit 1)', () => {
        const { dir, result } = importFixture('mixed-unsupported.json');
        expect(result.status).toBe(1);
        expect(result.stderr).toContain('warning: skipped \'Employees working in the US (JSON)\' (8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b): pql/json expressions are not supported yet');
        expect(result.stderr).toContain('warning: skipped \'CRM loyalty list\'');
        expect(result.stderr).toContain('Imported 1 of 3 definition(s)');
        expect(readdirSync(path.join(dir, 'segments'))).toEqual(['employees_working_in_canada.segment']);
    });

    test('ids are unique slugs that are never keywords; strings are escaped', () => {
        const definition = (name: string, description?: string): AepSegmentDefinitionResponse =>
            ({ name, description, expression: { type: 'PQL', format: 'pql/text', value: 'person.birthYear > 1980' } });
        const { imported, skipped } = importDefinitions([
            definition('Segment'), definition('segment'), definition('2024 Promo!'), definition('Émile\'s «VIP» list', 'Says "hi"\nand \\ bye'),
        ], services);
        expect(skipped).toEqual([]);
        expect(imported.map(s => s.id)).toEqual(['segment_segment', 'segment_segment_2', 'segment_2024_promo', 'emile_s_vip_list']);
        expect(imported[3].source).toContain('description: "Says \\"hi\\"\\nand \\\\ bye"');
        for (const s of imported) {
            const document = services.parser.LangiumParser.parse(s.source);
            expect(document.parserErrors, s.source).toEqual([]);
            expect(document.lexerErrors, s.source).toEqual([]);
        }
        expect(slug('A very long audience name that goes on and on about what the customers did last summer'))
            .toBe('a_very_long_audience_name_that_goes_on_and_on_about_what_the');
        expect(slug('!!!')).toBe('imported');
    });

    test('an empty list imports nothing (exit 1); bad input exits 2', () => {
        const dir = temporaryFolder();
        writeFileSync(path.join(dir, 'empty.json'), '{"segments": []}');
        writeFileSync(path.join(dir, 'broken.json'), '{"segments": [');
        writeFileSync(path.join(dir, 'other.json'), '{"schemas": []}');
        expect(runCli(['import', 'empty.json'], dir).status).toBe(1);
        expect(runCli(['import', 'broken.json'], dir).status).toBe(2);
        expect(runCli(['import', 'other.json'], dir).stderr).toContain('holds no segment definition');
        expect(runCli(['import', 'other.json'], dir).status).toBe(2);
        expect(runCli(['import', 'missing.json'], dir).status).toBe(2);
        expect(runCli(['import'], dir).status).toBe(2);
        expect(runCli(['import', 'empty.json', 'other.json'], dir).status).toBe(2);
    });

    test('a definition whose expression does not parse is skipped with its name, nothing written (exit 1)', () => {
        const dir = temporaryFolder();
        writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ id: 'x', name: 'Broken', expression: { type: 'PQL', format: 'pql/text', value: 'person.age >' } }));
        const result = runCli(['import', 'bad.json', '--out', 'segments'], dir);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/warning: skipped 'Broken' \(x\): its expression is not a PQL condition: /u);
        expect(readdirSync(path.join(dir, 'segments'))).toEqual([]);
    });
});
