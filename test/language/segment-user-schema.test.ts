import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { expectCompletion, expectHover } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import { createNodeServices, diagnosticsAt } from '../helpers/segment-test-services.js';

/**
 * The example project examples/acme/ names the user schemas examples/schemas/profile.schema.json
 * and experience-event.schema.json (AEP Schema Registry exports with the tenant namespace `_acme`)
 * in its segment.config.json. Documents in that folder must complete, validate and hover against
 * them; documents outside it stay on the bundled schema.
 */
const project = path.resolve(__dirname, '../../examples/acme');
const inProject = path.join(project, 'probe.segment');
const outside = path.resolve(__dirname, '../../examples/probe.segment');

const services = createNodeServices();
const complete = expectCompletion(services.Segment);
const hover = expectHover(services.Segment);
const parseOptions = { documentUri: URI.file(inProject).toString() };

async function completionsAt(text: string): Promise<CompletionList> {
    let result: CompletionList | undefined;
    await complete({ text, index: 0, parseOptions, assert: list => { result = list; }, disposeAfterCheck: true });
    return result!;
}

function labels(list: CompletionList): string[] {
    return list.items.map(i => i.label);
}

async function problems(text: string, file = inProject): Promise<string[]> {
    return (await diagnosticsAt(services, file, text)).map(d => `${d.code} ${d.message}`);
}

describe('completion from the user schema', () => {
    test('fields of the tenant namespace after `_acme.`, with their types', async () => {
        const list = await completionsAt('segment s { where: _acme.<|> }');
        expect(labels(list)).toEqual(expect.arrayContaining([
            'loyaltyScore', 'preferredStore', 'interests', 'membershipLevel', 'lastVisit', 'memberSince', 'storeVisits', 'household', 'preferences',
        ]));
        expect(labels(list)).not.toContain('birthYear');
        const detail = (label: string) => list.items.find(i => i.label === label)?.detail;
        expect([detail('loyaltyScore'), detail('interests'), detail('lastVisit'), detail('memberSince')])
            .toEqual(['number', 'array<string>', 'date-time', 'date']);
    });

    test('the tenant namespace is a top-level name next to the standard field groups', async () => {
        const list = await completionsAt('segment s { where: <|> }');
        expect(labels(list)).toEqual(expect.arrayContaining(['_acme', 'person', 'loyalty', 'identityMap', 'segmentMembership']));
    });

    test('fields of a tenant data type and of tenant event fields', async () => {
        const preferences = await completionsAt('segment s { where: _acme.preferences.<|> }');
        expect(labels(preferences)).toEqual(expect.arrayContaining(['contactChannel', 'newsletter', 'sizes']));
        const event = await completionsAt('segment s { where: xEvent[_acme.<|>] }');
        expect(labels(event)).toEqual(expect.arrayContaining(['storeId', 'staffAssisted', 'visitPurpose']));
        expect(labels(event)).not.toContain('loyaltyScore');
    });

    test('values of a hard enum inside the compared string, with their labels', async () => {
        const list = await completionsAt('segment s { where: _acme.membershipLevel = "<|>" }');
        expect(list.items.map(i => [i.label, i.detail])).toEqual([['bronze', 'Bronze'], ['silver', 'Silver'], ['gold', 'Gold']]);
    });
});

describe('validation against the user schema', () => {
    test('a misspelt tenant field is unknown, with a did-you-mean', async () => {
        expect(await problems('segment s { where: _acme.loyaltyScor > 70 }')).toEqual([
            "schema/unknown-field Unknown field 'loyaltyScor': '_acme' has no such field in the schema. Did you mean 'loyaltyScore'?",
        ]);
    });

    test('a value outside a hard enum is an error, outside a soft enum a warning', async () => {
        expect(await problems('segment s { where: _acme.membershipLevel = "platinum" }')).toEqual([
            'schema/enum-value "platinum" is not a value of this enum. Allowed: "bronze", "silver", "gold".',
        ]);
        expect(await problems('segment s { where: _acme.preferences.contactChannel = "fax" }')).toEqual([
            'schema/soft-enum-value "fax" is not one of the suggested values of this field. Suggested values: "email", "sms", "push", "none". Keep it if your data uses this custom value.',
        ]);
        expect(await problems('segment s { where: exists V from xEvent where V._acme.visitPurpose = "returns" }')).toEqual([
            'schema/enum-value "returns" is not a value of this enum. Did you mean "return"?',
        ]);
    });

    test('tenant fields are typed: maps, arrays of objects, dates', async () => {
        expect(await problems('segment s { where: _acme.storeVisits.get("NYC-05") > 3 and _acme.household.exists(birthYear > 2010) and _acme.lastVisit occurs <= 30 days before now }')).toEqual([]);
        expect(await problems('segment s { where: _acme.loyaltyScore = "high" }')).toEqual([
            expect.stringMatching(/^type\/mismatch /u),
        ]);
        expect(await problems('segment s { where: _acme.storeVisits.NYC > 3 }')).toEqual([
            "schema/unknown-field '_acme.storeVisits' is a map: read the entry with '.get(\"NYC\")' instead of '.NYC'.",
        ]);
    });

    test('outside the project the bundled schema is in effect: the tenant namespace is unknown', async () => {
        expect(await problems('segment s { where: _acme.loyaltyScore > 70 }', outside)).toEqual([
            expect.stringMatching(/^schema\/unknown-field Unknown field '_acme'/u),
        ]);
    });

    test('the segments of the example project check clean', async () => {
        const files = readdirSync(project).filter(f => f.endsWith('.segment'));
        expect(files.length).toBeGreaterThanOrEqual(2);
        for (const file of files) {
            expect(await problems(readFileSync(path.join(project, file), 'utf8'), path.join(project, file)), file).toEqual([]);
        }
    });
});

describe('hover from the user schema', () => {
    test('a tenant field shows its path, type, description and field group', async () => {
        await hover({
            text: 'segment s { where: _acme.<|>loyaltyScore > 70 }', index: 0, parseOptions, disposeAfterCheck: true,
            hover: /^```pql\n_acme\.loyaltyScore: number\n```\n\nLikelihood that the customer stays loyal[^]*_Field group: Acme Customer Engagement_$/u,
        });
    });

    test('a tenant enum shows its allowed values; a data type field its description', async () => {
        await hover({
            text: 'segment s { where: _acme.<|>membershipLevel = "gold" }', index: 0, parseOptions, disposeAfterCheck: true,
            hover: /_acme\.membershipLevel: string \(enum\)[^]*Allowed values: `"bronze"` Bronze, `"silver"` Silver, `"gold"` Gold/u,
        });
        await hover({
            text: 'segment s { where: _acme.preferences.<|>contactChannel = "email" }', index: 0, parseOptions, disposeAfterCheck: true,
            hover: /_acme\.preferences\.contactChannel: string \(suggested values\)[^]*The channel the customer prefers[^]*Suggested values \(others allowed\)/u,
        });
    });
});
