/**
 * Splits a top-level JSON array into its elements' texts without parsing the whole file at once:
 * a small scanner tracks strings, escapes and nesting depth, one decoded chunk at a time and
 * synchronously (one async step per read chunk, not per element). Each element is handed out with
 * the line where it starts.
 */
import { StringDecoder } from 'node:string_decoder';
import { MAX_RECORD_BYTES, RecordTooLong } from './segment-lines.js';

/** Receives each element's text and the 1-based line where it starts. */
export type ElementVisitor = (text: string, line: number) => void;

/** The array is malformed (not an array, not closed, content after it): stops the scan. */
export type ScanFailure = (line: number, detail: string) => never;

const LF = 10, CR = 13, TAB = 9, SPACE = 32, QUOTE = 34, COMMA = 44, BACKSLASH = 92;
const DECODE_BYTES = 1 << 16;
const OPEN_BRACKET = 91, CLOSE_BRACKET = 93, OPEN_BRACE = 123, CLOSE_BRACE = 125, BOM = 0xfeff;

export class ArrayScanner {
    private readonly decoder = new StringDecoder('utf8');
    private line = 1;
    private started = false;
    private ended = false;
    private depth = 0;
    private inString = false;
    private escaped = false;
    /** The parts of the element being read (it may span chunks); undefined between elements. */
    private element: string[] | undefined;
    private elementLine = 0;
    /** Characters of the element read so far, bounded like a JSON Lines record. */
    private elementLength = 0;

    constructor(private readonly visit: ElementVisitor, private readonly fail: ScanFailure) {}

    push(bytes: Buffer): void {
        // Decoded 64 KiB at a time: a decoded chunk outlives the scavenges during its scan, and a
        // 1 MiB string promoted on each read would pile up in the old generation until a full GC.
        for (let from = 0; from < bytes.length; from += DECODE_BYTES) {
            this.scan(this.decoder.write(bytes.subarray(from, from + DECODE_BYTES)));
        }
    }

    end(): void {
        this.scan(this.decoder.end());
        if (this.element || !this.ended) {
            this.fail(this.element ? this.elementLine : this.line, this.started ? 'the JSON array is not closed' : 'the file is empty');
        }
    }

    private scan(chunk: string): void {
        let from = 0;
        for (let i = 0; i < chunk.length; i++) {
            const ch = chunk.charCodeAt(i);
            if (ch === LF) {
                this.line++;
            }
            if (this.inString) {
                if (this.escaped) {
                    this.escaped = false;
                } else if (ch === BACKSLASH) {
                    this.escaped = true;
                } else if (ch === QUOTE) {
                    this.inString = false;
                }
                continue;
            }
            const element = this.element;
            if (!element) {
                if (ch === SPACE || ch === LF || ch === CR || ch === TAB || ch === BOM) {
                    continue;
                }
                if (!this.started && ch === OPEN_BRACKET) {
                    this.started = true;
                    this.depth = 1;
                } else if (this.started && !this.ended && ch === CLOSE_BRACKET) {
                    this.ended = true;
                } else if (this.started && !this.ended && ch === COMMA) {
                    continue;
                } else if (this.started && !this.ended) {
                    this.element = [];
                    this.elementLength = 0;
                    this.elementLine = this.line;
                    from = i;
                    // Re-read this character as the element's first.
                    i--;
                } else {
                    this.fail(this.line, this.ended ? 'unexpected content after the closing ]' : 'expected a JSON array or JSON Lines');
                }
                continue;
            }
            if (ch === QUOTE) {
                this.inString = true;
            } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
                this.depth++;
            } else if (this.depth > 1 && (ch === CLOSE_BRACE || ch === CLOSE_BRACKET)) {
                if (--this.depth === 1) {
                    this.finish(element, chunk.slice(from, i + 1));
                }
            } else if (this.depth === 1 && (ch === COMMA || ch === CLOSE_BRACKET)) {
                // A scalar element ends at the separator.
                this.finish(element, chunk.slice(from, i));
                this.ended = ch === CLOSE_BRACKET;
            }
        }
        if (this.element) {
            this.element.push(chunk.slice(from));
            this.elementLength += chunk.length - from;
            if (this.elementLength > MAX_RECORD_BYTES) {
                this.fail(this.elementLine, new RecordTooLong(this.elementLine).message);
            }
        }
    }

    private finish(element: string[], last: string): void {
        element.push(last);
        this.element = undefined;
        this.visit(element.length === 1 ? element[0] : element.join(''), this.elementLine);
    }
}
