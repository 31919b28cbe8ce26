import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SegmentDefinition, SegmentFile } from '../../language/generated/ast.js';
import { segmentCoverage, type SegmentCoverage } from '../../engine/testing/segment-test-coverage.js';
import { runTestFiles, type LocatedTestResult } from '../../engine/testing/segment-test-suite.js';
import type { LangiumDocument } from 'langium';
import { codePointColumn } from '../segment-cli-columns.js';
import { requestedSegmentFiles } from '../segment-cli-files.js';
import { collectDiagnostics, formatDiagnosticText, loadWorkspace, projectRoot, UsageError } from '../segment-cli-workspace.js';
import { coverageLcov, coverageText } from './segment-coverage-formats.js';
import { TEST_FORMATS } from './segment-test-formats.js';
import { scaffoldCommand } from './segment-test-scaffold.js';

export const TEST_USAGE = `segment test [files or folders…] [--format ${Object.keys(TEST_FORMATS).join('|')}]
             [--coverage] [--coverage-format text|lcov] [--coverage-file <lcov.info>]
       segment test --scaffold <segment id> [files or folders…] [--now <ISO-8601>]
  Runs the \`test\` declarations of .segment files (default: the current folder); see docs/testing.md.
  Each failure shows the segment, the profile, expected vs got and why the profile matched or not.
  --coverage: per segment, every clause and whether the tests made it true and false (text after the
  results, on stderr for json/junit); --coverage-format lcov writes lcov.info (or --coverage-file).
  --scaffold: prints tests for the segment, a generated matching profile and a near miss per
  top-level clause, each verified by the evaluator (now: --now, else the config's, else the clock).
  Exit 0: every test passed; 1: a test failed, could not run, or a file has errors; 2: bad usage or no test.`;

/** `segment test`: runs the tests; exit 0 when all pass, 1 otherwise. */
export async function testCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, options: {
            format: { type: 'string', default: 'text' }, coverage: { type: 'boolean', default: false },
            'coverage-format': { type: 'string' }, 'coverage-file': { type: 'string' }, scaffold: { type: 'string' }, now: { type: 'string' },
        },
    });
    if (values.scaffold !== undefined) {
        return scaffoldCommand(values.scaffold, requestedSegmentFiles(positionals.length > 0 ? positionals : ['.']).files, values.now);
    }
    // Own keys only: `--format toString` or `__proto__` is no format.
    const format = Object.hasOwn(TEST_FORMATS, values.format!) ? TEST_FORMATS[values.format!] : undefined;
    if (!format) {
        throw new UsageError(`--format: unknown format '${values.format}'; expected one of ${Object.keys(TEST_FORMATS).join(', ')}.`);
    }
    const { files, unreadable } = requestedSegmentFiles(positionals.length > 0 ? positionals : ['.']);
    if (unreadable > 0) {
        process.stderr.write('segment test: some paths could not be read.\n');
        return 2;
    }
    const coverageFormat = values['coverage-format'] ?? (values['coverage-file'] ? 'lcov' : values.coverage ? 'text' : undefined);
    if (coverageFormat !== undefined && coverageFormat !== 'text' && coverageFormat !== 'lcov') {
        throw new UsageError(`Unknown coverage format '${coverageFormat}': expected text or lcov.`);
    }
    const results: LocatedTestResult[] = [];
    const coverage: SegmentCoverage[] = [];
    const documentsByFile = new Map<string, LangiumDocument>();
    let errors = 0;
    // One workspace per project, as `segment check` has it: references never cross projects.
    for (const projectFiles of byProject(files)) {
        // A folder named on the command line is opened like a workspace folder (config paths may point inside it).
        const opened = positionals.filter(p => statSync(p, { throwIfNoEntry: false })?.isDirectory());
        const { services, documents, configDiagnostics } = await loadWorkspace(projectFiles, { opened });
        const fileErrors = collectDiagnostics(documents, configDiagnostics).filter(d => d.severity === 'error');
        if (fileErrors.length > 0) {
            process.stderr.write(fileErrors.map(d => formatDiagnosticText(d, process.stderr)).join('\n') + '\n');
            errors += fileErrors.length;
            continue;
        }
        const segments: SegmentDefinition[] = services.shared.workspace.LangiumDocuments.all
            .flatMap(d => (d.parseResult.value as SegmentFile).segments).toArray();
        const projectResults = await runTestFiles(documents.map(d => ({ file: d.uri.fsPath, root: d.parseResult.value })), segments, undefined,
            { coverage: coverageFormat !== undefined });
        results.push(...projectResults);
        if (coverageFormat) {
            coverage.push(...documents.flatMap(d => d.parseResult.value.segments.map(s => segmentCoverage(s, d.uri.fsPath, projectResults))));
            documents.forEach(d => documentsByFile.set(d.uri.fsPath, d));
        }
    }
    if (errors > 0) {
        process.stderr.write(`segment test: ${errors} error(s) in the files; fix them before testing.\n`);
        return 1;
    }
    if (results.length === 0) {
        throw new UsageError(`No test in ${files.length} file(s): declare one with 'test <name> { segment: … }' (docs/testing.md).`);
    }
    process.stdout.write(format(results) + '\n');
    if (coverageFormat === 'lcov') {
        const file = path.resolve(values['coverage-file'] ?? 'lcov.info');
        writeFileSync(file, coverageLcov(coverage));
        process.stderr.write(`segment test: clause coverage written to ${path.relative(process.cwd(), file) || file}\n`);
    } else if (coverageFormat === 'text') {
        (values.format === 'text' ? process.stdout : process.stderr).write('\n' + coverageText(coverage, (file, start) => {
            const document = documentsByFile.get(file);
            return document ? codePointColumn(document, start) : start.character + 1;
        }) + '\n');
    }
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
