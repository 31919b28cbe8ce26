import type { Failure } from './lsp-fuzz.js';
import { OpenDocuments, runRound, type Finding } from './lsp-round.js';
import { REQUEST_METHODS, type RequestMethod } from './lsp-requests.js';
import { LspSession } from './lsp-session.js';
import { Random } from './random.js';
import { shrink, type ShrinkBudget } from './shrink.js';

export interface ReproduceOptions {
    command: string[];
    folder: string;
    lateMs: number;
    hangMs: number;
}

/**
 * Whether `text` alone, in a fresh server, fails the same way as `failure`: it is opened in the
 * same project folder and asked the failing request (or every kind, for a failure not tied to one)
 * at the failure's offset, the end and the middle.
 */
export async function reproduces(failure: Failure, text: string, options: ReproduceOptions): Promise<boolean> {
    const session = await LspSession.start(options.command, options.folder);
    try {
        const methods = methodsOf(failure);
        // Where the failing request was asked (or, for a failure seen in a log, every hotspot), the end and the middle.
        const asked = failure.offset !== undefined ? [failure.offset] : failure.document.hotspots;
        const offsets = [...new Set([...asked.map(offset => Math.min(offset, text.length)), text.length, Math.floor(text.length / 2)])];
        const requests = methods.flatMap(method => offsets.map(offset => ({ method, offset })));
        const document = { ...failure.document, text, hotspots: offsets };
        const round = await runRound(session, new OpenDocuments(options.folder), document, { slot: 1, reopen: false, requests }, new Random(0), options);
        return round.findings.some(found => same(found, failure));
    } finally {
        await session.stop();
    }
}

/** The request kinds that may show the failure: its own, or the one a log line names ('onCompletion' failed), or all. */
function methodsOf(failure: Failure): RequestMethod[] {
    if (REQUEST_METHODS.includes(failure.method as RequestMethod)) {
        return [failure.method as RequestMethod];
    }
    const handler = /'([\w.]+)' failed/u.exec(failure.detail)?.[1].toLowerCase();
    const named = handler ? REQUEST_METHODS.filter(method => handler.includes(method.split('/')[1].toLowerCase())) : [];
    // 'onPrepareRename' names both prepareRename and rename: the longer name is the handler.
    return named.length ? [named.sort((a, b) => b.length - a.length)[0]] : [...REQUEST_METHODS];
}

function same(found: Finding, failure: Failure): boolean {
    if (found.kind !== failure.kind) {
        // A request that took too long and one that never came back are the same defect at different loads.
        return (found.kind === 'late' || found.kind === 'unanswered') && (failure.kind === 'late' || failure.kind === 'unanswered');
    }
    return failure.kind !== 'internal-error' || found.detail.split(':')[0] === failure.detail.split(':')[0];
}

/** The smallest document found that still fails like `failure`, or undefined when it does not fail alone. */
export async function shrinkFailure(failure: Failure, options: ReproduceOptions, budget: ShrinkBudget): Promise<{ text: string; attempts: number } | undefined> {
    if (!await reproduces(failure, failure.text, options)) {
        return undefined;
    }
    return shrink(failure.text, candidate => reproduces(failure, candidate, options), budget);
}
