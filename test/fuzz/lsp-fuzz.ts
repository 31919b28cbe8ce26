import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from './corpus.js';
import { documentRandom, generateDocument, type FuzzDocument } from './document-generator.js';
import { OpenDocuments, planRound, runRound, type Finding } from './lsp-round.js';
import { bundledServerCommand, LspSession } from './lsp-session.js';
import { createWorkspace } from './workspace.js';

export interface LspFuzzOptions {
    root: string;
    seed: number;
    docs: number;
    /** Only this document of the run (`--replay`). */
    only?: number;
    /** The server's command line; the bundled server with the extension's heap cap by default. */
    command?: string[];
    /** An answer later than this is a failure (issue 15: 2 s). */
    lateMs: number;
    /** The harness stops waiting after this and restarts the server. */
    hangMs: number;
    /** Memory is sampled every this many documents. */
    rssEvery: number;
    /**
     * Documents a server handles before its memory baseline is sampled (default `warmUpFor(docs)`):
     * its first documents compile code, fill caches and load each folder's schema, which is growth
     * that happens once, not a leak.
     */
    warmUp?: number;
    /** Asked before each document: true ends the run early (SIGTERM), with the figures so far. */
    stopped?: () => boolean;
    /** The largest document sent (characters; MAX_DOCUMENT by default). */
    maxChars?: number;
    /** Whether documents go to the folder whose config loads the `$ref` bomb (default: yes). */
    bomb?: boolean;
    log: (line: string) => void;
}

/** A failure, its document and where it happened. */
export interface Failure extends Finding {
    document: FuzzDocument;
    /** The document's text when the failure was seen. */
    text: string;
}

export interface LspFuzzReport {
    seed: number;
    docs: number;
    requests: number;
    crashes: number;
    internalErrors: number;
    late: number;
    unanswered: number;
    slowestMs: number;
    /** Resident memory after garbage collection (bytes): after the warm-up, and at the end (of the last server started). */
    rss: { first?: number; last?: number };
    /** The documents that took longest, from their first edit to their last answer. */
    slowestDocuments: Array<{ index: number; origin: string; ms: number }>;
    restarts: number;
    durationMs: number;
    failures: Failure[];
}

/**
 * Sends `docs` generated documents to one long-running language server (restarted only after a
 * crash or a hang, which are failures) and counts what went wrong.
 */
