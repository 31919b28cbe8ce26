import { describe, expect, test } from 'vitest';
import type { InSegmentExpression } from '../../src/language/generated/ast.js';
import { printPql, pqlString } from '../../src/language/segment-pql-printer.js';
import { createParser, inSegment } from '../helpers/segment-test-services.js';
import { segmentCondition } from '../../src/language/segment-properties.js';

const { parse } = createParser();

async function print(condition: string, inSegmentId?: (e: InSegmentExpression) => string | undefined): Promise<string> {
    const document = await parse(inSegment(condition));
    expect(document.parseResult.parserErrors).toEqual([]);
    return printPql(segmentCondition(document.parseResult.value.segments[0])!, { inSegmentId });
}

describe('printPql: the text AEP receives', () => {
    test('keeps Adobe\'s own text unchanged', async () => {
        const corpus = [
            'person.birthYear = 1980 and (homeAddress.countryCode != workAddress.countryCode or homeAddress.countryCode = "US")',
            'CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(today)])',
            'chain(xEvent, timestamp, [A: WHAT(eventType = "addToCart") WHERE(externalSegmentMapProperty.values().exists(stringProperty="active"))])',
            'emailAddress.regexGroup("@(\\\\w+)", 1)',
            'X.timestamp occurs between date(currentYear() - 1, 10, 1) and date(currentYear() - 1, 12, 31)',
            'select PV from xEvent where PV.metrics.commerce.productListViews.value > 0, Item from PV.productListItems where Item.SKU = "PS"',
            'xEvent[productListItems[SKU="PS" or ^^.person.gender="female"]]',
            '(Profile) => Profile.homeAddress.stateProvince = Profile.workAddress.stateProvince',
            'person.age % 5 = 0 and .45 < 2.02E12',
        ];
        for (const condition of corpus) {
            expect(await print(condition)).toBe(condition);
        }
    });

    test('removes comments and normalizes whitespace', async () => {
        const condition = 'homeAddress.countryCode = "US" // home\n    and /* block */ person.birthYear\t>   1980';
        expect(await print(condition)).toBe('homeAddress.countryCode = "US" and person.birthYear > 1980');
        expect(await print('a/* glued */and b')).toBe('a and b');
        expect(await print('not(  person.birthYear = 1980 )')).toBe('not(person.birthYear = 1980)');
        expect(await print('chain(xEvent, timestamp, [A: WHAT(eventType = "homePageView") WHEN(< 24 hours before now) COUNT(5) ] )'))
            .toBe('chain(xEvent, timestamp, [A: WHAT(eventType = "homePageView") WHEN(< 24 hours before now) COUNT(5)])');
        expect(await print('chain(xEvent, timestamp, [\n    C0: WHAT(a = 1),\n    C1: WHAT(b = 2)\n])'))
            .toBe('chain(xEvent, timestamp, [C0: WHAT(a = 1), C1: WHAT(b = 2)])');
    });

    test('writes keywords in their documented spelling but leaves field names alone', async () => {
        expect(await print('a = 1 AND NOT b.Count() > 2 OR c NOTIN [1] Or d.where OCCURS <= 3 DAYS Before NOW'))
            .toBe('a = 1 and not b.Count() > 2 or c notIn [1] or d.where occurs <= 3 days before now');
        expect(await print('Chain(xEvent, timestamp, [c0: what(x = 1) where(y.count() > 0) when(today) count(5)])'))
            .toBe('CHAIN(xEvent, timestamp, [c0: WHAT(x = 1) WHERE(y.count() > 0) WHEN(today) COUNT(5)])');
        expect(await print('select X from xEvent WHERE X.count = 1')).toBe('select X from xEvent where X.count = 1');
    });

    test('turns single-quoted strings into double-quoted ones', async () => {
        expect(await print('homeAddress.countryISO = \'US\'')).toBe('homeAddress.countryISO = "US"');
        expect(await print('a = \'it\\\'s "x"\'')).toBe('a = "it\'s \\"x\\""');
    });

    test('rewrites inSegment arguments through the callback', async () => {
        const ids: Record<string, string> = { us: 'e3be6d7f-1727-401f-a41e-c296b45f607a' };
        const condition = 'inSegment("us") and inSegment("9e1646bb-57ff-4309-ba59-17d6c5bab6a1")';
        expect(await print(condition, e => ids[e.segment.$refText]))
            .toBe('inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") and inSegment("9e1646bb-57ff-4309-ba59-17d6c5bab6a1")');
        expect(await print(condition)).toBe(condition);
    });

    test('pqlString escapes backslashes and quotes', () => {
        expect(pqlString('a "b" \\w')).toBe('"a \\"b\\" \\\\w"');
    });
});
