import type { ResultsView } from './segment-results-model.js';

/** What the results page shows of a view's status: the placeholder, the progress bar and the banners. */
export interface StatusChrome {
    placeholder: boolean;
    app: boolean;
    progress: boolean;
    /** The running banner's text; undefined when nothing runs. */
    running?: string;
    rerunDisabled: boolean;
    stale: boolean;
    /** The error banner's text after a failed, refused or cancelled run. */
    error?: string;
}

/**
 * The status part of the page for a view. A run shows inside the panel, not only as a toast: a
 * progress bar and "Running <id> against the sample profiles…" above the previous result (kept
 * visible), with "Run again" disabled and no "out of date" banner.
 * Self-contained (no imports used inside): its source is also the page's code (`__STATUS_CHROME__`
 * in segment-results-script.ts), so what the unit tests check is what the webview runs.
 */
export function statusChrome(view: Pick<ResultsView, 'status' | 'stale' | 'message' | 'result'>): StatusChrome {
    const running = view.status === 'running';
    const failed = view.status === 'failed';
    return {
        placeholder: !view.result && !failed && !running,
        app: Boolean(view.result) || failed || running,
        progress: running,
        running: running ? view.message || 'Running…' : undefined,
        rerunDisabled: running || !view.result,
        stale: Boolean(view.stale) && !running,
        error: failed ? view.message || 'The run failed.' : undefined,
    };
}

/** The view's change when a run of `segmentId` starts: the previous result stays, under the running state. */
export function runStarted(segmentId: string): Pick<ResultsView, 'status' | 'message'> {
    return { status: 'running', message: `Running ${segmentId} against the sample profiles…` };
}
