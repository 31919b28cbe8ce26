import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AEP_RESOURCES, REPO, runCli, schemaErrors, schemaValidator, temporaryFolder } from './segment-cli-helpers.js';

const validateCreate = schemaValidator(path.join(AEP_RESOURCES, 'segment-definition-create.schema.json'));

const BASE = `segment us_residents {
    name: "US residents"
    description: "Home address in the US"
    aepId: "e3be6d7f-1727-401f-a41e-c296b45f607a"
    where: homeAddress.countryCode = "US" // our comment
}

/** Streams: needs the base audience. */
segment us_checkout {
    name: "US checkout in 24 h"
    evaluation: streaming
    where: inSegment("us_residents")
        and CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(<= 24 hours before now)])
}

segment edge_home {
    evaluation: edge
    where: inSegment("a730ed3f-119c-415b-a4ac-27c396ae2dff") and homeAddress.countryCode = "US"
}
`;

function workspace(files: Record<string, string>): string {
    const dir = temporaryFolder();
    for (const [name, text] of Object.entries(files)) {
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

describe('segment export --format aep', () => {
    test('every example and fixture exports to a payload the create schema accepts', () => {
        const examples = existsSync(path.join(REPO, 'examples'))
            ? readdirSync(path.join(REPO, 'examples')).filter(f => f.endsWith('.segment')).map(f => path.join(REPO, 'examples', f))
            : [];
        const files = [...examples, path.join(workspace({ 'base.segment': BASE }), 'base.segment')];
        for (const file of files) {
            // Run in the file's folder: its neighbours there form the workspace, as for a user.
            const result = runCli(['export', path.basename(file)], path.dirname(file));
            expect(result.status, `${file}\n${result.stderr}`).toBe(0);
            const output = JSON.parse(result.stdout) as unknown;
            for (const payload of Array.isArray(output) ? output : [output]) {
                expect(validateCreate(payload), `${file}: ${schemaErrors(validateCreate)}`).toBe(true);
            }
        }
    });

    test('maps properties, rewrites local references to aepId and keeps UUIDs', () => {
        const dir = workspace({ 'base.segment': BASE });
        const result = runCli(['export', 'base.segment'], dir);
        expect(result.status, result.stderr).toBe(0);
        const [base, checkout, edge] = JSON.parse(result.stdout) as Array<Record<string, any>>;
        expect(base).toEqual({
            name: 'US residents',
            description: 'Home address in the US',
            expression: { type: 'PQL', format: 'pql/text', value: 'homeAddress.countryCode = "US"' },
            schema: { name: '_xdm.context.profile' },
            evaluationInfo: { batch: { enabled: true }, continuous: { enabled: false }, synchronous: { enabled: false } },
        });
        expect(checkout.expression.value).toBe('inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") and '
            + 'CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(<= 24 hours before now)])');
        expect(checkout.evaluationInfo).toEqual({ batch: { enabled: false }, continuous: { enabled: true }, synchronous: { enabled: false } });
        expect(checkout).not.toHaveProperty('description');
        expect(edge.name).toBe('edge_home');
        expect(edge.expression.value).toBe('inSegment("a730ed3f-119c-415b-a4ac-27c396ae2dff") and homeAddress.countryCode = "US"');
        expect(edge.evaluationInfo).toEqual({ batch: { enabled: false }, continuous: { enabled: false }, synchronous: { enabled: true } });
    });

    test('resolves references into neighbouring files of the workspace', () => {
        const dir = workspace({
            'base.segment': 'segment base {\n    aepId: "9e1646bb-57ff-4309-ba59-17d6c5bab6a1"\n    where: person.birthYear > 1980\n}\n',
            'uses.segment': 'segment uses {\n    where: not inSegment("base")\n}\n',
        });
        const result = runCli(['export', 'uses.segment', '--format', 'pql'], dir);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toBe('not inSegment("9e1646bb-57ff-4309-ba59-17d6c5bab6a1")\n');
    });

    test('one segment prints an object, --segment selects it', () => {
        const dir = workspace({ 'base.segment': BASE });
        const result = runCli(['export', 'base.segment', '--segment', 'us_checkout'], dir);
        expect(result.status, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({ name: 'US checkout in 24 h' });
    });

    test('--out writes one file per segment', () => {
        const dir = workspace({ 'base.segment': BASE });
        expect(runCli(['export', 'base.segment', '--out', 'out/aep'], dir).status).toBe(0);
        expect(readdirSync(path.join(dir, 'out/aep')).sort()).toEqual(['edge_home.json', 'us_checkout.json', 'us_residents.json']);
        const payload = JSON.parse(readFileSync(path.join(dir, 'out/aep/us_residents.json'), 'utf8')) as object;
        expect(validateCreate(payload), schemaErrors(validateCreate)).toBe(true);
        expect(runCli(['export', 'base.segment', '--format', 'pql', '--out', 'pql'], dir).status).toBe(0);
        expect(readFileSync(path.join(dir, 'pql/us_residents.pql'), 'utf8')).toBe('homeAddress.countryCode = "US"\n');
    });
});

describe('segment export --format pql', () => {
    test('prints one condition per line', () => {
        const dir = workspace({ 'base.segment': BASE });
        const result = runCli(['export', 'base.segment', '--format', 'pql'], dir);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.trimEnd().split('\n')).toEqual([
            'homeAddress.countryCode = "US"',
            'inSegment("e3be6d7f-1727-401f-a41e-c296b45f607a") and CHAIN(xEvent, timestamp, [C0: WHAT(eventType.equals("commerce.checkouts", false)) WHEN(<= 24 hours before now)])',
            'inSegment("a730ed3f-119c-415b-a4ac-27c396ae2dff") and homeAddress.countryCode = "US"',
        ]);
    });
});

describe('segment export failures', () => {
    test('a reference to a local segment without aepId is an error naming it (exit 1)', () => {
        const dir = workspace({ 'a.segment': 'segment draft {\n    where: person.birthYear > 1980\n}\nsegment user {\n    where: inSegment("draft")\n}\n' });
        const result = runCli(['export', 'a.segment', '--out', 'out'], dir);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^a\.segment:5:22 error export\/reference-without-aep-id Segment 'user' references 'draft', which has no aepId/m);
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
        // The referenced segment alone exports fine.
        expect(runCli(['export', 'a.segment', '--segment', 'draft'], dir).status).toBe(0);
    });

    test('a file with errors is not exported; diagnostics go to stderr in the check text format', () => {
        const dir = workspace({ 'bad.segment': 'segment bad {\n    where: person.birthYear > \n}\n' });
        const result = runCli(['export', 'bad.segment'], dir);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^bad\.segment:\d+:\d+ error syntax\/\S+ /m);
    });

    test('bad usage exits 2', () => {
        const dir = workspace({ 'base.segment': BASE });
        expect(runCli(['export'], dir).status).toBe(2);
        expect(runCli(['export', 'base.segment', '--format', 'xml'], dir).status).toBe(2);
        expect(runCli(['export', 'base.segment', '--segment', 'nope'], dir).status).toBe(2);
        expect(runCli(['export', 'missing.segment'], dir).status).toBe(2);
        expect(runCli(['export', 'base.segment', '--bogus'], dir).status).toBe(2);
    });
});