export async function fuzzLanguageServer(options: LspFuzzOptions): Promise<LspFuzzReport> {
    const started = Date.now();
    const corpus = loadCorpus(options.root);
    const workspace = createWorkspace(options.root);
    const command = options.command ?? bundledServerCommand(options.root);
    const report: LspFuzzReport = {
        seed: options.seed, docs: 0, requests: 0, crashes: 0, internalErrors: 0, late: 0, unanswered: 0, slowestMs: 0,
        rss: {}, slowestDocuments: [], restarts: 0, durationMs: 0, failures: [],
    };
    // Each server first builds one small document, so that its first fuzzed requests do not also wait
    // for the workspace's initial build (under load, longer than the hang limit).
    const start = async () => {
        const started = await LspSession.start(command, workspace.folder);
        const uri = pathToFileURL(path.join(workspace.folder, 'plain', 'warm-up.segment')).toString();
        const seq = started.diagnosticsSeq;
        started.notification('textDocument/didOpen', { textDocument: { uri, languageId: 'segment', version: 1, text: 'segment warm_up { where: true }\n' } });
        await started.nextDiagnostics(uri, seq, options.hangMs);
        started.notification('textDocument/didClose', { textDocument: { uri } });
        return started;
    };
    let session = await start();
    let documents = new OpenDocuments(workspace.folder);
    let bombDisabled = options.bomb === false;
    const warmUp = options.warmUp ?? warmUpFor(options.docs);
    /** Documents the current server has handled. */
    let served = 0;
    const sample = async () => {
        // A closed buffer leaves the server's workspace after the close is handled (its file looked up on disk,
        // then a build), which the server tells with its next diagnostics. Sampling before that counted the last
        // documents' trees: up to 230 MB of heap at one sample, gone at the next.
        const seq = session.diagnosticsSeq;
        await Promise.all(documents.closeAll(session).map(uri => session.nextDiagnostics(uri, seq, options.hangMs)));
        return session.rss();
    };
    try {
        const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.docs }, (_, i) => i);
        for (const index of indexes) {
            if (options.stopped?.()) {
                options.log(`stopped after ${report.docs} documents`);
                break;
            }
            const random = documentRandom(options.seed, index);
            const document = generateDocument(corpus, index, random, options.maxChars);
            if (bombDisabled && document.project === 'bomb') {
                document.project = 'plain';
            }
            const roundStarted = Date.now();
            const round = await runRound(session, documents, document, planRound(document, random, options.maxChars), random, options);
            noteSlowest(report, { index, origin: document.origin, ms: Date.now() - roundStarted });
            report.docs++;
            served++;
            report.requests += round.outcomes.length;
            report.slowestMs = Math.max(report.slowestMs, ...round.outcomes.map(o => o.ms));
            for (const finding of round.findings) {
                report.failures.push({ ...finding, document, text: round.text });
                count(report, finding);
                options.log(`doc ${index} (${document.origin}, ${document.project}): ${finding.kind}: ${finding.detail}`);
            }
            if (round.findings.some(f => f.kind === 'crash' || f.kind === 'unanswered')) {
                if (document.project === 'bomb' && !bombDisabled) {
                    // Each further document there would wait out the hang again: the failure is counted once.
                    bombDisabled = true;
                    options.log('the $ref-bomb folder hung or crashed the server: its later documents go to plain/');
                }
                // A dead or wedged server: start a new one so the rest of the run still means something.
                session.kill();
                session = await start();
                documents = new OpenDocuments(workspace.folder);
                report.restarts++;
                report.rss = {};
                served = 0;
            }
            if (served >= warmUp && report.rss.first === undefined) {
                report.rss.first = await sample();
                options.log(`${report.docs} docs: RSS baseline ${mb(report.rss.first)} after the warm-up (${warmUp} documents)`);
            } else if (options.rssEvery > 0 && report.docs % options.rssEvery === 0) {
                options.log(`${report.docs} docs, ${report.requests} requests, ${report.failures.length} failures, ` +
                    `RSS ${mb(await sample())} after ${Math.round((Date.now() - started) / 1000)} s`);
            }
        }
        // Without a baseline (a run shorter than the warm-up) growth is not measured: the memory of a warm-up is no figure.
        if (report.rss.first !== undefined) {
            report.rss.last = await sample();
        }
    } finally {
        await session.stop();
        workspace.dispose();
    }
    report.durationMs = Date.now() - started;
    return report;
}

/** Documents whose round took longest, kept to the slowest few (they tell where a run's time goes). */
const SLOWEST_KEPT = 5;

/** The fewest documents a server handles before its memory baseline (--warm-up). */
export const WARM_UP_DOCS = 100;

/**
 * The default warm-up of a run of `docs` documents: a tenth of them, at least WARM_UP_DOCS. The
 * server's resident memory keeps rising past 100 documents while the parser's lookahead caches and
 * the compiled code fill up with what new documents exercise, then levels off: in a 10,000-document
 * run (seed 20261205), 178 MB after 100 documents, then 211–245 MB at every sample from 1,000 to
 * 10,000 except passing peaks (a sample taken right after a 256 KB document). A leak keeps rising.
 */
export function warmUpFor(docs: number): number {
    return Math.max(WARM_UP_DOCS, Math.round(docs / 10));
}

function noteSlowest(report: LspFuzzReport, document: { index: number; origin: string; ms: number }): void {
    const list = report.slowestDocuments;
    if (list.length < SLOWEST_KEPT || document.ms > list[list.length - 1].ms) {
        list.push(document);
        list.sort((a, b) => b.ms - a.ms);
        list.length = Math.min(list.length, SLOWEST_KEPT);
    }
}

function count(report: LspFuzzReport, finding: Finding): void {
    switch (finding.kind) {
        case 'crash': report.crashes++; break;
        case 'internal-error': report.internalErrors++; break;
        case 'late': report.late++; break;
        case 'unanswered': report.unanswered++; break;
        default: break;
    }
}

export function mb(bytes: number | undefined): string {
    return bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`;
}
