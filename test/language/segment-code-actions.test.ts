import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { CodeAction, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { straightQuotes } from '../../src/language/lsp/segment-code-actions.js';
import { createParser, inSegment } from '../helpers/segment-test-services.js';

const { services, parse } = createParser();

afterEach(() => clearDocuments(services.shared));

/** Parses and validates `text`, then asks for the quick fixes of the diagnostics with `code`. */
async function fixesFor(text: string, code: string): Promise<{ actions: CodeAction[]; apply: (action: CodeAction) => string; diagnostics: Diagnostic[] }> {
    const document = await parse(text, { validation: true });
    const diagnostics = (document.diagnostics ?? []).filter(d => d.code === code);
    expect(diagnostics.length, `diagnostics with code ${code} in ${JSON.stringify(document.diagnostics?.map(d => d.code))}`).toBeGreaterThan(0);
    const result = await services.Segment.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri },
        range: diagnostics[0].range,
        context: { diagnostics },
    });
    const actions = (result ?? []).filter(CodeAction.is);
    const apply = (action: CodeAction): string => {
        const edits = action.edit?.changes?.[document.textDocument.uri] ?? [];
        return TextDocument.applyEdits(document.textDocument, edits);
    };
    return { actions, apply, diagnostics };
}

/** Applies the only (or preferred) fix and checks the diagnostic is gone afterwards. */
async function expectFix(text: string, code: string, expected: string): Promise<void> {
    const { actions, apply } = await fixesFor(text, code);
    const action = actions.find(a => a.isPreferred) ?? actions[0];
    expect(action, 'a quick fix').toBeDefined();
    expect(action.kind).toBe('quickfix');
    const fixed = apply(action);
    expect(fixed).toBe(expected);
    const after = await parse(fixed, { validation: true });
    expect((after.diagnostics ?? []).filter(d => d.code === code)).toEqual([]);
}

describe('quick fixes from data.replacement', () => {
    test('== becomes =', async () => {
        await expectFix(inSegment('person.birthYear == 1980'), 'syntax/foreign-operator', inSegment('person.birthYear = 1980'));
    });

    test('&& and || become and, or', async () => {
        await expectFix(inSegment('person.birthYear = 1980 && homeAddress.city = "Paris"'), 'syntax/foreign-operator',
            inSegment('person.birthYear = 1980 and homeAddress.city = "Paris"'));
        await expectFix(inSegment('person.birthYear = 1980 || homeAddress.city = "Paris"'), 'syntax/foreign-operator',
            inSegment('person.birthYear = 1980 or homeAddress.city = "Paris"'));
    });

    test('a replacement rewrites exactly the diagnostic range (single-quoted string)', async () => {
        // The data the single-quote validator should send: a value converter for SQ_STRING is still missing, so it keeps the quotes.
        const text = inSegment("homeAddress.countryISO = 'US'");
        const { actions, apply } = await fixesForDiagnostic(text, "'US'", 'syntax/single-quoted-string', { replacement: '"US"' });
        expect(actions.map(a => [a.title, a.isPreferred])).toEqual([['Replace with "US"', true]]);
        expect(apply(actions[0])).toBe(inSegment('homeAddress.countryISO = "US"'));
    });
});

/** Quick fixes for a diagnostic as the schema and function validators report it: code, range of the wrong name, data. */
async function fixesForDiagnostic(text: string, wrong: string, code: string, data: object): Promise<{ actions: CodeAction[]; apply: (action: CodeAction) => string }> {
    const document = await parse(text);
    const offset = text.indexOf(wrong);
    const range = { start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(offset + wrong.length) };
    const diagnostic: Diagnostic = { range, message: 'm', code, data };
    const result = await services.Segment.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri }, range, context: { diagnostics: [diagnostic] },
    });
    const actions = (result ?? []).filter(CodeAction.is);
    expect(actions.every(a => a.diagnostics?.[0] === diagnostic && a.kind === 'quickfix')).toBe(true);
    return { actions, apply: action => TextDocument.applyEdits(document.textDocument, action.edit?.changes?.[document.textDocument.uri] ?? []) };
}

