import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { kindOf } from '../segment-cli-files.js';
import { InputError } from '../segment-cli-usage-error.js';

const STDIN_NAMES = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** A dataset file the evaluator can read (it seeks: its reader reads the first bytes twice), and how to clean up. */
export interface DatasetFile {
    path: string;
    dispose(): void;
}

/**
 * The dataset of `segment run`: a regular file as it is; `-` (standard input) and pipes
 * (`/dev/stdin`, `<(cat x.jsonl)`, a FIFO, a socket) are copied once to a temporary file, because the
 * dataset reader seeks and each segment of the file reads the dataset again. Anything else
 * (`/dev/zero` or another device) is refused: it is not a dataset and
 * reading it might never end. `origin` names where the path came from, for messages.
 */
export async function datasetFile(file: string, origin: string, stdin: Readable = process.stdin): Promise<DatasetFile> {
    // Standard input by any name: when it is a socket (a program's stdio socketpair) it cannot be opened by path.
    if (file === '-' || STDIN_NAMES.has(file)) {
        return spool(stdin, 'standard input');
    }
    let stat;
    try {
        stat = statSync(file);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(`${origin}: cannot read '${file}' (${code === 'ENOENT' ? 'no such file' : code}).`);
    }
    if (stat.isFile()) {
        return { path: file, dispose: () => undefined };
    }
    // /dev/stdin is a FIFO in a shell pipeline and a socket when a program's stdio is a socketpair.
    if (stat.isFIFO() || stat.isSocket()) {
        return spool(createReadStream(file), file);
    }
    throw new InputError(`${origin}: '${file}' is ${kindOf(stat)}, not a dataset file (JSON Lines or a JSON array).`);
}

async function spool(input: Readable, name: string): Promise<DatasetFile> {
    const folder = mkdtempSync(path.join(tmpdir(), 'segment-data-'));
    const dispose = (): void => rmSync(folder, { recursive: true, force: true });
    const copy = path.join(folder, 'data.jsonl');
    try {
        await pipeline(input, createWriteStream(copy));
    } catch (error) {
        dispose();
        throw new InputError(`cannot read the dataset from ${name}: ${(error as Error).message}`);
    }
    return { path: copy, dispose };
}
