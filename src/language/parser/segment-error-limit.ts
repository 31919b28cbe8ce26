import type { IRecognitionException } from 'chevrotain';
import type { LangiumParser, ParseResult } from 'langium';
import { refusedParse, tokenPosition } from './segment-nesting.js';

/**
 * How many syntax errors a file may have before the parser gives up on it. Each error costs the
 * parser about half a millisecond (it works out what was expected) and a diagnostic; a line of
 * 10,000 `%` made 10,000 of them in 8 s, 120,000 exhausted a 1 GB heap. Nobody reads past the first.
 */
export const MAX_SYNTAX_ERRORS = 100;

/** The name of the parser error of a file with too many syntax errors (code `syntax/too-many-errors`). */
export const TOO_MANY_ERRORS = 'TooManyErrors';

/** Thrown at the error after the `MAX_SYNTAX_ERRORS`th: a plain error, which Chevrotain's recovery passes on. */
class TooManyErrorsError extends Error {
    constructor(readonly errors: IRecognitionException[], readonly next: IRecognitionException) {
        super(`More than ${MAX_SYNTAX_ERRORS} syntax errors`);
    }
}

interface ErrorHandler {
    _errors: IRecognitionException[];
    SAVE_ERROR(error: IRecognitionException): IRecognitionException;
}

/** Makes `parser` stop at its `MAX_SYNTAX_ERRORS + 1`th syntax error (see `tooManyErrors`). */
export function useErrorLimit(parser: LangiumParser): void {
    const handler = (parser as unknown as { wrapper: ErrorHandler }).wrapper;
    const save = handler.SAVE_ERROR.bind(handler);
    handler.SAVE_ERROR = error => {
        if (handler._errors.length >= MAX_SYNTAX_ERRORS) {
            throw new TooManyErrorsError([...handler._errors], error);
        }
        return save(error);
    };
}

/** The parse result after the parser stopped: an empty file with the first errors and one saying why it stopped; `undefined` for other failures. */
export function tooManyErrors(parser: LangiumParser, parse: LangiumParser['parse'], error: unknown): ParseResult | undefined {
    if (!(error instanceof TooManyErrorsError)) {
        return undefined;
    }
    const message = `This file has more than ${MAX_SYNTAX_ERRORS} syntax errors, so it is not analysed further (the first ${MAX_SYNTAX_ERRORS} are reported). `
        + 'Expected PQL segments: fix the first errors, or check that this is a .segment file.';
    return refusedParse(parser, parse, TOO_MANY_ERRORS, message, tokenPosition(error.next.token), error.errors);
}
