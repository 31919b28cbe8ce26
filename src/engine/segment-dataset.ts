/**
 * Profile datasets: a JSON Lines file (one profile per line) or a JSON array file, both streamed with
 * bounded memory — JSONL line by line, arrays element by element with a small scanner, so a large
 * array is never held as one string. Profiles carry their id in `_id` and their events in `xEvent`.
 * Convention: the first record may be `{"$meta": {"now": "2026-11-01T12:00:00Z"}}` — the dataset's
 * reference time and other metadata; it is not a profile (docs/semantics.md "Datasets").
 * Profiles are read in batches (one read chunk's records), so a run pays one async step per chunk,
 * not per profile (`ProfileStream.batches`).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Profile } from './segment-values.js';

export interface DatasetOptions {
    /** Skip malformed records (counted in `skipped`) instead of failing on the first one. */
    skipInvalid?: boolean;
}

/** The `$meta` record: `now` (ISO-8601) is the dataset's declared reference time. */
export interface DatasetMeta {
    now?: string;
    timeZone?: string;
    description?: string;
    [key: string]: unknown;
}

/** A malformed record: the message names the file and the line where the record starts. */
export class DatasetError extends Error {
    constructor(readonly file: string, readonly line: number, readonly detail: string) {
        super(`${file}:${line}: ${detail}`);
    }
}

/** An opened dataset. `profiles` can be iterated once; `skipped`/`problems` are final after that. */
export interface Dataset {
    readonly file: string;
    readonly format: 'jsonl' | 'json';
    readonly meta: DatasetMeta;
    readonly profiles: ProfileStream;
    readonly skipped: number;
    /** The messages of the first skipped records (at most 20). */
    readonly problems: readonly string[];
}

interface RawRecord {
    text: string;
    line: number;
}

/** Hands each profile of the dataset to a visitor as soon as it is parsed. */
type Visit = (profile: Profile) => void;

/** A record reader: `next` reads one chunk and visits its profiles; false when the dataset is exhausted. */
interface ChunkReader {
    next(visit: Visit): Promise<boolean>;
    close(): void;
}

/**
 * The profiles of a dataset, readable once: with `for await` profile by profile, or — cheaper for a
 * run over the whole dataset — with `each`, which visits each profile as soon as its line is parsed
 * (one async step per 1 MiB read, and every profile can die young).
 */
export class ProfileStream implements AsyncIterable<Profile> {
    private used = false;

    constructor(private readonly first: Profile[], private readonly reader: ChunkReader) {}

    /** Visits every profile in dataset order; a malformed record throws after the profiles before it were visited. */
    async each(visit: Visit): Promise<void> {
        this.claim();
        try {
            this.first.forEach(p => visit(p));
            while (await this.reader.next(visit)) {
                // Each call visits one chunk's profiles.
            }
        } finally {
            this.reader.close();
        }
    }

    async *[Symbol.asyncIterator](): AsyncGenerator<Profile> {
        this.claim();
        try {
            yield* this.first;
            let more = true;
            while (more) {
                const batch: Profile[] = [];
                try {
                    more = await this.reader.next(p => batch.push(p));
                } catch (error) {
                    yield* batch;
                    throw error;
                }
                yield* batch;
            }
        } finally {
            this.reader.close();
        }
    }

    private claim(): void {
        if (this.used) {
            throw new Error('The profiles of a dataset can be read once.');
        }
        this.used = true;
    }
}

