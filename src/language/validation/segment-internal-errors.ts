import { isOperationCancelled, ValidationRegistry, type AstNode, type MaybePromise, type ValidationAcceptor, type ValidationCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * The code of a diagnostic that reports a failure of the checker itself (a rule threw). It is not
 * in the catalog: no text can be written to trigger it, it is a bug in this project. `segment
 * check` exits 2 when it sees one (an internal error is never a pass), and editors show it at the
 * node whose check failed instead of hiding the failure.
 */
export const INTERNAL_ERROR_CODE = 'internal/error';

/** The message of an internal-error diagnostic. */
export function internalErrorMessage(what: string, error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return `Internal error while ${what}: ${message}. This is a bug in the Segment tools, not in this file; the results of the checks are incomplete.`;
}

/** An internal-error diagnostic at the start of `node` (a whole file when the failure is not tied to a node). */
export function internalErrorDiagnostic(node: AstNode, what: string, error: unknown): Diagnostic {
    const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return { severity: 1, range: { start, end: start }, message: internalErrorMessage(what, error), code: INTERNAL_ERROR_CODE, source: 'segment' };
}

/** Logs the stack once, for a bug report (the language server's log; the CLI's stderr). */
export function logInternalError(error: unknown): void {
    console.error(error instanceof Error && error.stack ? error.stack : String(error));
}

/**
 * Langium's registry turns an exception in a check into an error without a code; this one gives it
 * the internal-error code, so that tools can tell a crashed rule from a mistake in the file.
 *
 * A check that returns no promise also stays synchronous: Langium wraps every check in an async
 * function awaited per node, and a 185 KB document of member paths spent a third of its validation
 * in those promises (SegmentDocumentValidator awaits only what is a promise).
 */
export class SegmentValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            const fail = (error: unknown) => this.reportFailure(error, accept, node);
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                return isPromiseLike(result) ? Promise.resolve(result).catch(fail) : undefined;
            } catch (error) {
                return fail(error);
            }
        };
    }

    protected override async handleException(
        functionality: () => MaybePromise<void>, _messageContext: string, accept: ValidationAcceptor, node: AstNode,
    ): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            this.reportFailure(error, accept, node);
        }
    }

    private reportFailure(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
        if (isOperationCancelled(error)) {
            throw error;
        }
        logInternalError(error);
        accept('error', internalErrorMessage(`checking this ${node.$type}`, error), { node, code: INTERNAL_ERROR_CODE });
    }
}

/** Whether a check's result must be awaited. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
