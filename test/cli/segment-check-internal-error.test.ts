import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { checkCommand } from '../../src/cli/check/segment-check.js';
import { SegmentDeclarationValidation } from '../../src/language/validation/segment-declaration-validation.js';
import { SegmentDocumentValidator } from '../../src/language/validation/segment-document-validator.js';
import { temporaryFolder } from './segment-cli-helpers.js';

/** Runs `segment check` in this process (so that a test can make a rule throw) and captures what it prints. */
async function check(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(chunk => { stdout.push(String(chunk)); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation(chunk => { stderr.push(String(chunk)); return true; });
    // The stack goes to the log (console.error) for a bug report; kept out of the test output.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
        const status = await checkCommand(args);
        return { status, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
        vi.restoreAllMocks();
    }
}

function cleanFile(): string {
    const file = path.join(temporaryFolder(), 'clean.segment');
    writeFileSync(file, 'segment clean {\n    where: person.birthYear > 1990\n}\n');
    return file;
}

afterEach(() => vi.restoreAllMocks());

describe('segment check when a check itself fails', () => {

    test('a clean file checks clean (exit 0): the cases below fail only because of the injected fault', async () => {
        expect((await check([cleanFile()])).status).toBe(0);
    });

    test('a rule that throws is an internal error: exit 2, said on stderr, and the diagnostic has its own code', async () => {
        const file = cleanFile();
        vi.spyOn(SegmentDeclarationValidation.prototype, 'segmentIdMustBeAscii').mockImplementation(() => {
            throw new Error('injected failure');
        });
        const { status, stdout, stderr } = await check([file, '--format', 'json']);
        expect(status).toBe(2);
        expect(stderr).toMatch(/^segment check: internal error: 1 check\(s\) failed with an exception; the results are incomplete\.\n/u);
        expect(stderr).toContain('Internal error while checking this SegmentDefinition: injected failure.');
        const [diagnostic] = JSON.parse(stdout) as Array<{ code: string; severity: string; line: number }>;
        expect(diagnostic).toMatchObject({ code: 'internal/error', severity: 'error', line: 1 });
    });

    test('a failure outside any one rule (while walking the tree) is not swallowed: exit 2, not a clean pass', async () => {
        const file = cleanFile();
        vi.spyOn(SegmentDocumentValidator.prototype as unknown as { validateAstNodes(): Promise<void> }, 'validateAstNodes')
            .mockImplementation(() => Promise.reject(new Error('walk failed')));
        const { status, stderr } = await check([file]);
        expect(status).toBe(2);
        expect(stderr).toContain('Internal error while checking this file: walk failed.');
    });
});
