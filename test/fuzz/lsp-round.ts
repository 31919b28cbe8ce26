import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { capped, MAX_DOCUMENT, type FuzzDocument } from './document-generator.js';
import { REQUEST_METHODS, requestParams, type RequestMethod } from './lsp-requests.js';
import type { LspSession, RequestOutcome } from './lsp-session.js';
import { mutate } from './mutations.js';
import type { Random } from './random.js';
import type { Project } from './workspace.js';
import { firstLine, isInternalAnswer, isInternalDiagnostic, isInternalLog, type FailureKind } from './verdicts.js';

/** Documents open at once per project folder: edits go to one of them, as in an editor with a few tabs. */
const SLOTS = 6;

/** A failure seen while one document was in the server, with what is needed to reproduce it. */
export interface Finding {
    kind: FailureKind;
    detail: string;
    method?: string;
    offset?: number;
}

export interface RoundResult {
    findings: Finding[];
    outcomes: RequestOutcome[];
    /** The text the document had last (a follow-up edit may have changed it). */
    text: string;
}

export interface RoundOptions {
    lateMs: number;
    hangMs: number;
}

/** The editor-side state of the open documents: their versions. */
export class OpenDocuments {
    readonly versions = new Map<string, number>();

    constructor(readonly folder: string) {}

    uriFor(project: Project, slot: number): string {
        return pathToFileURL(path.join(this.folder, project, `doc${slot}.segment`)).toString();
    }

    /** Opens `uri` with `text`, or changes it (now and then closing and reopening it). */
    edit(session: LspSession, uri: string, text: string, reopen: boolean): void {
        const version = this.versions.get(uri);
        if (version !== undefined && reopen) {
            session.notification('textDocument/didClose', { textDocument: { uri } });
            this.versions.delete(uri);
        }
        if (!this.versions.has(uri)) {
            this.versions.set(uri, 1);
            session.notification('textDocument/didOpen', { textDocument: { uri, languageId: 'segment', version: 1, text } });
        } else {
            this.versions.set(uri, version! + 1);
            session.notification('textDocument/didChange', { textDocument: { uri, version: version! + 1 }, contentChanges: [{ text }] });
        }
    }

    /** Closes every document (before a memory sample, so that samples compare like with like). */
    /** Closes every open document; returns their URIs. */
    closeAll(session: LspSession): string[] {
        const uris = [...this.versions.keys()];
        for (const uri of uris) {
            session.notification('textDocument/didClose', { textDocument: { uri } });
        }
        this.versions.clear();
        return uris;
    }
}

/** What one round does, drawn from the document's generator (or scripted, when shrinking). */
export interface RoundPlan {
    slot: number;
    reopen: boolean;
    requests: Array<{ method: RequestMethod; offset: number }>;
    /** A further edit sent right after the first request, while it is pending. */
    followUp?: string;
}

/** Two to six requests, mostly where the mutation happened; now and then a close or a follow-up edit. */
export function planRound(document: FuzzDocument, random: Random, max = MAX_DOCUMENT): RoundPlan {
    const slot = random.int(1, SLOTS);
    const reopen = random.chance(0.05);
    const requests = Array.from({ length: random.int(2, 6) }, () => ({
        method: random.pick(REQUEST_METHODS),
        offset: random.chance(0.7) && document.hotspots.length ? random.pick(document.hotspots) : random.int(0, document.text.length),
    }));
    return { slot, reopen, requests, followUp: random.chance(0.15) ? capped(mutate(document.text, random).text, max) : undefined };
}

/**
 * One document's turn: open or change it, send the plan's requests at once (with the follow-up
 * edit while they are pending), then wait for every answer and for its diagnostics, and judge
 * what came back.
 */
export async function runRound(session: LspSession, documents: OpenDocuments, document: FuzzDocument, plan: RoundPlan, random: Random, options: RoundOptions): Promise<RoundResult> {
    const uri = documents.uriFor(document.project, plan.slot);
    const logsBefore = session.logs.length;
    const stderrBefore = session.stderr.length;
    const seqBefore = session.diagnosticsSeq;
    let text = document.text;
    documents.edit(session, uri, text, plan.reopen);
    const asked: Array<Promise<RequestOutcome & { offset: number }>> = [];
    for (const [i, { method, offset }] of plan.requests.entries()) {
        const params = requestParams(method, uri, text, offset, session.diagnosticsOf(uri), random);
        asked.push(session.request(method, params, options.hangMs).then(outcome => ({ ...outcome, offset })));
        if (i === 0 && plan.followUp !== undefined) {
            text = plan.followUp;
            documents.edit(session, uri, text, false);
        }
    }
    const outcomes = await Promise.all(asked);
    const diagnostics = await session.nextDiagnostics(uri, seqBefore, options.hangMs);
    const findings: Finding[] = [];
    for (const outcome of outcomes) {
        if (session.exit) {
            break;
        }
        const where = { method: outcome.method, offset: outcome.offset };
        if (!outcome.answered) {
            findings.push({ kind: 'unanswered', detail: `${outcome.method} unanswered after ${outcome.ms} ms`, ...where });
        } else if (outcome.ms > options.lateMs) {
            findings.push({ kind: 'late', detail: `${outcome.method} answered after ${outcome.ms} ms`, ...where });
        }
        if (isInternalAnswer(outcome)) {
            findings.push({ kind: 'internal-error', detail: `${outcome.method} answered error ${outcome.error!.code}: ${firstLine(outcome.error!.message)}`, ...where });
        }
    }
    if (!diagnostics && !session.exit) {
        findings.push({ kind: 'unanswered', detail: `no diagnostics within ${options.hangMs} ms`, method: 'publishDiagnostics' });
    }
    for (const diagnostic of (diagnostics ?? []).filter(isInternalDiagnostic)) {
        findings.push({ kind: 'internal-error', detail: `diagnostic: ${firstLine(diagnostic.message)}` });
    }
    for (const log of session.logs.slice(logsBefore).filter(l => isInternalLog(l.message))) {
        findings.push({ kind: 'internal-error', detail: `log: ${firstLine(log.message)}` });
    }
    const stderr = session.stderr.slice(stderrBefore).join('');
    if (isInternalLog(stderr)) {
        findings.push({ kind: 'internal-error', detail: `stderr: ${firstLine(stderr)}` });
    }
    if (session.exit) {
        findings.push({ kind: 'crash', detail: `the server exited (code ${session.exit.code}, signal ${session.exit.signal}) ${firstLine(stderr.slice(-400))}` });
    }
    return { findings, outcomes, text };
}
