import type { Diagnostic, RequestOutcome } from './lsp-session.js';

/** What counts as a failure of the server. */
export type FailureKind = 'crash' | 'internal-error' | 'unanswered' | 'late' | 'rss';

/** Words of an internal failure in a log line, a diagnostic or an error answer (never in a message written for users). */
const INTERNAL = /internal error|An error occurred|failed; the server keeps running|RangeError|TypeError|ReferenceError|Maximum call stack|out of memory|\n\s+at \S/u;

/** JSON-RPC error codes that are normal answers: cancelled by the client or the server, content modified meanwhile. */
const ORDINARY_ERRORS = new Set([-32800, -32801, -32802]);

/** A diagnostic that reports a failure of the server instead of a problem of the document. */
export function isInternalDiagnostic(diagnostic: Diagnostic): boolean {
    return diagnostic.code === 'unknown' || INTERNAL.test(diagnostic.message);
}

/** A log or show-message line that reports an internal failure. */
export function isInternalLog(message: string): boolean {
    return INTERNAL.test(message);
}

/** Rename answers a new name that is no valid id with InvalidParams and a message saying why, as LSP suggests. */
const RENAME_METHODS = new Set(['textDocument/rename', 'textDocument/prepareRename']);

/** An answer that is an error other than a cancellation (or a refused rename). */
export function isInternalAnswer(outcome: RequestOutcome): boolean {
    return !!outcome.error && !ORDINARY_ERRORS.has(outcome.error.code) && !(outcome.error.code === -32602 && RENAME_METHODS.has(outcome.method));
}

/** The first line of a message, for grouping the same failure seen in many documents. */
export function firstLine(message: string, max = 200): string {
    const line = message.split('\n').find(l => l.trim()) ?? message;
    return line.length > max ? `${line.slice(0, max)}…` : line;
}