describe('quick fixes from data.suggestions', () => {
    test('one fix per did-you-mean candidate, the first preferred, replacing only the wrong segment', async () => {
        const text = inSegment('person.birthYaer > 1980');
        const { actions, apply } = await fixesForDiagnostic(text, 'birthYaer', 'schema/unknown-field', { suggestions: ['birthYear', 'birthDayAndMonth'] });
        expect(actions.map(a => a.title)).toEqual(["Change to 'birthYear'", "Change to 'birthDayAndMonth'"]);
        expect(actions.map(a => a.isPreferred)).toEqual([true, false]);
        expect(apply(actions[0])).toBe(inSegment('person.birthYear > 1980'));
        expect(apply(actions[1])).toBe(inSegment('person.birthDayAndMonth > 1980'));
    });

    test('enum values and functions are corrected the same way', async () => {
        const enumText = inSegment('homeAddress.status = "activ"');
        const enumFix = await fixesForDiagnostic(enumText, '"activ"', 'schema/soft-enum-value', { suggestions: ['"active"'] });
        expect(enumFix.actions.map(a => a.title)).toEqual(['Change to "active"']);
        expect(enumFix.apply(enumFix.actions[0])).toBe(inSegment('homeAddress.status = "active"'));
        const callText = inSegment('person.birthYear = currentYaer()');
        const callFix = await fixesForDiagnostic(callText, 'currentYaer', 'function/unknown', { suggestions: ['currentYear'] });
        expect(callFix.apply(callFix.actions[0])).toBe(inSegment('person.birthYear = currentYear()'));
    });

    test('a diagnostic with empty suggestions offers nothing', async () => {
        const { actions } = await fixesForDiagnostic(inSegment('person.zzz > 1'), 'zzz', 'schema/unknown-field', { suggestions: [] });
        expect(actions).toEqual([]);
    });

    test('the unknown-field diagnostic of the schema validator gets its fix', async () => {
        const { actions, apply } = await fixesFor(inSegment('person.birthYaer > 1980'), 'schema/unknown-field');
        expect(actions[0].title).toBe("Change to 'birthYear'");
        expect(actions[0].isPreferred).toBe(true);
        expect(apply(actions[0])).toBe(inSegment('person.birthYear > 1980'));
    });

    test('two swapped neighbours are one edit: person.nmae is corrected to name, a method and an enum value too', async () => {
        await expectFix(inSegment('person.nmae.firstName = "x"'), 'schema/unknown-field', inSegment('person.name.firstName = "x"'));
        await expectFix(inSegment('person.name.firstName.cotnains("a")'), 'function/unknown', inSegment('person.name.firstName.contains("a")'));
        await expectFix(inSegment('person.gender = "mael"'), 'schema/enum-value', inSegment('person.gender = "male"'));
    });

    test('a segment id with accented letters is one diagnostic whose fix proposes the ASCII id', async () => {
        const text = 'segment clients_fidèles {\n    where: person.birthYear > 1980\n}\n';
        const document = await parse(text, { validation: true });
        expect((document.diagnostics ?? []).map(d => [d.code, d.message])).toEqual([[
            'segment/non-ascii-id',
            "Segment ids are ASCII letters, digits and _: 'clients_fidèles' has 'è'. Use 'clients_fideles' (the name: property may keep the accents).",
        ]]);
        await expectFix(text, 'segment/non-ascii-id', text.replace('fidèles', 'fideles'));
    });

    test('an unknown segment id is corrected to a close one, keeping the quotes', async () => {
        const text = 'segment vip_customers { where: person.birthYear > 1980 }\nsegment s { where: inSegment("vip_customerz") }\n';
        const { actions, apply } = await fixesFor(text, 'reference/unknown-segment');
        expect(actions.map(a => a.title)).toEqual(['Change to "vip_customers"']);
        expect(apply(actions[0])).toBe(text.replace('vip_customerz', 'vip_customers'));
    });
});

describe('quick fixes that look at the text', () => {
    test('typographic quotes on a line become straight quotes, once per line', async () => {
        const text = inSegment('homeAddress.stateProvinceISO = “CA”');
        const { actions, apply, diagnostics } = await fixesFor(text, 'syntax/curly-quote');
        expect(diagnostics.length).toBe(2);
        expect(actions).toHaveLength(1);
        expect(apply(actions[0])).toBe(inSegment('homeAddress.stateProvinceISO = "CA"'));
    });

    test('a curly apostrophe inside a string is text and stays', () => {
        expect(straightQuotes('a = “Men’s” and b = ‘x’')).toBe('a = "Men’s" and b = "x"');
        expect(straightQuotes('a = "it\\"s ’ok’"')).toBe('a = "it\\"s ’ok’"');
    });

    test('a segment without condition gets a where: line before its closing brace', async () => {
        const { actions, apply } = await fixesFor('segment empty {\n    name: "No condition"\n}\n', 'segment/missing-condition');
        expect(actions.map(a => a.title)).toEqual(["Add 'where:' condition"]);
        expect(apply(actions[0])).toBe('segment empty {\n    name: "No condition"\n    where: \n}\n');
    });

    test('a one-line segment without condition gets the where: line too', async () => {
        const { actions, apply } = await fixesFor('segment empty { name: "x" }', 'segment/missing-condition');
        expect(apply(actions[0])).toBe('segment empty { name: "x" \n    where: \n}');
    });

    test('no fix for a diagnostic without data', async () => {
        const document = await parse('segment s { where: person.birthYear > }', { validation: true });
        const diagnostics = (document.diagnostics ?? []).filter(d => d.code === 'syntax/parse');
        expect(diagnostics.length).toBeGreaterThan(0);
        const result = await services.Segment.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.textDocument.uri }, range: diagnostics[0].range, context: { diagnostics },
        });
        expect(result).toBeUndefined();
    });
});