/** Opens a dataset and reads its `$meta` record, if any; the profiles are read as they are iterated. */
export async function openDataset(file: string, options: DatasetOptions = {}): Promise<Dataset> {
    const format = (await firstCharacter(file)) === '[' ? 'json' : 'jsonl';
    const state: ReaderState = { skipped: 0, problems: [], records: 0, firstProfileRecord: -1 };
    const parse = recordParser(file, options, state);
    const reader = format === 'json' ? arrayReader(arrayRecords(file), parse) : jsonlReader(file, parse);
    let meta: DatasetMeta = {};
    let first: Profile[] = [];
    // Read up to the first profile; `$meta` counts only as the very first record (not after a skipped one).
    let failure: { error: unknown } | undefined;
    try {
        while (first.length === 0 && await reader.next(p => first.push(p))) {
            // An empty chunk (blank lines, skipped records): read on.
        }
    } catch (error) {
        if (first.length === 0) {
            reader.close();
            throw error;
        }
        // The profiles before the malformed record are still delivered; the error comes after them.
        failure = { error };
    }
    const declared = first[0]?.$meta;
    if (state.firstProfileRecord === 0 && typeof declared === 'object' && declared !== null && !Array.isArray(declared)) {
        meta = declared as DatasetMeta;
        first = first.slice(1);
    }
    const source: ChunkReader = failure ? { next: () => Promise.reject(failure.error), close: () => reader.close() } : reader;
    return dataset(file, format, meta, state, new ProfileStream(first, source));
}

function dataset(file: string, format: 'jsonl' | 'json', meta: DatasetMeta, state: ReaderState, profiles: ProfileStream): Dataset {
    return {
        file, format, meta, profiles,
        get skipped() {
            return state.skipped;
        },
        get problems() {
            return state.problems;
        },
    };
}

/** Reads a whole dataset into memory (tests, small files). */
export async function readDataset(file: string, options: DatasetOptions = {}): Promise<{ meta: DatasetMeta; profiles: Profile[]; skipped: number }> {
    const dataset = await openDataset(file, options);
    const profiles: Profile[] = [];
    for await (const profile of dataset.profiles) {
        profiles.push(profile);
    }
    return { meta: dataset.meta, profiles, skipped: dataset.skipped };
}

interface ReaderState {
    skipped: number;
    problems: string[];
    /** Records seen (parsed or skipped). */
    records: number;
    /** The index of the record that became the first profile; -1 before. */
    firstProfileRecord: number;
}

/** Parses one record and visits it; a malformed one throws `DatasetError` or, with `skipInvalid`, is counted. */
type RecordParser = (text: string, line: number, visit: Visit) => void;

function recordParser(file: string, options: DatasetOptions, state: ReaderState): RecordParser {
    return (text, line, visit) => {
        const index = state.records++;
        let value: unknown;
        try {
            value = JSON.parse(text);
        } catch (error) {
            return reject(new DatasetError(file, line, `malformed JSON: ${(error as Error).message}`));
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            return reject(new DatasetError(file, line, 'expected a JSON object (a profile)'));
        }
        if (state.firstProfileRecord < 0) {
            state.firstProfileRecord = index;
        }
        visit(value as Profile);
    };
    function reject(error: DatasetError): void {
        if (!options.skipInvalid) {
            throw error;
        }
        state.skipped++;
        if (state.problems.length < 20) {
            state.problems.push(error.message);
        }
    }
}

async function firstCharacter(file: string): Promise<string> {
    const handle = await open(file, 'r');
    try {
        const buffer = Buffer.alloc(256);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart().charAt(0);
    } finally {
        await handle.close();
    }
}

/**
 * JSON Lines in 1 MiB reads, split on newline bytes (a UTF-8 newline byte is never inside a multi-byte
 * character), each line decoded once. Line breaks are those of `node:readline` (\n, \r\n, a lone \r);
 * lines are trimmed and blank lines skipped.
 */
