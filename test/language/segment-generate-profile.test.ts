import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { toTestCase } from '../../src/engine/testing/segment-test-cases.js';
import { runTestCase } from '../../src/engine/testing/segment-test-runner.js';
import { generateProfile } from '../../src/language/evaluation/segment-generate-handler.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { GENERATE_PROFILE_COMMAND } from '../../src/shared/segment-protocol.js';
import { createParser } from '../helpers/segment-test-services.js';

const TEXT = `segment buyers {
    where: homeAddress.countryCode = "US"
           and (select X from xEvent where X.eventType = "commerce.purchases" and X.timestamp occurs <= 7 days before now)
}

segment never {
    where: person.birthYear > 2000 and person.birthYear < 1990
}
`;

let folder: string;
const services = createSegmentServices(NodeFileSystem);
const uri = () => URI.file(path.join(folder, 'buyers.segment')).toString();

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'segment-generate-'));
    writeFileSync(path.join(folder, 'buyers.segment'), TEXT);
    writeFileSync(path.join(folder, 'segment.config.json'), JSON.stringify({ now: '2026-11-01T12:00:00Z' }));
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(folder).toString(), name: 'ws' }]);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the generated test as `segment test` would. */
async function runGenerated(text: string): Promise<string> {
    const { parse } = createParser();
    const document = await parse(TEXT + text);
    const [generated] = document.parseResult.value.tests;
    return (await runTestCase(toTestCase(generated), { baseDir: folder, workspaceSegments: document.parseResult.value.segments })).status;
}

describe('generated profiles in the editor', () => {
    test('code actions: a matching profile for the segment, a near miss for the top-level clause under the cursor', async () => {
        const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri()))!;
        const position = document.textDocument.positionAt(TEXT.indexOf('X.eventType'));
        const actions = await services.Segment.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: uri() }, range: { start: position, end: position }, context: { diagnostics: [] },
        }) as CodeAction[];
        expect(actions.map(a => [a.title, a.command?.command, a.command?.arguments?.[0]])).toEqual([
            ["Generate a matching profile for 'buyers'", GENERATE_PROFILE_COMMAND, { uri: uri(), segment: 'buyers' }],
            [expect.stringMatching(/^Generate a near miss: 'buyers' without select X from xEvent where/u), GENERATE_PROFILE_COMMAND,
                { uri: uri(), segment: 'buyers', clause: 1, clauseText: expect.stringMatching(/^select X from xEvent/u) }],
        ]);
    });

    test('the matching profile is inserted as a test after the segment, pinned to the project\'s now, and passes', async () => {
        const response = await generateProfile(services.shared, { uri: uri(), segment: 'buyers' });
        expect(response.status).toBe('ok');
        if (response.status !== 'ok') {
            return;
        }
        expect(response.position).toEqual({ line: 4, character: 0 });
        expect(response.text).toMatch(/^\n\/\/ Generated: a minimal profile that buyers matches\.\ntest buyers_matches \{\n {4}segment: buyers\n {4}now: "2026-11-01T12:00:00\.000Z"\n/u);
        expect(response.text).toContain('"countryCode": "US"');
        expect(await runGenerated(response.text)).toBe('passed');
    });

    test('a near miss fails only the chosen clause', async () => {
        const clauseText = 'homeAddress.countryCode = "US"';
        const response = await generateProfile(services.shared, { uri: uri(), segment: 'buyers', clause: 0, clauseText });
        expect(response.status).toBe('ok');
        if (response.status === 'ok') {
            expect(response.text).toContain(`every top-level clause holds but ${clauseText}`);
            expect(response.text).toContain('expect: no match');
            expect(response.text).not.toContain('"countryCode": "US"');
            expect(await runGenerated(response.text)).toBe('passed');
        }
    });

    test('an unsatisfiable segment is reported with its contradicting clauses', async () => {
        expect(await generateProfile(services.shared, { uri: uri(), segment: 'never' })).toEqual({
            status: 'not-found',
            message: "'never' can match no profile (unsatisfiable): line 7: Always false: 'person.birthYear < 1990' contradicts an earlier condition on 'person.birthYear' in the same 'and'.",
        });
    });
});
