import * as path from 'node:path';
import { failureReport, resultSummary } from '../../engine/testing/segment-test-report.js';
import type { LocatedTestResult } from '../../engine/testing/segment-test-suite.js';

/** Output formats of `segment test`. */
export const TEST_FORMATS: Record<string, (results: LocatedTestResult[]) => string> = {
    text: textReport,
    json: results => JSON.stringify(results.map(jsonResult), undefined, 2),
    junit: junitReport,
};

function relative(file: string): string {
    return path.relative(process.cwd(), file) || file;
}

/** Per file, one line per test; failures with their full report; a closing count. */
function textReport(results: LocatedTestResult[]): string {
    const lines: string[] = [];
    for (const file of [...new Set(results.map(r => r.file))]) {
        lines.push(relative(file));
        for (const result of results.filter(r => r.file === file)) {
            const mark = result.status === 'passed' ? '✓' : '✗';
            lines.push(`  ${mark} ${result.test} (${result.segment})${result.status === 'passed' ? '' : `  ${relative(file)}:${result.line + 1}`}`);
            if (result.status !== 'passed') {
                lines.push(...(result.status === 'error' ? [resultSummary(result)] : failureReport(result)).map(l => `      ${l}`));
            }
        }
    }
    const count = (status: string) => results.filter(r => r.status === status).length;
    lines.push('', `${count('passed')} passed, ${count('failed')} failed${count('error') ? `, ${count('error')} could not run` : ''}`);
    return lines.join('\n');
}

function jsonResult(result: LocatedTestResult): object {
    const { clauses: _clauses, duration: _duration, ...rest } = result;
    return { ...rest, file: relative(result.file), line: result.line + 1 };
}

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters, Azure): one
 * `<testsuite>` per file, one `<testcase>` per test, `<failure>` for a wrong expectation and
 * `<error>` for a test that could not run.
 */
function junitReport(results: LocatedTestResult[]): string {
    const files = [...new Set(results.map(r => r.file))];
    const count = (rs: LocatedTestResult[], status: string) => rs.filter(r => r.status === status).length;
    const seconds = (rs: LocatedTestResult[]) => (rs.reduce((sum, r) => sum + r.duration, 0) / 1000).toFixed(3);
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="segment test" tests="${results.length}" failures="${count(results, 'failed')}" errors="${count(results, 'error')}" time="${seconds(results)}">`,
    ];
    for (const file of files) {
        const suite = results.filter(r => r.file === file);
        const name = xml(relative(file));
        lines.push(`  <testsuite name="${name}" tests="${suite.length}" failures="${count(suite, 'failed')}" errors="${count(suite, 'error')}" skipped="0" time="${seconds(suite)}">`);
        for (const result of suite) {
            const open = `    <testcase name="${xml(result.test)}" classname="${name}" file="${name}" line="${result.line + 1}" time="${(result.duration / 1000).toFixed(3)}"`;
            if (result.status === 'passed') {
                lines.push(`${open}/>`);
                continue;
            }
            const tag = result.status === 'error' ? 'error' : 'failure';
            const body = result.status === 'error' ? resultSummary(result) : failureReport(result).join('\n');
            lines.push(`${open}>`, `      <${tag} message="${xml(resultSummary(result))}" type="segment.test.${tag}">${xml(body)}</${tag}>`, '    </testcase>');
        }
        lines.push('  </testsuite>');
    }
    lines.push('</testsuites>');
    return lines.join('\n');
}

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold. */
function xml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '')
        .replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&apos;');
}
