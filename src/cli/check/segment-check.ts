import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { INTERNAL_ERROR_CODE } from '../../language/validation/segment-internal-errors.js';
import { CI_FORMATS } from './segment-ci-formats.js';
import { requestedSegmentFiles } from '../segment-cli-files.js';
import { collectDiagnostics, formatDiagnosticText, loadWorkspace, UsageError, type CliDiagnostic } from '../segment-cli-workspace.js';

/** Output formats of `segment check` (a Map: `--format __proto__` is no format); CI formats register in segment-ci-formats.ts. */
export const CHECK_FORMATS: ReadonlyMap<string, (diagnostics: CliDiagnostic[]) => string> = new Map([
    ['text', (diagnostics: CliDiagnostic[]) => diagnostics.map(d => formatDiagnosticText(d)).join('\n')],
    ['json', (diagnostics: CliDiagnostic[]) => JSON.stringify(diagnostics, undefined, 2)],
    ...Object.entries(CI_FORMATS),
]);

export const CHECK_USAGE = `segment check <files or folders…> [--format ${[...CHECK_FORMATS.keys()].join('|')}]
  Validates .segment files with the language server's rules. Folders are searched recursively
  (each real folder once; FIFOs and other non-regular files are skipped with a message).
  Exit 0: no errors; 1: errors found; 2: bad usage, no .segment file found, an unreadable path, or an
  internal error (a check that crashed: the results are incomplete, so it is never a pass).`;

/** `segment check`: validates files; exit 0 without errors, 1 with errors, 2 when a path could not be read or a check crashed. */
export async function checkCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
    const format = CHECK_FORMATS.get(values.format!);
    if (!format) {
        throw new UsageError(`--format: unknown format '${values.format}'; expected one of ${[...CHECK_FORMATS.keys()].join(', ')}.`);
    }
    if (positionals.length === 0) {
        throw new UsageError('segment check needs at least one file or folder.');
    }
    const { files, unreadable } = requestedSegmentFiles(positionals);
    const folders = positionals.filter(p => statSync(p).isDirectory());
    const { documents, configDiagnostics } = await loadWorkspace(files, { folders });
    const diagnostics = collectDiagnostics(documents, configDiagnostics);
    const output = format(diagnostics);
    if (output) {
        process.stdout.write(output + '\n');
    }
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    if (values.format === 'text') {
        process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${diagnostics.length - errors} other diagnostic(s)`
            + `${unreadable > 0 ? `; ${unreadable} path(s) could not be read` : ''}.\n`);
    }
    // Whatever the format, on stderr: a check that threw means the files were not fully checked.
    const internal = diagnostics.filter(d => d.code === INTERNAL_ERROR_CODE);
    if (internal.length > 0) {
        process.stderr.write(`segment check: internal error: ${internal.length} check(s) failed with an exception; the results are incomplete.\n`
            + internal.map(d => `  ${d.file}:${d.line}:${d.column} ${d.message}\n`).join(''));
    }
    return unreadable > 0 || internal.length > 0 ? 2 : errors > 0 ? 1 : 0;
}