function jsonlReader(file: string, parse: RecordParser): ChunkReader {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let line = 0;
    let carry: Buffer[] = [];
    let done = false;
    const one = (text: string, visit: Visit): void => {
        const first = text.charCodeAt(0);
        const last = text.charCodeAt(text.length - 1);
        // Trim only when an end is not plain ASCII text (trim also removes a BOM and Unicode spaces).
        const trimmed = first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
        if (trimmed !== '') {
            parse(trimmed, line, visit);
        }
    };
    const handle = (text: string, visit: Visit): void => {
        line++;
        if (text.indexOf('\r') < 0) {
            one(text, visit);
            return;
        }
        // Lone carriage returns are line breaks too.
        const parts = text.split(/\r\n|\r/);
        for (let k = 0; k < parts.length; k++) {
            line += k > 0 ? 1 : 0;
            one(parts[k], visit);
        }
    };
    const joinCarry = (tail?: Buffer): string => {
        const joined = Buffer.concat(tail ? [...carry, tail] : carry);
        carry = [];
        return joined.toString('utf8', 0, joined.length - (tail && joined[joined.length - 1] === 13 ? 1 : 0));
    };
    return {
        async next(visit) {
            if (done) {
                return false;
            }
            const read = await chunks.next();
            if (read.done) {
                done = true;
                if (carry.length > 0) {
                    handle(joinCarry(), visit);
                }
                return false;
            }
            const chunk = read.value;
            let start = 0;
            let end = chunk.indexOf(10);
            if (end >= 0 && carry.length > 0) {
                handle(joinCarry(chunk.subarray(0, end)), visit);
                start = end + 1;
                end = chunk.indexOf(10, start);
            }
            while (end >= 0) {
                handle(chunk.toString('utf8', start, end > start && chunk[end - 1] === 13 ? end - 1 : end), visit);
                start = end + 1;
                end = chunk.indexOf(10, start);
            }
            if (start < chunk.length) {
                carry.push(chunk.subarray(start));
            }
            return true;
        },
        close() {
            done = true;
            stream.destroy();
        },
    };
}

/** JSON array elements, up to 256 per call. */
function arrayReader(raw: AsyncGenerator<RawRecord>, parse: RecordParser): ChunkReader {
    return {
        async next(visit) {
            for (let k = 0; k < 256; k++) {
                const record = await raw.next();
                if (record.done) {
                    return false;
                }
                parse(record.value.text, record.value.line, visit);
            }
            return true;
        },
        close() {
            void raw.return(undefined);
        },
    };
}

/** Splits a top-level JSON array into element texts without parsing the whole file at once. */
async function* arrayRecords(file: string): AsyncGenerator<RawRecord> {
    let line = 1;
    let started = false;
    let ended = false;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let element: string[] | undefined;
    let elementLine = 0;
    const isSpace = (ch: string): boolean => ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\uFEFF';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }) as AsyncIterable<string>) {
        let from = 0;
        for (let i = 0; i < chunk.length; i++) {
            const ch = chunk[i];
            if (ch === '\n') {
                line++;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (ch === '\\') {
                    escaped = true;
                } else if (ch === '"') {
                    inString = false;
                }
                continue;
            }
            if (!started || ended || !element) {
                if (isSpace(ch)) {
                    continue;
                }
                if (!started && ch === '[') {
                    started = true;
                    depth = 1;
                } else if (started && !ended && ch === ']') {
                    ended = true;
                } else if (started && !ended && ch === ',') {
                    continue;
                } else if (started && !ended) {
                    element = [];
                    elementLine = line;
                    from = i;
                    // Re-read this character as the element's first.
                    i--;
                } else {
                    throw new DatasetError(file, line, ended ? 'unexpected content after the closing ]' : 'expected a JSON array or JSON Lines');
                }
                continue;
            }
            if (ch === '"') {
                inString = true;
            } else if (ch === '{' || ch === '[') {
                depth++;
            } else if ((ch === '}' || ch === ']' || ch === ',') && depth > 1) {
                if (ch !== ',') {
                    depth--;
                    if (depth === 1) {
                        element.push(chunk.slice(from, i + 1));
                        yield { text: element.join(''), line: elementLine };
                        element = undefined;
                    }
                }
            } else if (ch === ',' || ch === ']') {
                // A scalar element ends at the separator.
                element.push(chunk.slice(from, i));
                yield { text: element.join(''), line: elementLine };
                element = undefined;
                ended = ch === ']';
            }
        }
        if (element) {
            element.push(chunk.slice(from));
            from = 0;
        }
    }
    if (element || !ended) {
        throw new DatasetError(file, element ? elementLine : line, started ? 'the JSON array is not closed' : 'the file is empty');
    }
}
