import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { expect, test } from 'vitest';
import { createSegmentServices } from '../../src/language/segment-module.js';

/** The example segments check clean against the schema in effect for examples/ (bundled, or examples/segment.config.json). */
test('examples/*.segment have no diagnostics', async () => {
    const folder = path.resolve(__dirname, '../../examples');
    const files = readdirSync(folder).filter(f => f.endsWith('.segment'));
    expect(files.length).toBeGreaterThan(0);
    const { shared } = createSegmentServices(NodeFileSystem);
    const documents = await Promise.all(files.map(f => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path.join(folder, f)))));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const problems = documents.flatMap(d => (d.diagnostics ?? []).map(x => `${path.basename(d.uri.fsPath)}:${x.range.start.line + 1} ${x.code} ${x.message}`));
    expect(problems).toEqual([]);
});
