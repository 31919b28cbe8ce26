import { AstUtils, isOperationCancelled, type LangiumDocument } from 'langium';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { EvaluationCancelledError } from '../../engine/segment-engine.js';
import { isInSegmentExpression, isSegmentFile, type SegmentDefinition } from '../generated/ast.js';
import { segmentAepId, testSegment } from '../segment-properties.js';
import { executeTask, type EvaluationTask, type TaskOf, type TaskResults } from './segment-evaluation-tasks.js';

/**
 * What a task is run on: the document of the task's `uri`, the other documents it reads (coverage:
 * the files holding its segments' tests), and every segment of the workspace (`inSegment` may name
 * any by `aepId`).
 */
export interface EvaluationSources {
    document: LangiumDocument;
    others?: LangiumDocument[];
    workspaceSegments: SegmentDefinition[];
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

/** Runs tasks on the caller's thread, on the caller's parsed documents; cancellation is polled between profiles. */
export class InProcessEvaluator implements SegmentEvaluator {
    execute<K extends EvaluationTask['kind']>(task: TaskOf<K>, sources: EvaluationSources, token: CancellationToken): Promise<TaskResults[K]> {
        const documents = [sources.document, ...sources.others ?? []];
        return executeTask(task, {
            root: sources.document.parseResult.value, roots: new Map(documents.map(d => [d.uri.toString(), d.parseResult.value])),
            workspaceSegments: sources.workspaceSegments, cancel: () => token.isCancellationRequested,
        });
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

/**
 * The documents a task needs: its own, the others it reads, and those holding the segments its
 * segments (for tests, the tested segments) reference through `inSegment`, transitively, by name
 * or by `aepId`.
 */
export function documentsFor(task: EvaluationTask, sources: EvaluationSources): LangiumDocument[] {
    const root = sources.document.parseResult.value;
    if (!isSegmentFile(root)) {
        return [sources.document];
    }
    const byAepId = new Map<string, SegmentDefinition>();
    for (const segment of sources.workspaceSegments) {
        const id = segmentAepId(segment);
        if (id) {
            byAepId.set(id, segment);
        }
    }
    const start = task.kind === 'tests' ? root.tests.flatMap(t => testSegment(t)?.ref ?? [])
        : task.kind === 'coverage' ? root.segments
            : root.segments.filter(s => s.name === task.segmentId);
    const seen = new Set<SegmentDefinition>();
    const documents = new Set<LangiumDocument>([sources.document, ...sources.others ?? []]);
    const pending = [...start];
    for (let segment = pending.pop(); segment; segment = pending.pop()) {
        if (seen.has(segment)) {
            continue;
        }
        seen.add(segment);
        documents.add(AstUtils.getDocument(segment));
        for (const node of AstUtils.streamAst(segment).filter(isInSegmentExpression)) {
            const target = node.segment.ref ?? byAepId.get(node.segment.$refText.replace(/^"|"$/gu, ''));
            if (target) {
                pending.push(target);
            }
        }
    }
    return [...documents];
}
