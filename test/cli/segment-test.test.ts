import { cpSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseStringPromise } from 'xml2js';
import { REPO, runCli, temporaryFolder } from './segment-cli-helpers.js';

/** A copy of examples/ whose sneakers test expects the wrong thing. */
function brokenExamples(): string {
    const folder = temporaryFolder('segment-test-');
    cpSync(path.join(REPO, 'examples'), folder, { recursive: true });
    writeFileSync(path.join(folder, 'wrong.segment'), `test wrong_expectation {
    segment: sneaker_abandoners
    now: "2026-11-01T12:00:00Z"
    profile: { "_id": "buyer", "xEvent": [{ "eventType": "commerce.purchases", "timestamp": "2026-10-28T10:00:00Z" }] }
    expect: match
}
`);
    return folder;
}

describe('segment test', () => {
    test('every test of examples/ passes (exit 0), with a line per test and a count', () => {
        const { status, stdout, stderr } = runCli(['test', 'examples']);
        expect(stderr).toBe('');
        expect(status).toBe(0);
        expect(stdout).toContain('examples/sneakers.segment\n  ✓ searched_without_buying_matches (sneaker_abandoners)');
        expect(stdout).toMatch(/\n\d+ passed, 0 failed\n$/u);
    });

    test('every example segment has a test with a matching and a non-matching profile', () => {
        const results = JSON.parse(runCli(['test', 'examples', '--format', 'json']).stdout) as Array<{ segment: string; got: string[]; profiles: number }>;
        const files = readdirSync(path.join(REPO, 'examples'), { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.segment'));
        const ids = files.flatMap(f => [...readFileSync(path.join(REPO, 'examples', f), 'utf8').matchAll(/^segment (\w+)/gmu)].map(m => m[1]));
        const tested = new Set(results.filter(r => r.got.length > 0 && r.got.length < r.profiles).map(r => r.segment));
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.filter(id => !tested.has(id))).toEqual([]);
    });

    test('a wrong expectation fails (exit 1) with segment, profile, expected vs got and why', () => {
        const folder = brokenExamples();
        const { status, stdout } = runCli(['test', folder]);
        expect(status).toBe(1);
        const report = stdout.slice(stdout.indexOf('✗ wrong_expectation'));
        expect(report).toContain([
            '✗ wrong_expectation (sneaker_abandoners)',
        ].join('\n'));
        expect(report).toContain([
            '      segment sneaker_abandoners, now 2026-11-01T12:00:00.000Z: expected match, got no match: 1 of 1 profile(s) differ',
            '      profile buyer: expected match, got no match',
            '        {"_id":"buyer","xEvent":[{"eventType":"commerce.purchases","timestamp":"2026-10-28T10:00:00Z"}]}',
            '        why it did not match:',
            '          ✗ select X from xEvent where X.eventType = "search" and X.search.keywords.contains("sneakers") and X.timestamp occurs <= 30 days before now and not (select P from xEvent where P.eventType = "commerce.purchases" and P.timestamp occurs <= 30 days before now)',
        ].join('\n'));
        expect(stdout).toMatch(/\n\d+ passed, 1 failed\n$/u);
    });

    test('JUnit XML has the testsuites/testsuite/testcase/failure shape CI tools read', async () => {
        const { status, stdout } = runCli(['test', brokenExamples(), '--format', 'junit']);
        expect(status).toBe(1);
        type Attrs = Record<string, string>;
        type Case = { $: Attrs; failure?: Array<{ $: Attrs; _: string }>; error?: unknown[] };
        const xml = await parseStringPromise(stdout, { explicitArray: true }) as { testsuites: { $: Attrs; testsuite: Array<{ $: Attrs; testcase: Case[] }> } };
        const root = xml.testsuites;
        const suites = root.testsuite;
        const cases = suites.flatMap(s => s.testcase);
        expect(Number(root.$.tests)).toBe(cases.length);
        expect(root.$).toMatchObject({ failures: '1', errors: '0' });
        for (const suite of suites) {
            expect(Object.keys(suite.$).sort()).toEqual(['errors', 'failures', 'name', 'skipped', 'tests', 'time']);
            expect(Number(suite.$.tests)).toBe(suite.testcase.length);
            expect(Number(suite.$.failures)).toBe(suite.testcase.filter(c => c.failure).length);
            for (const testcase of suite.testcase) {
                expect(testcase.$).toMatchObject({ name: expect.any(String), classname: suite.$.name });
                expect(Number(testcase.$.time)).toBeGreaterThanOrEqual(0);
            }
        }
        const failed = cases.filter(c => c.failure);
        expect(failed.map(c => c.$.name)).toEqual(['wrong_expectation']);
        expect(failed[0].failure![0].$).toEqual({ message: 'expected match, got no match: 1 of 1 profile(s) differ', type: 'segment.test.failure' });
        expect(failed[0].failure![0]._).toContain('profile buyer: expected match, got no match');
    });

    test('errors in the files stop the run (exit 1); bad usage and no test exit 2', () => {
        const folder = temporaryFolder('segment-test-');
        writeFileSync(path.join(folder, 'a.segment'), 'test t {\n    segment: nowhere\n    now: "2026-11-01"\n    profile: {}\n    expect: match\n}\n');
        const broken = runCli(['test', folder]);
        expect(broken.status).toBe(1);
        expect(broken.stderr).toContain('error reference/unknown-segment Unknown segment "nowhere"');
        const empty = temporaryFolder('segment-test-');
        writeFileSync(path.join(empty, 'a.segment'), 'segment s { where: loyalty.tier = "gold" }\n');
        expect(runCli(['test', empty])).toMatchObject({ status: 2, stderr: expect.stringContaining('No test in 1 file(s)') });
        expect(runCli(['test', 'examples', '--format', 'tap']).status).toBe(2);
        expect(runCli(['test', 'no/such/folder']).status).toBe(2);
    });

    test('--coverage prints each clause and its percentage; --coverage-format lcov writes lcov.info', () => {
        const folder = temporaryFolder('segment-coverage-');
        // Counted by hand: the only profile matches, so the whole condition and both operands are never false.
        writeFileSync(path.join(folder, 'c.segment'), `segment gold {
    where: loyalty.tier = "gold"
           or loyalty.points > 100
}

test gold_matches {
    segment: gold
    now: "2026-11-01"
    profile: { "_id": "g", "loyalty": { "tier": "gold", "points": 5 } }
    expect: match
}
`);
        const text = runCli(['test', 'c.segment', '--coverage'], folder);
        expect(text.status).toBe(0);
        expect(text.stdout).toContain([
            'c.segment',
            '  gold: 0 of 3 clause(s) covered (0.0 %), 1 test(s)',
            '    T-  2:12    loyalty.tier = "gold" or loyalty.points > 100',
            '    T-  2:12      loyalty.tier = "gold"',
            '    -F  3:15      loyalty.points > 100',
            'Total: 0 of 3 clause(s) covered (0.0 %)',
        ].join('\n'));
        const lcov = runCli(['test', 'c.segment', '--coverage-format', 'lcov'], folder);
        expect(lcov.status).toBe(0);
        expect(readFileSync(path.join(folder, 'lcov.info'), 'utf8')).toBe([
            'TN:', `SF:${path.join(realpathSync(folder), 'c.segment')}`,
            'BRDA:2,0,0,1', 'BRDA:2,0,1,0', 'BRDA:2,1,0,1', 'BRDA:2,1,1,0', 'BRDA:3,2,0,0', 'BRDA:3,2,1,1',
            'BRF:6', 'BRH:3', 'DA:2,1', 'DA:3,1', 'LF:2', 'LH:2', 'end_of_record', '',
        ].join('\n'));
        expect(runCli(['test', 'c.segment', '--coverage-format', 'cobertura'], folder).status).toBe(2);
    });

    test('--coverage columns count characters (code points) like every CLI output: an emoji before a clause is one column', () => {
        const folder = temporaryFolder('segment-coverage-');
        writeFileSync(path.join(folder, 'e.segment'), `segment gold {
    where: /* 🥇 */ loyalty.tier = "gold"
}

test gold_matches {
    segment: gold
    now: "2026-11-01"
    profile: { "_id": "g", "loyalty": { "tier": "gold" } }
    expect: match
}
`);
        const { stdout, status } = runCli(['test', 'e.segment', '--coverage'], folder);
        expect(status).toBe(0);
        // "    where: /* 🥇 */ " is 19 characters (20 UTF-16 units): the clause starts in column 20, not 21.
        expect(stdout).toContain('    T-  2:20    loyalty.tier = "gold"');
    });

    test('--scaffold writes tests (a matching profile, a near miss per top-level clause) that pass when appended', () => {
        const folder = temporaryFolder('segment-scaffold-');
        const file = path.join(folder, 'funnel.segment');
        const withoutTests = (name: string) => readFileSync(path.join(REPO, 'examples', name), 'utf8').replace(/\n\/\/ Tests[\s\S]*$/u, '\n');
        writeFileSync(file, withoutTests('email-audience.segment'));
        // loyalty_prospects refers to loyal_customers.
        writeFileSync(path.join(folder, 'loyalty.segment'), withoutTests('loyalty.segment'));
        const { status, stdout } = runCli(['test', '--scaffold', 'na_webmail_m', folder, '--now', '2026-11-01T12:00:00Z']);
        expect(status).toBe(0);
        expect([...stdout.matchAll(/^test (\w+) \{$/gmu)].map(m => m[1])).toEqual(['na_webmail_m_matches', 'na_webmail_m_near_miss_1', 'na_webmail_m_near_miss_2', 'na_webmail_m_near_miss_3']);
        writeFileSync(file, readFileSync(file, 'utf8') + '\n' + stdout);
        const run = runCli(['test', folder]);
        expect(run.stdout).toMatch(/\n4 passed, 0 failed\n$/u);
        expect(run.status).toBe(0);
    });

    test('--scaffold on an unsatisfiable segment names the contradicting clauses (exit 1)', () => {
        const folder = temporaryFolder('segment-scaffold-');
        writeFileSync(path.join(folder, 'never.segment'), 'segment never {\n    where: person.birthYear > 2000 and person.birthYear < 1990\n}\n');
        const { status, stdout, stderr } = runCli(['test', '--scaffold', 'never', folder]);
        expect(status).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toBe("segment test: 'never' can match no profile (unsatisfiable):\n  line 2: Always false: 'person.birthYear < 1990' contradicts an earlier condition on 'person.birthYear' in the same 'and'.\n");
        expect(runCli(['test', '--scaffold', 'nowhere', folder]).status).toBe(2);
    });
});
