import type { IToken } from 'chevrotain';

/**
 * How deep the brackets left open after the completion parser stopped may nest before completion gives up.
 * Langium interprets the tokens the completion parser could not parse (from its first error to the cursor)
 * with one grammar stack per reading, each a level longer per open bracket and copied per token: quadratic
 * in the nesting (`in(` then 400 `(`: 0.5 s; 1,000: 6 s, in a 2.5 KB file). The parser itself refuses a few
 * hundred nested brackets (docs/reliability.md), so nothing useful is lost at this depth.
 */
export const MAX_UNPARSED_NESTING = 64;

/** The deepest bracket nesting reached in `tokens`, counting from their start. */
export function openBracketDepth(tokens: readonly IToken[]): number {
    let depth = 0;
    let deepest = 0;
    for (const token of tokens) {
        const image = token.image;
        if (image === '(' || image === '[' || image === '{') {
            deepest = Math.max(deepest, ++depth);
        } else if (image === ')' || image === ']' || image === '}') {
            depth = Math.max(0, depth - 1);
        }
    }
    return deepest;
}
