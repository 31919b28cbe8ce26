import type { SeedDocument } from './corpus.js';
import { hostileDocument, type GeneratedDocument } from './hostile-documents.js';
import { mutate } from './mutations.js';
import { Random } from './random.js';
import type { Project } from './workspace.js';

/** One fuzzed document: what it was made from, the folder (and so the schema) it is opened in, its text. */
export interface FuzzDocument extends GeneratedDocument {
    index: number;
    origin: string;
    project: Project;
}

/**
 * The generator of document `index` of a run: its own generator derived from the run's seed and
 * the index, so that `--replay index` rebuilds exactly this document without the ones before it.
 */
export function documentRandom(seed: number, index: number): Random {
    let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return new Random((h ^ (h >>> 16)) >>> 0);
}

/**
 * The largest document the fuzzer sends (characters): docs/reliability.md supports files up to
 * 1 MiB, and a few open documents of that size make every rebuild of the workspace slow, which
 * would blame the slowness on whichever small document comes next.
 */
export const MAX_DOCUMENT = 256 * 1024;

/** Mostly mutated corpus documents; one in five built whole to hit a limit. */
export function generateDocument(corpus: SeedDocument[], index: number, random: Random, max = MAX_DOCUMENT): FuzzDocument {
    const project: Project = random.chance(0.1) ? 'bomb' : random.chance(0.2) ? 'corpus' : 'plain';
    const hostile = random.chance(0.2);
    const seed = hostile ? undefined : random.pick(corpus);
    const { text, hotspots } = seed ? mutate(seed.text, random) : hostileDocument(random);
    return { index, origin: seed?.source ?? 'hostile', project, text: capped(text, max), hotspots: hotspots.map(h => Math.min(h, max)) };
}

/** Copy-pasted mutations can multiply a long line: such a document is cut (as a truncation would). */
export function capped(text: string, max = MAX_DOCUMENT): string {
    return text.length > max ? text.slice(0, max) : text;
}
