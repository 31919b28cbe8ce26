import type * as vscode from 'vscode';
import type { RunResult } from '../shared/segment-protocol.js';
import { formatPercent } from './results/segment-results-html.js';

/** The name of the output channel the run summaries go to. */
export const OUTPUT_CHANNEL_NAME = 'Segment';

/**
 * One line per run, greppable and stable:
 * `sneaker_abandoners: 37 / 520 profiles (7.1 %) matched at now=2026-11-01T12:00:00Z in 41 ms`.
 * `now` is printed without milliseconds when they are zero, as people write it in settings.
 */
export function formatRunSummary(result: Pick<RunResult, 'segment' | 'matched' | 'total' | 'now' | 'elapsedMs' | 'skipped'>): string {
    const now = result.now.replace(/\.000Z$/u, 'Z');
    const skipped = result.skipped > 0 ? ` (${result.skipped} invalid line(s) skipped)` : '';
    return `${result.segment}: ${result.matched} / ${result.total} profiles (${formatPercent(result.matched, result.total)}) matched`
        + ` at now=${now} in ${result.elapsedMs} ms${skipped}`;
}

/** Writes run summaries to the "Segment" output channel without stealing focus. */
export class SegmentOutput {
    constructor(private readonly channel: vscode.OutputChannel) {}

    runFinished(result: RunResult): void {
        this.channel.appendLine(formatRunSummary(result));
        for (const note of [...(result.warnings ?? []), ...(result.problems ?? [])]) {
            this.channel.appendLine(`    ${note}`);
        }
    }

    runRefused(segmentId: string, message: string): void {
        this.channel.appendLine(`${segmentId}: not run: ${message}`);
    }
}
