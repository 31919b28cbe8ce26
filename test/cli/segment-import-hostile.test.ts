import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

const UUID_VIP = 'aaaaaaaa-1111-4222-8333-444444444444';
const UUID_NOT_VIP = 'bbbbbbbb-1111-4222-8333-444444444444';

function definition(name: string, value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { name, expression: { type: 'PQL', format: 'pql/text', value }, ...extra };
}

/** Writes the payload into a fresh folder and imports it into `segments/`. */
function importPayload(payload: unknown, args: string[] = [], dir = temporaryFolder()): { dir: string; result: ReturnType<typeof runCli> } {
    writeFileSync(path.join(dir, 'payload.json'), JSON.stringify(payload));
    return { dir, result: runCli(['import', 'payload.json', '--out', 'segments', ...args], dir) };
}

describe('import never changes meaning: each expression is exactly one condition, written from its tree (issues 13, 15)', () => {
    test.each([
        ['a second segment', 'person.birthYear > 1980 } segment evil2 { name: "Evil2" where: true', /(not exactly one PQL condition|not a PQL condition)/u],
        ['an injected aepId', 'person.birthYear > 1980 aepId: "cccccccc-1111-4222-8333-444444444444"', /(not exactly one PQL condition|not a PQL condition)/u],
        ['a line comment hiding the rest', 'person.birthYear > 1980 // and homeAddress.countryCode = "US"', /\/\/ at offset 24: PQL has no comments/u],
        ['a block comment', 'person.birthYear > 1980 /* and */ or true', /\/\* at offset 24: PQL has no comments/u],
        ['a condition over the size limit', `person.birthYear > 1980${' or person.birthYear > 1980'.repeat(12_000)}`, /\d+ characters long; import accepts up to 262144/u],
    ])('%s is refused with the definition\'s name; nothing is written', (_name, value, reason) => {
        const { dir, result } = importPayload([definition('Evil', value), definition('Fine', 'person.birthYear > 1990')]);
        expect(result.stderr).toMatch(new RegExp(`warning: skipped 'Evil': its expression (is |contains )?${reason.source}`, 'u'));
        expect(result.stderr).not.toMatch(/internal error/u);
        expect(readdirSync(path.join(dir, 'segments'))).toEqual(['fine.segment']);
        expect(result.status).toBe(1);
    });

    test.each([
        ['"name" is a number', { name: 42, expression: { type: 'PQL', format: 'pql/text', value: 'true' } }, /"name" is a number, expected a string/u],
        ['"description" is an object', definition('D', 'true', { description: { text: 'x' } }), /"description" is an object, expected a string/u],
        ['"id" is a number', definition('I', 'true', { id: 7 }), /"id" is a number, expected a string/u],
        ['"expression" is a string', { name: 'E', expression: 'person.birthYear > 1' }, /"expression" is a string, expected an object/u],
        ['"expression.value" is an array', definition('V', ['true']), /"expression\.value" is an array, expected a string/u],
    ])('%s: that definition is skipped with a precise warning, the rest imported', (_name, bad, reason) => {
        const { dir, result } = importPayload([bad, definition('Fine', 'person.birthYear > 1990')]);
        expect(result.stderr).toMatch(reason);
        expect(result.stderr).not.toMatch(/internal error|TypeError/u);
        expect(readdirSync(path.join(dir, 'segments'))).toEqual(['fine.segment']);
        expect(result.status).toBe(1);
    });
});

