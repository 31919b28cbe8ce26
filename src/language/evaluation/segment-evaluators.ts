import { EmptyFileSystem, isOperationCancelled } from 'langium';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { EvaluationCancelledError } from '../../engine/segment-engine.js';
import { createSegmentServices } from '../segment-module.js';
import type { DocumentSnapshot } from './segment-evaluation-messages.js';
import type { EvaluationTask, TaskOf, TaskResults } from './segment-evaluation-tasks.js';
import { executeOnSnapshots } from './segment-snapshot-evaluation.js';

/**
 * What a task is run on: the snapshots, taken under the workspace lock when the request checked
 * them (segment-request-documents.ts), of the task's document (first), of the other documents it
 * reads (coverage: the files holding its segments' tests) and of those holding the segments its
 * segments reference through `inSegment`. Every evaluator parses exactly these texts, so an edit
 * that arrives while the request waits (for its data, for DuckDB) never changes what it evaluates.
 */
export interface EvaluationSources {
    documents: [DocumentSnapshot, ...DocumentSnapshot[]];
}

/**
 * Runs the evaluation behind a run, test, coverage or generate request. The language server's evaluator runs it in a
 * worker thread (segment-worker-evaluator.ts); tests of the handlers use the in-process one.
 * A cancelled token ends the task with `EvaluationCancelledError`.
 */
export interface SegmentEvaluator {
    execute<K extends EvaluationTask['kind']>(task: TaskOf<K>, sources: EvaluationSources, token: CancellationToken): Promise<TaskResults[K]>;
    dispose(): void;
}

/**
 * Runs tasks on the caller's thread, each on its snapshots parsed by services of its own (as the
 * worker parses them); cancellation is polled between profiles.
 */
export class InProcessEvaluator implements SegmentEvaluator {
    execute<K extends EvaluationTask['kind']>(task: TaskOf<K>, sources: EvaluationSources, token: CancellationToken): Promise<TaskResults[K]> {
        return executeOnSnapshots(createSegmentServices(EmptyFileSystem).shared, task, sources.documents, () => token.isCancellationRequested);
    }

    dispose(): void {
        // Nothing to release.
    }
}

/**
 * Runs a request's work; a cancellation, by the token or inside the evaluation, is answered with
 * LSP's RequestCancelled (-32800). `what`: the request's work in words ("The test run").
 */
export async function answeringCancellation<T>(token: CancellationToken, what: string, work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        throw isCancellation(error, token) ? new ResponseError(LSPErrorCodes.RequestCancelled, `${what} was cancelled.`) : error;
    }
}

/** Whether a request failed because it was cancelled: by its token, in Langium's build, or in the evaluation. */
export function isCancellation(error: unknown, token: CancellationToken): boolean {
    return token.isCancellationRequested || isOperationCancelled(error) || error instanceof EvaluationCancelledError;
}
