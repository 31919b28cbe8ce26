import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SegmentTestHandler } from '../../src/language/evaluation/segment-test-handler.js';
import { createSegmentServices } from '../../src/language/segment-module.js';

const SEGMENTS = 'segment gold {\n    where: loyalty.tier = "gold"\n}\n';
const TESTS = `test gold_matches {
    segment: gold
    now: "2026-11-01"
    profile: { "_id": "g", "loyalty": { "tier": "gold" } }
    expect: match
}

test silver_wrongly_expected {
    segment: gold
    now: "2026-11-01"
    profile: { "_id": "s", "loyalty": { "tier": "silver" } }
    expect: match
}
`;

let folder: string;
let handler: SegmentTestHandler;
const uri = (file: string) => URI.file(path.join(folder, file)).toString();

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'segment-tests-'));
    writeFileSync(path.join(folder, 'gold.segment'), SEGMENTS);
    writeFileSync(path.join(folder, 'gold-tests.segment'), TESTS);
    writeFileSync(path.join(folder, 'broken.segment'), 'test t {\n    segment: nowhere\n    now: "2026-11-01"\n    profile: {}\n    expect: match\n}\n');
    const { shared } = createSegmentServices(NodeFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(folder).toString(), name: 'ws' }]);
    handler = new SegmentTestHandler(shared);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('segment/listTests and segment/runTests', () => {
    test('lists the tests of the workspace with their segment and range', async () => {
        const files = await handler.listTests({});
        expect(files.map(f => f.uri).sort()).toEqual([uri('broken.segment'), uri('gold-tests.segment')]);
        const tests = files.find(f => f.uri === uri('gold-tests.segment'))!.tests;
        expect(tests.map(t => [t.name, t.segment, t.range.start.line])).toEqual([['gold_matches', 'gold', 0], ['silver_wrongly_expected', 'gold', 7]]);
        expect(await handler.listTests({ uri: uri('gold.segment') })).toEqual([{ uri: uri('gold.segment'), tests: [] }]);
    });

    test('runs one test or a file\'s tests: pass, and a failure with expected vs got and the explanation', async () => {
        const one = await handler.runTests({ uri: uri('gold-tests.segment'), names: ['gold_matches'] });
        expect(one).toMatchObject([{ name: 'gold_matches', status: 'passed', expected: 'match', actual: '["g"] matching' }]);
        const all = await handler.runTests({ uri: uri('gold-tests.segment') });
        expect(all.map(o => [o.name, o.status])).toEqual([['gold_matches', 'passed'], ['silver_wrongly_expected', 'failed']]);
        const failure = all[1];
        expect(failure).toMatchObject({ expected: 'match', actual: 'no match', range: { start: { line: 7, character: 0 } } });
        expect(failure.message).toContain('profile s: expected match, got no match');
        expect(failure.message).toContain('✗ loyalty.tier = "gold"   {"left":"silver","right":"gold"}');
    });

    test('tests of a file with errors are reported as errors, not run', async () => {
        const outcomes = await handler.runTests({ uri: uri('broken.segment') });
        expect(outcomes).toMatchObject([{ name: 't', status: 'error', summary: 'The file has 1 error(s); fix them before testing:' }]);
        expect(outcomes[0].message).toContain('line 2: Unknown segment "nowhere"');
    });

    test('tests governed by a config with an error are reported as errors naming the config, which the file itself does not repeat', async () => {
        const project = mkdtempSync(path.join(tmpdir(), 'segment-tests-config-'));
        writeFileSync(path.join(project, 'segment.config.json'), '{\n    "schema": "missing.schema.json"\n}\n');
        writeFileSync(path.join(project, 'gold.segment'), SEGMENTS + TESTS);
        const { shared } = createSegmentServices(NodeFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(project).toString(), name: 'ws' }]);
        const outcomes = await new SegmentTestHandler(shared).runTests({ uri: URI.file(path.join(project, 'gold.segment')).toString(), names: ['gold_matches'] });
        expect(outcomes).toMatchObject([{ name: 'gold_matches', status: 'error', summary: 'Its configuration has 1 error(s); fix them before testing:' }]);
        expect(outcomes[0].message).toMatch(/^segment\.config\.json line 2: Cannot read .*missing\.schema\.json: no such file/mu);
        rmSync(project, { recursive: true, force: true });
    });

    test('coverage of a document\'s segments by the workspace\'s tests, with clause ranges', async () => {
        // Both tests of gold: one profile gold (true), one silver (false): the only clause is covered.
        expect(await handler.coverage({ uri: uri('gold.segment') })).toEqual([{
            segment: 'gold', tests: 2, percent: 100,
            clauses: [{ text: 'loyalty.tier = "gold"', whenTrue: 1, whenFalse: 1, range: { start: { line: 1, character: 11 }, end: { line: 1, character: 32 } } }],
        }]);
        expect(await handler.coverage({ uri: uri('gold-tests.segment') })).toEqual([]);
    });
});
