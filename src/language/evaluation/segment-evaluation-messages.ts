import { DatasetError, EvaluationCancelledError } from '../../engine/segment-engine.js';
import { RunInputError } from '../../engine/data/segment-run-inputs.js';
import type { EvaluationTask } from './segment-evaluation-tasks.js';

/**
 * A document as the request checked it, captured under the workspace lock: the text that was
 * parsed, validated and linked when the request read the document (not the editor's text of later,
 * which may already be newer), and the editor's version of it.
 */
export interface DocumentSnapshot {
    uri: string;
    text: string;
    /** The editor's version of `text`; undefined for a file that is not open, or when an edit is already pending. */
    version: number | undefined;
}

/** Server → worker: one task at a time, with the snapshots of the documents it reads (its own first). */
export interface TaskMessage {
    task: EvaluationTask;
    documents: DocumentSnapshot[];
}

/** Worker → server: the task's result, or its failure. */
export type ReplyMessage = { ok: true; value: unknown } | { ok: false; error: SentError };

/** An error as it crosses the thread boundary: the kinds the run handler answers differently keep their kind. */
export interface SentError {
    kind: 'dataset' | 'input' | 'cancelled' | 'other';
    message: string;
    /** A dataset error's file, line and what is wrong there. */
    dataset?: { file: string; line: number; detail: string };
    /** Node's file-system error code and path (`ENOENT` …): the handler names the unreadable sample. */
    code?: string;
    path?: string;
    stack?: string;
}

export function sendError(error: unknown): SentError {
    const kind = error instanceof DatasetError ? 'dataset' : error instanceof RunInputError ? 'input' : error instanceof EvaluationCancelledError ? 'cancelled' : 'other';
    const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
    return {
        kind, ...(error instanceof DatasetError ? { dataset: { file: error.file, line: error.line, detail: error.detail } } : {}),
        message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined,
        ...(typeof code === 'string' ? { code } : {}), ...(typeof path === 'string' ? { path } : {}),
    };
}

export function receiveError(sent: SentError): Error {
    const error = sent.kind === 'dataset' && sent.dataset ? new DatasetError(sent.dataset.file, sent.dataset.line, sent.dataset.detail)
        : sent.kind === 'input' ? new RunInputError(sent.message)
            : sent.kind === 'cancelled' ? new EvaluationCancelledError()
                : new Error(sent.message);
    if (sent.stack) {
        error.stack = sent.stack;
    }
    return Object.assign(error, sent.code ? { code: sent.code } : {}, sent.path ? { path: sent.path } : {});
}
