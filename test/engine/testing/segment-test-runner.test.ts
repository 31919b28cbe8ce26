import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { toTestCase } from '../../../src/engine/testing/segment-test-cases.js';
import { failureReport } from '../../../src/engine/testing/segment-test-report.js';
import { runTestCase, type TestResult } from '../../../src/engine/testing/segment-test-runner.js';
import { createParser } from '../../helpers/segment-test-services.js';

const SEGMENTS = `segment vip {
    where: loyalty.tier = "gold" and person.birthYear < 1990
}
segment recent_buyer {
    where: select X from xEvent where X.eventType = "commerce.purchases" and X.timestamp occurs <= 7 days before now
}
`;

describe('the test runner', () => {
    const { parse, clear } = createParser();
    afterEach(clear);

    async function run(testText: string, baseDir = tmpdir()): Promise<TestResult> {
        const document = await parse(SEGMENTS + testText);
        return runTestCase(toTestCase(document.parseResult.value.tests[0]), { baseDir, workspaceSegments: document.parseResult.value.segments });
    }

    test('match, no match and exact ids pass when the evaluator agrees', async () => {
        const gold = '{ "_id": "g", "loyalty": { "tier": "gold" }, "person": { "birthYear": 1980 } }';
        const silver = '{ "_id": "s", "loyalty": { "tier": "silver" }, "person": { "birthYear": 1980 } }';
        expect((await run(`test t { segment: vip now: "2026-11-01" profile: ${gold} expect: match }`)).status).toBe('passed');
        expect((await run(`test t { segment: vip now: "2026-11-01" profile: ${silver} expect: no match }`)).status).toBe('passed');
        const ids = await run(`test t { segment: vip now: "2026-11-01" profile: ${gold} profile: ${silver} expect: ["g"] }`);
        expect(ids).toMatchObject({ status: 'passed', got: ['g'], profiles: 2, failures: [] });
    });

    test('a wrong expectation fails with the profile, expected vs got and the explanation', async () => {
        const result = await run('test t { segment: vip now: "2026-11-01" profile: { "_id": "s", "loyalty": { "tier": "silver" }, "person": { "birthYear": 1980 } } expect: match }');
        expect(result.status).toBe('failed');
        expect(result.failures).toHaveLength(1);
        expect(result.failures[0]).toMatchObject({ id: 's', expected: 'match', got: 'no match', explanation: { result: false, kind: 'and' } });
        expect(failureReport(result)).toEqual([
            'segment vip, now 2026-11-01T00:00:00.000Z: expected match, got no match: 1 of 1 profile(s) differ',
            'profile s: expected match, got no match',
            '  {"_id":"s","loyalty":{"tier":"silver"},"person":{"birthYear":1980}}',
            '  why it did not match:',
            '    ✗ loyalty.tier = "gold" and person.birthYear < 1990',
            '      ✗ loyalty.tier = "gold"   {"left":"silver","right":"gold"}',
            '      ✓ person.birthYear < 1990   {"left":1980,"right":1990}',
        ]);
    });

    test('the pinned now decides time windows', async () => {
        const profile = '{ "_id": "b", "xEvent": [{ "eventType": "commerce.purchases", "timestamp": "2026-10-30T10:00:00Z" }] }';
        expect((await run(`test t { segment: recent_buyer now: "2026-11-01T00:00:00Z" profile: ${profile} expect: match }`)).status).toBe('passed');
        expect((await run(`test t { segment: recent_buyer now: "2026-12-01T00:00:00Z" profile: ${profile} expect: no match }`)).status).toBe('passed');
    });

    test('profiles without _id are named by position; expected ids no profile has fail the test', async () => {
        const result = await run('test t { segment: vip now: "2026-11-01" profile: { "loyalty": { "tier": "gold" }, "person": { "birthYear": 1 } } profile: {} expect: ["#1", "ghost"] }');
        expect(result).toMatchObject({ status: 'failed', got: ['#1'], failures: [], unknownIds: ['ghost'] });
    });

    test('fixtures are read relative to the test file, after the inline profiles', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'segment-fixture-'));
        writeFileSync(path.join(folder, 'people.jsonl'), '{"$meta":{"now":"2020-01-01T00:00:00Z"}}\n{"_id":"f1","loyalty":{"tier":"gold"},"person":{"birthYear":1970}}\n{"_id":"f2"}\n');
        const result = await run('test t { segment: vip now: "2026-11-01" profile: { "_id": "i" } fixture: "people.jsonl" expect: ["f1"] }', folder);
        expect(result).toMatchObject({ status: 'passed', profiles: 3, got: ['f1'], now: '2026-11-01T00:00:00.000Z' });
    });

    test('a test that cannot run is an error result, not an exception', async () => {
        expect(await run('test t { segment: vip profile: {} expect: match }')).toMatchObject({ status: 'error', error: expect.stringContaining('no pinned now') });
        expect(await run('test t { segment: vip now: "2026-11-01" fixture: "missing.jsonl" expect: match }'))
            .toMatchObject({ status: 'error', error: expect.stringContaining('Cannot read the fixture missing.jsonl') });
        expect(await run('test t { segment: nope now: "2026-11-01" profile: {} expect: match }')).toMatchObject({ status: 'error', error: 'Unknown segment "nope".' });
    });
});
