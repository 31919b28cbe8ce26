import type { ClauseTreeNode, RunResult } from '../../shared/segment-protocol.js';
import type { ExplanationLine } from './segment-explain-words.js';
import { formatInstant } from './segment-time-format.js';

/**
 * What the results page shows, built by the extension host from a run's result. Pure (no `vscode`
 * import): the host passes what it knows of the workspace (the sample's path relative to it).
 */
export interface ResultsView {
    /** Grows with every update, so a reloaded page can tell its saved view from a newer one. */
    seq: number;
    status: 'idle' | 'running' | 'done' | 'failed';
    /** The document changed since the run. */
    stale: boolean;
    /** While running: what runs; after a failed or refused run: why. */
    message?: string;
    result?: ResultSummary;
}

/** The run's result as the page needs it: without explanations, with display texts and the clause tree. */
export interface ResultSummary extends Omit<RunResult, 'explanations'> {
    /** The sample dataset's path relative to the workspace folder (absolute outside it). */
    sampleLabel: string;
    nowLabel: string;
    /** Where now and the sample came from, in words. */
    nowSourceLabel: string;
    sampleSourceLabel: string;
    tree?: ClauseTreeNode;
}

/** Messages from the host to the page. */
export type HostMessage =
    | { type: 'view'; view: ResultsView }
    | { type: 'profile'; profileId: string; matched: boolean; lines?: ExplanationLine; json: string }
    | { type: 'profileError'; profileId: string; message: string };

/** Messages from the page to the host. */
export type PageMessage =
    | { type: 'ready' }
    | { type: 'rerun' }
    | { type: 'select'; profileId: string }
    | { type: 'openJson'; profileId: string }
    | { type: 'reveal'; range: { start: { line: number; character: number }; end: { line: number; character: number } } };

const NOW_SOURCES: Record<string, string> = {
    setting: 'segment.now setting',
    config: 'segment.config.json',
    dataset: 'declared by the dataset',
    clock: 'the clock',
};

const SAMPLE_SOURCES: Record<string, string> = {
    setting: 'segment.sample.path setting',
    config: 'segment.config.json',
    bundled: 'bundled sample',
};

export function summarize(result: RunResult, sampleLabel: string): ResultSummary {
    const { explanations: _explanations, ...rest } = result;
    return {
        ...rest,
        sampleLabel,
        nowLabel: formatInstant(result.now, result.timeZone) ?? result.now,
        nowSourceLabel: NOW_SOURCES[result.nowSource] ?? result.nowSource,
        sampleSourceLabel: SAMPLE_SOURCES[result.sampleSource] ?? result.sampleSource,
        tree: result.clauseTree ?? treeOfClauses(result),
    };
}

/** The clause tree from the flat per-clause counts, when the run did not send one (paths `$`, `$.0`, `$.0.1`…). */
export function treeOfClauses(result: Pick<RunResult, 'clauses'>): ClauseTreeNode | undefined {
    const byPath = new Map<string, ClauseTreeNode>();
    let root: ClauseTreeNode | undefined;
    for (const clause of result.clauses) {
        const node: ClauseTreeNode = { path: clause.path, kind: clause.kind, text: clause.text, profiles: clause.matched, ...(clause.range ? { range: clause.range } : {}) };
        byPath.set(clause.path, node);
        const parent = byPath.get(clause.path.slice(0, clause.path.lastIndexOf('.')));
        if (parent && clause.path !== '$') {
            (parent.children ??= []).push(node);
        } else {
            root ??= node;
        }
    }
    return root;
}
