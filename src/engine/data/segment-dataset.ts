/**
 * Profile datasets: a JSON Lines file (one profile per line) or a JSON array file, both streamed with
 * bounded memory — JSONL line by line, arrays element by element with a small scanner, so a large
 * array is never held as one string. Profiles carry their id in `_id` and their events in `xEvent`.
 * Convention: the first record may be `{"$meta": {"now": "2026-11-01T12:00:00Z"}}` — the dataset's
 * reference time and other metadata; it is not a profile (docs/semantics.md "Datasets").
 * The bytes are read in 1 MiB chunks and split synchronously (segment-lines.ts, segment-array-scanner.ts),
 * so a run pays one async step per chunk, not per profile (`ProfileStream.each`).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ArrayScanner } from './segment-array-scanner.js';
import { LineSplitter, RecordTooLong } from './segment-lines.js';
import type { Profile } from '../runtime/segment-values.js';

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

    /**
     * Visits every profile in dataset order; a malformed record throws after the profiles before it were
     * visited. `between` runs after each chunk (a run's cancellation check) and may stop the read by throwing.
     */
    async each(visit: Visit, between?: () => Promise<void>): Promise<void> {
        this.claim();
        try {
            this.first.forEach(p => visit(p));
            while (await this.reader.next(visit)) {
                await between?.();
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
    const handle = await open(file, 'r');
    let format: 'jsonl' | 'json';
    try {
        format = (await firstCharacter(handle)) === '[' ? 'json' : 'jsonl';
    } catch (error) {
        await handle.close();
        throw error;
    }
    const state: ReaderState = { skipped: 0, problems: [], records: 0, firstProfileRecord: -1 };
    const parse = recordParser(file, options, state);
    const reader = chunkReader(file, handle, format, parse);
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
        if (nestingAbove(text, MAX_NESTING)) {
            return reject(new DatasetError(file, line, `the record nests arrays and objects more than ${MAX_NESTING} deep`));
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

/** Deeper records are invalid: the evaluator walks lists recursively, and 5,000 nested arrays would overflow its stack. */
export const MAX_NESTING = 512;

/**
 * Does the JSON text nest `[`/`{` more than `limit` deep? Only a text with more than `limit` brackets
 * can, and counting brackets is a native search, so a normal profile costs two `indexOf` sweeps.
 */
function nestingAbove(text: string, limit: number): boolean {
    let brackets = 0;
    for (const open of ['[', '{']) {
        for (let at = text.indexOf(open); at >= 0 && brackets <= limit; at = text.indexOf(open, at + 1)) {
            brackets++;
        }
    }
    if (brackets <= limit) {
        return false;
    }
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 34 /* " */) {
            for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) {
                if (text.charCodeAt(i) === 92 /* \ */) {
                    i++;
                }
            }
        } else if (ch === 91 || ch === 123) {
            if (++depth > limit) {
                return true;
            }
        } else if (ch === 93 || ch === 125) {
            depth--;
        }
    }
    return false;
}

async function firstCharacter(handle: FileHandle): Promise<string> {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart().charAt(0);
}

/** What turns a dataset's bytes into records: `LineSplitter` (JSON Lines) or `ArrayScanner` (a JSON array). */
interface RecordSplitter {
    push(chunk: Buffer): void;
    end(): void;
}

/**
 * Reads the file in 1 MiB chunks and hands each chunk's records to `parse` synchronously. JSON Lines
 * are trimmed (a BOM, spaces) and blank lines skipped; their numbers still count. Two buffers take
 * turns (the splitters copy what outlives a chunk): the next chunk is read while this one is parsed,
 * and no fresh 1 MiB buffer per read is promoted by the scavenges and held until a full GC.
 */
function chunkReader(file: string, handle: FileHandle, format: 'jsonl' | 'json', parse: RecordParser): ChunkReader {
    const buffers = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
    let turn = 0;
    let position = 0;
    let pending: Promise<{ bytesRead: number }> | undefined;
    const readAhead = (): void => {
        pending = handle.read(buffers[turn], 0, buffers[turn].length, position);
        // A read ahead nobody awaits (the run stopped) must not fail the process; `next` still sees the error.
        pending.catch(() => undefined);
    };
    // The visitor of the `next` call under way.
    let visit: Visit = () => undefined;
    const splitter: RecordSplitter = format === 'json'
        ? new ArrayScanner((text, line) => parse(text, line, visit), (line, detail) => {
            throw new DatasetError(file, line, detail);
        })
        : new LineSplitter((text, line) => {
            const first = text.charCodeAt(0);
            const last = text.charCodeAt(text.length - 1);
            // Trim only when an end is not plain ASCII text (trim also removes a BOM and Unicode spaces).
            const trimmed = first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
            if (trimmed !== '') {
                parse(trimmed, line, visit);
            }
        });
    let done = false;
    let closed = false;
    return {
        async next(visitor) {
            if (done) {
                return false;
            }
            if (!pending) {
                readAhead();
            }
            const { bytesRead } = await pending!;
            pending = undefined;
            visit = visitor;
            if (bytesRead === 0) {
                done = true;
                splitter.end();
                return false;
            }
            const chunk = buffers[turn].subarray(0, bytesRead);
            position += bytesRead;
            turn = 1 - turn;
            readAhead();
            try {
                splitter.push(chunk);
            } catch (error) {
                // An over-long record is fatal even with skipInvalid: its end may never come (/dev/zero).
                throw error instanceof RecordTooLong ? new DatasetError(file, error.line, error.message) : error;
            }
            return true;
        },
        close() {
            done = true;
            if (!closed) {
                closed = true;
                // Nothing reads after close; a failure to close is not the run's.
                handle.close().catch(() => undefined);
            }
        },
    };
}
