/**
 * A test result in words: the failure report of `segment test` (text and JUnit) and the failure
 * message of the editor's Test Explorer are the same text, so a failure reads alike everywhere.
 */
import { explainLines } from '../explain/segment-explain-text.js';
import type { ProfileFailure, TestResult } from './segment-test-runner.js';

/** Longest profile JSON shown in a report; longer ones are cut (the test file has the rest). */
const PROFILE_TEXT = 400;

/** One line: what was expected and what happened. */
export function resultSummary(result: TestResult): string {
    if (result.status === 'error') {
        return `cannot run: ${result.error}`;
    }
    if (result.status === 'passed') {
        return `${result.profiles} profile(s), expected ${result.expected}`;
    }
    const parts = [];
    if (result.failures.length > 0) {
        parts.push(`${result.failures.length} of ${result.profiles} profile(s) differ`);
    }
    if (result.unknownIds) {
        parts.push(`no profile has the id(s) ${result.unknownIds.map(id => JSON.stringify(id)).join(', ')}`);
    }
    return `expected ${result.expected}, got ${gotText(result)}: ${parts.join('; ')}`;
}

/** What matched, in the words of an expectation. */
export function gotText(result: TestResult): string {
    return result.got.length === 0 ? 'no match' : `[${result.got.map(id => JSON.stringify(id)).join(', ')}] matching`;
}

/** The failure report: the summary, then per differing profile expected vs got, the profile and why. */
export function failureReport(result: TestResult): string[] {
    const lines = [`segment ${result.segment}, now ${result.now ?? '?'}${result.timeZone && result.timeZone !== 'UTC' ? ` (${result.timeZone})` : ''}: ${resultSummary(result)}`];
    for (const failure of result.failures) {
        lines.push(...profileReport(failure));
    }
    return lines;
}

function profileReport(failure: ProfileFailure): string[] {
    const json = JSON.stringify(failure.profile);
    const lines = [
        `profile ${failure.id}: expected ${failure.expected}, got ${failure.got}`,
        `  ${json.length > PROFILE_TEXT ? json.slice(0, PROFILE_TEXT) + '…' : json}`,
    ];
    if (failure.explanation) {
        lines.push(`  why it ${failure.got === 'match' ? 'matched' : 'did not match'}:`, ...explainLines(failure.explanation, 2));
    }
    return lines;
}
