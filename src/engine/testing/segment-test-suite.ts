/**
 * The tests of a set of documents, run one after the other: what `segment test` and the language
 * server's test request share. Documents are parsed and linked by the caller (the language layer).
 */
import * as path from 'node:path';
import type { SegmentDefinition, SegmentFile } from '../../language/generated/ast.js';
import { toTestCase } from './segment-test-cases.js';
import { runTestCase, type TestResult } from './segment-test-runner.js';

/** A test result with where its test is declared. */
export interface LocatedTestResult extends TestResult {
    /** Absolute path of the file. */
    file: string;
    /** 0-based line of the `test` keyword. */
    line: number;
    /** Milliseconds the test took (reports only; no test asserts on it). */
    duration: number;
}

/** A file's parsed content and where it is. */
export interface TestFile {
    file: string;
    root: SegmentFile;
}

/** Runs the tests of the files (all, or those whose name `only` accepts), in file order. */
export async function runTestFiles(
    files: readonly TestFile[], workspaceSegments: Iterable<SegmentDefinition>,
    only: (file: string, test: string) => boolean = () => true,
    options: { coverage?: boolean } = {},
): Promise<LocatedTestResult[]> {
    const segments = [...workspaceSegments];
    const results: LocatedTestResult[] = [];
    for (const { file, root } of files) {
        for (const test of root.tests.filter(t => only(file, t.name))) {
            const started = performance.now();
            const result = await runTestCase(toTestCase(test), { baseDir: path.dirname(file), workspaceSegments: segments, coverage: options.coverage });
            results.push({ ...result, file, line: test.$cstNode?.range.start.line ?? 0, duration: performance.now() - started });
        }
    }
    return results;
}
