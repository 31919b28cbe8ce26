import { EmptyFileSystem } from 'langium';
import { expectCompletion } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import { createSegmentServices } from '../../src/language/segment-module.js';

const { Segment } = createSegmentServices(EmptyFileSystem);
const complete = expectCompletion(Segment);

function labels(list: CompletionList): string[] {
    return list.items.map(i => i.label);
}

async function completionsAt(text: string): Promise<CompletionList> {
    let result: CompletionList | undefined;
    await complete({ text, index: 0, assert: list => { result = list; }, disposeAfterCheck: true });
    return result!;
}

describe('completion', () => {
    test('profile fields after a dot', async () => {
        const list = await completionsAt('segment s { where: person.<|> }');
        expect(labels(list)).toEqual(expect.arrayContaining(['birthYear', 'birthDate', 'gender', 'name']));
        expect(labels(list)).not.toContain('timestamp');
        expect(list.items.find(i => i.label === 'birthYear')?.detail).toBe('integer');
    });

    test('nested objects and string methods with snippets', async () => {
        const fields = await completionsAt('segment s { where: person.name.<|> }');
        expect(labels(fields)).toEqual(expect.arrayContaining(['firstName', 'lastName']));
        const methods = await completionsAt('segment s { where: person.name.firstName.<|> }');
        const contains = methods.items.find(i => i.label === 'contains');
        expect(contains?.insertText).toBe('contains(${1:text})');
        expect(labels(methods)).not.toContain('count');
    });

    test('event fields after a variable bound to xEvent', async () => {
        const list = await completionsAt('segment s { where: select X from xEvent where X.<|> }');
        expect(labels(list)).toEqual(expect.arrayContaining(['eventType', 'timestamp', 'commerce', 'productListItems']));
        expect(labels(list)).not.toContain('person');
    });

    test('array methods and element fields on xEvent', async () => {
        const list = await completionsAt('segment s { where: xEvent.<|> }');
        expect(labels(list)).toEqual(expect.arrayContaining(['count', 'filter', 'exists', 'eventType']));
        expect(labels(list)).not.toContain('startsWith');
    });

    test('bare names inside an event filter complete event fields', async () => {
        const list = await completionsAt('segment s { where: xEvent[<|>] }');
        expect(labels(list)).toEqual(expect.arrayContaining(['eventType', 'timestamp']));
    });

    test('enum values inside a string compared with an enum field', async () => {
        const list = await completionsAt('segment s { where: person.gender = "<|>" }');
        expect(labels(list)).toEqual(['male', 'female', 'not_specified', 'non_specific']);
        const events = await completionsAt('segment s { where: xEvent[eventType = "comm<|>"] }');
        expect(labels(events)).toContain('commerce.purchases');
    });

    test('keywords and time units stay available', async () => {
        const list = await completionsAt('segment s { where: xEvent[timestamp occurs <= 3 <|>] }');
        expect(labels(list)).toEqual(expect.arrayContaining(['days', 'hours']));
    });

    test('segment ids inside inSegment and a skeleton at top level', async () => {
        const ids = await completionsAt('segment vip { where: person.birthYear > 1 }\nsegment s { where: inSegment(<|>) }');
        expect(labels(ids)).toContain('vip');
        const top = await completionsAt('<|>');
        expect(top.items.find(i => i.label === 'segment' && i.insertText?.includes('where:'))).toBeDefined();
    });
});
