/**
 * Profile datasets: a JSON Lines file (one profile per line) or a JSON array file, both streamed with
 * bounded memory — JSONL line by line, arrays element by element with a small scanner, so a large
 * array is never held as one string. Profiles carry their id in `_id` and their events in `xEvent`.
 * Convention: the first record may be `{"$meta": {"now": "2026-11-01T12:00:00Z"}}` — the dataset's
 * reference time and other metadata; it is not a profile (docs/semantics.md "Datasets").
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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
    readonly profiles: AsyncIterable<Profile>;
    readonly skipped: number;
    /** The messages of the first skipped records (at most 20). */
    readonly problems: readonly string[];
}

interface RawRecord {
    text: string;
    line: number;
}

/** Opens a dataset and reads its `$meta` record, if any; the profiles are read as they are iterated. */
export async function openDataset(file: string, options: DatasetOptions = {}): Promise<Dataset> {
    const format = (await firstCharacter(file)) === '[' ? 'json' : 'jsonl';
    const raw = format === 'json' ? arrayRecords(file) : lineRecords(file);
    const state = { skipped: 0, problems: [] as string[] };
    const parsed = parseRecords(raw, file, options, state);
    const first = await parsed.next();
    let meta: DatasetMeta = {};
    let pending: Profile | undefined;
    if (!first.done) {
        const { profile, index } = first.value;
        const declared = profile.$meta;
        if (index === 0 && typeof declared === 'object' && declared !== null && !Array.isArray(declared)) {
            meta = declared as DatasetMeta;
        } else {
            pending = profile;
        }
    }
    async function* profiles(): AsyncGenerator<Profile> {
        if (pending) {
            yield pending;
        }
        for await (const { profile } of parsed) {
            yield profile;
        }
    }
    return {
        file, format, meta, profiles: profiles(),
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

async function* parseRecords(raw: AsyncIterable<RawRecord>, file: string, options: DatasetOptions, state: { skipped: number; problems: string[] }): AsyncGenerator<{ profile: Profile; index: number }> {
    let index = 0;
    for await (const record of raw) {
        try {
            yield { profile: parseRecord(record, file), index };
        } catch (error) {
            if (!(error instanceof DatasetError) || !options.skipInvalid) {
                throw error;
            }
            state.skipped++;
            if (state.problems.length < 20) {
                state.problems.push(error.message);
            }
        }
        index++;
    }
}

function parseRecord(record: RawRecord, file: string): Profile {
    let value: unknown;
    try {
        value = JSON.parse(record.text);
    } catch (error) {
        throw new DatasetError(file, record.line, `malformed JSON: ${(error as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new DatasetError(file, record.line, 'expected a JSON object (a profile)');
    }
    return value as Profile;
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

async function* lineRecords(file: string): AsyncGenerator<RawRecord> {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
        line++;
        const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
        if (trimmed !== '') {
            yield { text: trimmed, line };
        }
    }
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
