import { parseArgs } from 'node:util';
import { CI_FORMATS } from './segment-ci-formats.js';
import { collectDiagnostics, collectSegmentFiles, formatDiagnosticText, loadWorkspace, UsageError, type CliDiagnostic } from './segment-cli-workspace.js';

/** Output formats of `segment check`; CI formats register here (see segment-ci-formats.ts). */
export const CHECK_FORMATS: Record<string, (diagnostics: CliDiagnostic[]) => string> = {
    text: diagnostics => diagnostics.map(formatDiagnosticText).join('\n'),
    json: diagnostics => JSON.stringify(diagnostics, undefined, 2),
    ...CI_FORMATS,
};

export const CHECK_USAGE = `segment check <files or folders…> [--format ${Object.keys(CHECK_FORMATS).join('|')}]
  Validates .segment files with the language server's rules.
  Exit 0: no errors; 1: errors found; 2: bad usage or unreadable path.`;

/** `segment check`: validates files; exit 0 without errors, 1 with errors. */
export async function checkCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
    const format = CHECK_FORMATS[values.format!];
    if (!format) {
        throw new UsageError(`Unknown format '${values.format}': expected one of ${Object.keys(CHECK_FORMATS).join(', ')}.`);
    }
    if (positionals.length === 0) {
        throw new UsageError('segment check needs at least one file or folder.');
    }
    const files = collectSegmentFiles(positionals);
    const { documents } = await loadWorkspace(files);
    const diagnostics = collectDiagnostics(documents);
    const output = format(diagnostics);
    if (output) {
        process.stdout.write(output + '\n');
    }
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    if (values.format === 'text') {
        process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${diagnostics.length - errors} other diagnostic(s).\n`);
    }
    return errors > 0 ? 1 : 0;
}
