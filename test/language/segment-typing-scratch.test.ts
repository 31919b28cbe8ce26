import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { test } from 'vitest';
import type { SegmentFile } from '../../src/language/generated/ast.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
test('scratch', async () => {
    const { Segment } = createSegmentServices(EmptyFileSystem);
    const parse = parseHelper<SegmentFile>(Segment);
    for (const text of [
        'segment a { where: person.brthYear > 1980 and person.gender = "f" and person.birthYear > 30 and person.birthYear < 20 }',
        'segment b { where: chain(xEvent, timestamp, [X: WHAT(var1._experience.analytics.endUser.firstWeb.webPageDetails.isHomePage = "true")]) }',
        'segment c { where: person.name.firstName > 3 and xEvent[eventType = "commerce.purchase"] and date(2024, 1) and personalEmail.address.startWith("a") }',
        'segment d { where: select X from xEvent where X.timestamp occurs <= 3 days before now and X.commerce.order.priceTotal > 4 }',
        'segment e { where: X.timestamp occurs within 3 days }',
    ]) {
        const doc = await parse(text, { validation: true });
        console.log('----\n' + text + '\n' + (doc.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1} ${d.code} ${d.message}`).join('\n'));
    }
});
