import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO, 'out/cli/main.cjs');
export const AEP_RESOURCES = path.join(REPO, 'test/resources/aep');

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** What a test may change about the CLI's process: its environment, standard input, user. */
export interface CliOptions {
    env?: Record<string, string | undefined>;
    input?: string;
    uid?: number;
    gid?: number;
}

/** Runs the bundled CLI (`npm run build` makes it; the test command builds first). */
export function runCli(args: string[], cwd = REPO, options: CliOptions = {}): CliResult {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} does not exist: run \`npm run build\` before these tests.`);
    }
    const result = spawnSync(process.execPath, [CLI, ...args], {
        cwd, encoding: 'utf8', input: options.input, uid: options.uid, gid: options.gid,
        env: options.env ? { ...process.env, ...options.env } : undefined,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder for one test. */
export function temporaryFolder(prefix = 'segment-cli-'): string {
    return mkdtempSync(path.join(tmpdir(), prefix));
}

// ajv-formats is CommonJS; under Node16 ESM typing its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A draft-07 validator for a schema file, with the standard string formats. */
export function schemaValidator(file: string): ValidateFunction {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
}

/** Ajv's errors as readable lines, for assertion messages. */
export function schemaErrors(validate: ValidateFunction): string {
    return (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}
