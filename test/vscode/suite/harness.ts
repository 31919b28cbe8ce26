/**
 * A tiny test runner for the extension host (no mocha in the project): `test(name, fn)` registers,
 * `runRegisteredTests()` runs them in order with a per-test time limit, prints one line per test
 * and a closing `N passed, N failed` line, and throws when any test failed, which makes VS Code
 * report exit code 1.
 */
import { writeFileSync } from 'node:fs';

interface TestCase {
    name: string;
    fn: () => unknown;
    timeoutMs: number;
}

export interface TestResult {
    name: string;
    passed: boolean;
    durationMs: number;
    error?: string;
}

const registered: TestCase[] = [];

/** Registers a test; `timeoutMs` bounds it (default 60 s: the first test also waits for activation). */
export function test(name: string, fn: () => unknown, timeoutMs = 60_000): void {
    registered.push({ name, fn, timeoutMs });
}

function describeError(error: unknown): string {
    if (error instanceof Error) {
        return error.stack ?? `${error.name}: ${error.message}`;
    }
    return String(error);
}

async function runOne(testCase: TestCase): Promise<TestResult> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
        await Promise.race([
            Promise.resolve().then(testCase.fn),
            new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`timed out after ${testCase.timeoutMs} ms`)), testCase.timeoutMs);
            }),
        ]);
        return { name: testCase.name, passed: true, durationMs: Date.now() - started };
    } catch (error) {
        return { name: testCase.name, passed: false, durationMs: Date.now() - started, error: describeError(error) };
    } finally {
        clearTimeout(timer);
    }
}

/**
 * Runs the registered tests. `SEGMENT_TEST_GREP` (a regular expression) selects tests by name;
 * `SEGMENT_TEST_REPORT` names a JSON file for the results.
 */
export async function runRegisteredTests(suiteName: string): Promise<TestResult[]> {
    const grep = process.env.SEGMENT_TEST_GREP ? new RegExp(process.env.SEGMENT_TEST_GREP) : undefined;
    const selected = registered.filter(testCase => !grep || grep.test(testCase.name));
    console.log(`[suite] ${suiteName}: running ${selected.length} of ${registered.length} tests`);
    const results: TestResult[] = [];
    for (const testCase of selected) {
        const result = await runOne(testCase);
        results.push(result);
        if (result.passed) {
            console.log(`[suite] PASS ${result.name} (${result.durationMs} ms)`);
        } else {
            console.log(`[suite] FAIL ${result.name} (${result.durationMs} ms)\n${indent(result.error ?? '')}`);
        }
    }
    const failed = results.filter(result => !result.passed);
    console.log(`[suite] ${results.length - failed.length} passed, ${failed.length} failed`);
    if (process.env.SEGMENT_TEST_REPORT) {
        writeFileSync(process.env.SEGMENT_TEST_REPORT, `${JSON.stringify({ suite: suiteName, results }, null, 2)}\n`);
    }
    if (failed.length > 0) {
        throw new Error(`${failed.length} of ${results.length} tests failed: ${failed.map(result => result.name).join('; ')}`);
    }
    return results;
}

function indent(text: string): string {
    return text.split('\n').map(line => `        ${line}`).join('\n');
}
