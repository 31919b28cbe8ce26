import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { test } from 'vitest';
test('scratch', async () => {
const { Segment } = createSegmentServices(EmptyFileSystem);
const parse = parseHelper(Segment);
for (const text of [
 'segment a {\n where: person.name = "abc\n}\nsegment b { where: person.x = 1 and }',
 'segment a {\n where: not (person.age = 1\n}\nsegment b { where: x = 1 }',
 'segment a {\n where: X.timestamp occurs within 3 days\n}\nsegment b { where: x == 1 && y = 2 }',
 'segment a {\n where: and\n}\nsegment b { where: inSegment("zz") and inSegment("a") }',
 'segment a {\n where: select X from xEvent\n name: "x"\n}\nsegment a { where: y = “CA" }',
 'segment c { where: homeAddress.countryISO = \'US\' and inSegment("d") }\nsegment d { name: "x" name: "y" where: inSegment("c") }',
]) {
  const doc = await parse(text, { validation: true });
  console.log('----\n'+text+'\n'+ (doc.diagnostics??[]).map(d => `${d.range.start.line+1}:${d.range.start.character+1} ${d.code} ${d.message}`).join('\n'));
}
});
