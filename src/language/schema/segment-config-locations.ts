import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Where in segment.config.json's text a problem is, so that it is reported at the key or value it
 * concerns (`"schema": "bomb.schema.json"` underlines the value) rather than on every `.segment`
 * file the config governs. Positions are LSP positions (UTF-16 code units, lines split at `\n`,
 * `\r\n` and `\r` as editors do); the CLI turns them into code point columns.
 */

/** Start and end offsets of a top-level member's key (with its quotes) and of its value. */
export interface MemberOffsets {
    name: [number, number];
    value: [number, number];
}

/**
 * The top-level member `key` of a JSON object text that JSON.parse accepted; the last one when the
 * key repeats (the one JSON.parse keeps). Undefined when the text is not an object holding the key.
 */
export function locateMember(text: string, key: string): MemberOffsets | undefined {
    let at = skipSpace(text, 0);
    if (text[at] !== '{') {
        return undefined;
    }
    let found: MemberOffsets | undefined;
    at = skipSpace(text, at + 1);
    while (at < text.length && text[at] === '"') {
        const nameEnd = skipString(text, at);
        const name = JSON.parse(text.slice(at, nameEnd)) as string;
        const valueStart = skipSpace(text, skipSpace(text, nameEnd) + 1);
        const valueEnd = skipValue(text, valueStart);
        if (name === key) {
            found = { name: [at, nameEnd], value: [valueStart, valueEnd] };
        }
        at = skipSpace(text, valueEnd);
        at = text[at] === ',' ? skipSpace(text, at + 1) : text.length;
    }
    return found;
}

/** The offset of the first character that is not JSON white space (a BOM counts as space: JSON.parse was given the text without it). */
export function skipSpace(text: string, from: number): number {
    let at = from;
    while (at < text.length && ' \t\r\n\uFEFF'.includes(text[at])) {
        at++;
    }
    return at;
}

function skipString(text: string, from: number): number {
    let at = from + 1;
    while (at < text.length && text[at] !== '"') {
        at += text[at] === '\\' ? 2 : 1;
    }
    return at + 1;
}

function skipValue(text: string, from: number): number {
    if (text[from] === '"') {
        return skipString(text, from);
    }
    if (text[from] !== '{' && text[from] !== '[') {
        let at = from;
        while (at < text.length && !',}] \t\r\n'.includes(text[at])) {
            at++;
        }
        return at;
    }
    let depth = 0;
    let at = from;
    do {
        const character = text[at];
        if (character === '"') {
            at = skipString(text, at);
            continue;
        }
        depth += character === '{' || character === '[' ? 1 : character === '}' || character === ']' ? -1 : 0;
        at++;
    } while (depth > 0 && at < text.length);
    return at;
}

/** The LSP position of an offset of `text`. */
export function positionAt(text: string, offset: number): Position {
    let line = 0;
    let lineStart = 0;
    const end = Math.min(offset, text.length);
    for (let at = 0; at < end; at++) {
        const character = text[at];
        if (character === '\n' || (character === '\r' && text[at + 1] !== '\n')) {
            line++;
            lineStart = at + 1;
        }
    }
    return { line, character: end - lineStart };
}

/** The LSP range between two offsets of `text`. */
export function rangeAt(text: string, start: number, end = start): Range {
    return { start: positionAt(text, start), end: positionAt(text, end) };
}

/** The start of the file: where a problem of the whole file is reported. */
export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
