import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mb, type LspFuzzReport } from './lsp-fuzz.js';

/** RSS growth (first sample after the warm-up to the last, both after garbage collection) allowed by issue 13. */
export const RSS_GROWTH_LIMIT = 50 * 1048576;

export function rssGrowth(report: LspFuzzReport): number | undefined {
    return report.rss.first !== undefined && report.rss.last !== undefined ? report.rss.last - report.rss.first : undefined;
}

/** Whether the run failed: any crash, internal error, late or unanswered request, or memory growth over the limit. */
export function failed(report: LspFuzzReport): boolean {
    return report.crashes + report.internalErrors + report.late + report.unanswered > 0 || (rssGrowth(report) ?? 0) > RSS_GROWTH_LIMIT;
}

/** The figures of a run, one per line (docs/reliability.md quotes them). */
export function summary(report: LspFuzzReport, lateMs: number): string {
    const growth = rssGrowth(report);
    return [
        `seed ${report.seed}`,
        `documents ${report.docs}`,
        `requests ${report.requests}`,
        `crashes ${report.crashes}`,
        `internal errors ${report.internalErrors}`,
        `answered after ${lateMs} ms ${report.late}`,
        `unanswered ${report.unanswered}`,
        `slowest answer ${report.slowestMs} ms`,
        growth === undefined
            ? 'RSS growth not measured (no server handled more documents than the warm-up)'
            : `RSS after GC: after the warm-up ${mb(report.rss.first)}, at the end ${mb(report.rss.last)}, growth ${mb(growth)}${growth > RSS_GROWTH_LIMIT ? ' (over the 50 MB limit)' : ''}`,
        `server restarts ${report.restarts}`,
        `duration ${(report.durationMs / 1000).toFixed(1)} s (${(report.docs / Math.max(report.durationMs / 1000, 0.001)).toFixed(1)} documents per second)`,
        `slowest documents ${report.slowestDocuments.map(d => `${d.index} (${d.origin}) ${(d.ms / 1000).toFixed(1)} s`).join(', ') || 'none'}`,
        `result ${failed(report) ? 'FAILED' : 'passed'}`,
    ].join('\n');
}

/** A document as the report shows it: JSON-quoted (NULs, surrogates and line ends visible), long ones cut in the middle. */
export function preview(text: string, max = 1200): string {
    const quoted = JSON.stringify(text);
    return quoted.length <= max ? quoted : `${quoted.slice(0, max / 2)} … (${text.length} characters) … ${quoted.slice(-max / 2)}`;
}

/** Writes a reproducing document to a file outside the repository and returns its path. */
export function saveDocument(seed: number, name: string, text: string): string {
    const folder = path.join(tmpdir(), `segment-fuzz-${seed}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, name);
    writeFileSync(file, text);
    return file;
}