describe('import never damages files (issue 13)', () => {
    test('an existing file is kept unless --force; what was written, skipped and replaced is printed', () => {
        const { dir, result } = importPayload([definition('Fine', 'person.birthYear > 1990')]);
        expect(result.stdout).toBe(`written ${path.join('segments', 'fine.segment')}\n`);
        writeFileSync(path.join(dir, 'segments', 'fine.segment'), '// mine\n');
        const again = runCli(['import', 'payload.json', '--out', 'segments'], dir);
        expect(again.stdout).toMatch(/^skipped segments[\\/]fine\.segment: a file of that name exists \(--force replaces it\)\n$/u);
        expect(readFileSync(path.join(dir, 'segments', 'fine.segment'), 'utf8')).toBe('// mine\n');
        expect(again.status).toBe(1);
        const forced = runCli(['import', 'payload.json', '--out', 'segments', '--force'], dir);
        expect(forced.stdout).toBe(`replaced ${path.join('segments', 'fine.segment')}\n`);
        expect(readFileSync(path.join(dir, 'segments', 'fine.segment'), 'utf8')).toMatch(/^segment fine \{/u);
        expect(forced.status).toBe(0);
    });

    test('a symbolic link in --out is never written through, even with --force', () => {
        const dir = temporaryFolder();
        mkdirSync(path.join(dir, 'segments'));
        writeFileSync(path.join(dir, 'outside.txt'), 'precious\n');
        symlinkSync(path.join(dir, 'outside.txt'), path.join(dir, 'segments', 'fine.segment'));
        const kept = importPayload([definition('Fine', 'person.birthYear > 1990')], [], dir);
        expect(kept.result.stdout).toMatch(/skipped .*a symbolic link of that name exists/u);
        const forced = importPayload([definition('Fine', 'person.birthYear > 1990')], ['--force'], dir);
        expect(forced.result.stdout).toMatch(/^replaced /u);
        expect(readFileSync(path.join(dir, 'outside.txt'), 'utf8')).toBe('precious\n');
        expect(lstatSync(path.join(dir, 'segments', 'fine.segment')).isFile()).toBe(true);
    });

    test('--out naming an existing file is one clear error, exit 2', () => {
        const dir = temporaryFolder();
        writeFileSync(path.join(dir, 'segments'), 'a file\n');
        const { result } = importPayload([definition('Fine', 'true')], [], dir);
        expect(result.stderr).toBe('segment import: --out: \'segments\' exists and is not a folder.\n');
        expect(result.status).toBe(2);
    });
});

describe('export → import keeps ids and references (issue 16)', () => {
    test('re-importing exported payloads into the project keeps each id, and inSegment keeps its target', () => {
        const dir = temporaryFolder();
        mkdirSync(path.join(dir, 'segments'));
        writeFileSync(path.join(dir, 'segments', 'vip.segment'), `segment vip_customers {\n    name: "VIP"\n    aepId: "${UUID_VIP}"\n    where: person.birthYear > 1980\n}\n`);
        writeFileSync(path.join(dir, 'segments', 'rest.segment'), `segment everyone_else {\n    name: "Everyone else"\n    aepId: "${UUID_NOT_VIP}"\n    where: not inSegment("vip_customers")\n}\n`);
        const exported = runCli(['export', 'segments', '--out', 'aep'], dir);
        expect(exported.status, exported.stderr).toBe(0);
        const payload = JSON.parse(readFileSync(path.join(dir, 'aep', 'everyone_else.json'), 'utf8')) as { expression: { value: string } };
        expect(payload.expression.value).toBe(`not inSegment("${UUID_VIP}")`);
        const again = runCli(['import', path.join('aep', 'everyone_else.json'), '--out', 'segments', '--force'], dir);
        expect(again.stdout).toBe(`replaced ${path.join('segments', 'rest.segment')}\n`);
        expect(again.stderr).not.toMatch(/warning/u);
        expect(readFileSync(path.join(dir, 'segments', 'rest.segment'), 'utf8')).toMatch(/^segment everyone_else \{[^]*where: not inSegment\("vip_customers"\)/u);
        expect(existsSync(path.join(dir, 'segments', 'everyone_else.segment'))).toBe(false);
    });

    test('an inSegment reference that resolves to nothing is imported with a warning naming it', () => {
        const { result } = importPayload([definition('Lonely', `not inSegment("${UUID_VIP}")`)]);
        expect(result.stderr).toContain(`warning: 'Lonely': inSegment("${UUID_VIP}") names no definition of the payload and no segment of the output folder`);
        expect(result.stdout).toMatch(/^written /u);
    });
});
