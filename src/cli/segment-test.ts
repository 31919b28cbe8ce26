import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SegmentDefinition, SegmentFile } from '../language/generated/ast.js';
import { runTestFiles, type LocatedTestResult } from '../engine/testing/segment-test-suite.js';
import { collectDiagnostics, collectSegmentFiles, formatDiagnosticText, loadWorkspace, projectRoot, UsageError } from './segment-cli-workspace.js';
import { TEST_FORMATS } from './segment-test-formats.js';

export const TEST_USAGE = `segment test [files or folders…] [--format ${Object.keys(TEST_FORMATS).join('|')}]
  Runs the \`test\` declarations of .segment files (default: the current folder); see docs/testing.md.
  Each failure shows the segment, the profile, expected vs got and why the profile matched or not.
  Exit 0: every test passed; 1: a test failed, could not run, or a file has errors; 2: bad usage or no test.`;

/** `segment test`: runs the tests; exit 0 when all pass, 1 otherwise. */
export async function testCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
    const format = TEST_FORMATS[values.format!];
    if (!format) {
        throw new UsageError(`Unknown format '${values.format}': expected one of ${Object.keys(TEST_FORMATS).join(', ')}.`);
    }
    const files = collectSegmentFiles(positionals.length > 0 ? positionals : ['.']);
    const results: LocatedTestResult[] = [];
    let errors = 0;
    // One workspace per project, as `segment check` has it: references never cross projects.
    for (const projectFiles of byProject(files)) {
        const { services, documents } = await loadWorkspace(projectFiles);
        const fileErrors = collectDiagnostics(documents).filter(d => d.severity === 'error');
        if (fileErrors.length > 0) {
            process.stderr.write(fileErrors.map(formatDiagnosticText).join('\n') + '\n');
            errors += fileErrors.length;
            continue;
        }
        const segments: SegmentDefinition[] = services.shared.workspace.LangiumDocuments.all
            .flatMap(d => (d.parseResult.value as SegmentFile).segments).toArray();
        results.push(...await runTestFiles(documents.map(d => ({ file: d.uri.fsPath, root: d.parseResult.value })), segments));
    }
    if (errors > 0) {
        process.stderr.write(`segment test: ${errors} error(s) in the files; fix them before testing.\n`);
        return 1;
    }
    if (results.length === 0) {
        throw new UsageError(`No test in ${files.length} file(s): declare one with 'test <name> { segment: … }' (docs/testing.md).`);
    }
    process.stdout.write(format(results) + '\n');
    return results.every(r => r.status === 'passed') ? 0 : 1;
}

function byProject(files: string[]): string[][] {
    const projects = new Map<string, string[]>();
    for (const file of files) {
        const key = projectRoot(path.dirname(file));
        projects.set(key, [...(projects.get(key) ?? []), file]);
    }
    return [...projects.values()];
}
