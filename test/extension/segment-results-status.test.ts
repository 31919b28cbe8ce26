import { describe, expect, test } from 'vitest';
import { renderResultsHtml } from '../../src/extension/results/segment-results-html.js';
import type { ResultsView, ResultSummary } from '../../src/extension/results/segment-results-model.js';
import { runStarted, statusChrome } from '../../src/extension/results/segment-results-status.js';

/** Only presence matters to the status: a result is there or not. */
const RESULT = { segment: 'vip' } as ResultSummary;

describe('the running state inside the results panel', () => {
    test('a run shows a progress bar and says what runs, above the previous result, with Run again disabled', () => {
        const before: ResultsView = { seq: 3, status: 'done', stale: true, result: RESULT };
        const running = { ...before, ...runStarted('sneaker_abandoners') };
        expect(running.result).toBe(RESULT);
        expect(statusChrome(running)).toEqual({
            placeholder: false, app: true, progress: true,
            running: 'Running sneaker_abandoners against the sample profiles…',
            rerunDisabled: true, stale: false, error: undefined,
        });
    });

    test('the first run shows the running state instead of the placeholder', () => {
        const chrome = statusChrome({ stale: false, ...runStarted('vip') });
        expect([chrome.placeholder, chrome.app, chrome.progress, chrome.running]).toEqual([false, true, true, 'Running vip against the sample profiles…']);
    });

    test('done, out of date and failed: no progress; the banner that applies', () => {
        expect(statusChrome({ status: 'done', stale: false, result: RESULT })).toMatchObject({ progress: false, running: undefined, rerunDisabled: false, stale: false });
        expect(statusChrome({ status: 'done', stale: true, result: RESULT })).toMatchObject({ progress: false, stale: true });
        expect(statusChrome({ status: 'failed', stale: false, message: 'vip was not run: 1 error', result: RESULT })).toMatchObject({ progress: false, running: undefined, error: 'vip was not run: 1 error', app: true });
        expect(statusChrome({ status: 'idle', stale: false })).toMatchObject({ placeholder: true, app: false, progress: false });
    });

    test('the page runs this very function, and has the progress bar and banner it drives', () => {
        const html = renderResultsHtml({ seq: 1, stale: false, ...runStarted('vip') }, { cspSource: 'vscode-resource:', nonce: 'n0nce' });
        expect(html).not.toContain('__STATUS_CHROME__');
        expect(html).toContain(`const statusChrome = (${statusChrome.toString()});`);
        expect(html).toMatch(/<div class="progress" id="progress" data-testid="running" hidden><\/div>/u);
        expect(html).toMatch(/<div class="banner running" id="running-banner" hidden><\/div>/u);
    });
});
