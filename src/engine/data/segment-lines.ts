/**
 * Splits a byte stream into numbered lines, one read chunk at a time and synchronously, so a reader
 * pays one async step per chunk rather than per line (`node:readline` costs three stacked async
 * hops and a regex split per line). Line breaks are `node:readline`'s: \n, \r\n and a lone \r.
 * Bytes are searched, not text: a newline or carriage-return byte never occurs inside a multi-byte
 * UTF-8 character, so only the bytes of one line are decoded, and a line cut by a chunk boundary
 * (even inside a character, or between \r and \n) is joined before decoding.
 */

/** Receives each line's text (without its line break) and its 1-based number; blank lines included. */
export type LineVisitor = (text: string, line: number) => void;

const LF = 10;
const CR = 13;

/** A line longer than this is an error: a file without line breaks (`/dev/zero`) must not be read into memory. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Raised when a line grows past `MAX_RECORD_BYTES`; `line` is its number. */
export class RecordTooLong extends Error {
    constructor(readonly line: number) {
        super(`the record is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB (the limit of one profile)`);
    }
}

export class LineSplitter {
    /** The number of the last line handed out. */
    private line = 0;
    /** The start of a line cut by the end of the previous chunks (copied: the caller may reuse its buffer). */
    private carry: Buffer[] = [];
    private carryBytes = 0;
    /** The previous chunk ended with \r: a \n starting this one belongs to it. */
    private afterCR = false;

    constructor(private readonly visit: LineVisitor) {}

    /** Splits one chunk and hands out its complete lines; the caller may reuse the chunk's buffer afterwards. */
    push(chunk: Buffer): void {
        let start = this.afterCR && chunk.length > 0 && chunk[0] === LF ? 1 : 0;
        if (chunk.length > 0) {
            this.afterCR = false;
        }
        // Each position is searched again only once the cursor passed it: for a file without \r, one search per chunk.
        let lf = chunk.indexOf(LF, start);
        let cr = chunk.indexOf(CR, start);
        while (true) {
            if (lf >= 0 && lf < start) {
                lf = chunk.indexOf(LF, start);
            }
            if (cr >= 0 && cr < start) {
                cr = chunk.indexOf(CR, start);
            }
            const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
            if (end < 0) {
                break;
            }
            this.emit(chunk, start, end);
            start = end + 1;
            if (end === cr) {
                if (start === chunk.length) {
                    this.afterCR = true;
                } else if (chunk[start] === LF) {
                    start++;
                }
            }
        }
        if (start < chunk.length) {
            this.carry.push(Buffer.from(chunk.subarray(start)));
            this.carryBytes += chunk.length - start;
            if (this.carryBytes > MAX_RECORD_BYTES) {
                throw new RecordTooLong(this.line + 1);
            }
        }
    }

    /** The end of the stream: a last line without a line break is handed out too. */
    end(): void {
        if (this.carry.length > 0) {
            this.emit(Buffer.alloc(0), 0, 0);
        }
        this.afterCR = false;
    }

    /** The number of lines handed out so far. */
    get lines(): number {
        return this.line;
    }

    private emit(chunk: Buffer, start: number, end: number): void {
        let text: string;
        if (this.carry.length === 0) {
            text = chunk.toString('utf8', start, end);
        } else {
            this.carry.push(chunk.subarray(start, end));
            text = Buffer.concat(this.carry).toString('utf8');
            this.carry = [];
            this.carryBytes = 0;
        }
        this.visit(text, ++this.line);
    }
}
