import type { LangiumParser, ParseResult } from 'langium';
import { refusedParse } from './segment-nesting.js';

/**
 * The longest document analysed, in characters (UTF-16 code units, as editors count them): 1 MiB.
 * Parsing costs about 200 bytes of memory per character (the syntax tree and its concrete syntax
 * tree), and an edit holds the old tree beside the new one: a 1 MiB document is edited within a
 * 512 MB heap, half the server's budget; a 2 MiB one needs more than 640 MB; a 50 MB one would
 * need ~10 GB. Measured figures are in docs/reliability.md.
 */
export const MAX_DOCUMENT_LENGTH = 1024 * 1024;

/** The name of the parser error of a file too large to analyse (the validator gives it the code `syntax/too-large`). */
export const TOO_LARGE = 'TooLarge';

/** Whether a text is longer than the parser analyses. */
export function isTooLarge(text: string): boolean {
    return text.length > MAX_DOCUMENT_LENGTH;
}

/** The parse result of a text over `MAX_DOCUMENT_LENGTH`: an empty file with one `syntax/too-large` error, without lexing it. */
export function tooLarge(parser: LangiumParser, parse: LangiumParser['parse'], text: string): ParseResult {
    // Rounded up, so that a file just over the limit does not read as "1.0 MiB, more than 1 MiB".
    const mib = (Math.ceil(text.length / (1024 * 1024) * 10) / 10).toFixed(1);
    return refusedParse(parser, parse, TOO_LARGE, `This file has ${text.length.toLocaleString('en-US')} characters (${mib} MiB), `
        + `more than the ${MAX_DOCUMENT_LENGTH.toLocaleString('en-US')} (1 MiB) that this tool analyses; it is not analysed. `
        + 'Expected a smaller file: split its segments across files of at most 1 MiB.');
}
