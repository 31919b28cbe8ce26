import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, type Connection } from 'vscode-languageserver';
import { parseInstant } from '../../engine/data/segment-run-inputs.js';
import { GENERATE_PROFILE_REQUEST, type GenerateProfileParams, type GenerateProfileResponse } from '../../shared/segment-protocol.js';
import { isSegmentFile } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import { contradictionsOf } from '../validation/segment-contradictions-of.js';
import { answeringCancellation, InProcessEvaluator, type SegmentEvaluator } from './segment-evaluators.js';
import { currentDiagnostics, readLinkedDocument, snapshotSources } from './segment-request-documents.js';

/** Where and how `generateProfile` runs. */
export interface GenerateOptions {
    /** Where the search runs (the server's is a worker thread); in-process when absent. */
    evaluator?: SegmentEvaluator;
    token?: CancellationToken;
    clock?: () => Date;
}

/**
 * `segment/generateProfile`: a `test` declaration with a generated profile for a segment (matching,
 * or a near miss of one top-level clause), to insert after the segment. The profile is verified by
 * the evaluator before it is offered; an unsatisfiable segment is reported with its contradictions.
 * `now` is the project's (segment.config.json), else the current second, written into the test.
 * The search evaluates the segment thousands of times, so it runs in the evaluator's thread and a
 * cancellation is answered with RequestCancelled. Node-only (the engine reads files), so
 * src/language/main.ts wires it.
 */
export async function generateProfile(shared: LangiumSharedServices, params: GenerateProfileParams, options: GenerateOptions = {}): Promise<GenerateProfileResponse> {
    const { evaluator = new InProcessEvaluator(), token = CancellationToken.None, clock = () => new Date() } = options;
    return answeringCancellation(token, 'Generating a profile', async () => {
        const uri = URI.parse(params.uri);
        const found = await readLinkedDocument(shared, uri, token, async document => {
            const segment = isSegmentFile(document.parseResult.value) ? document.parseResult.value.segments.find(s => s.name === params.segment) : undefined;
            // Read with the snapshot: the diagnostics of later text would not name this segment's lines.
            const contradictions = segment && params.clause === undefined ? contradictionsOf(await currentDiagnostics(shared, document, token), segment) : [];
            return { segment, contradictions, sources: segment && snapshotSources(shared, document, [segment]) };
        });
        if (!found) {
            return { status: 'not-found', message: `${params.uri} is not a .segment document the language server knows.` };
        }
        const { segment, contradictions, sources } = found;
        if (!segment || !sources) {
            return { status: 'not-found', message: `No segment '${params.segment}' in this file.` };
        }
        const config = (shared.ServiceRegistry.getServices(uri) as SegmentServices).schema.SchemaProvider.schemasFor(uri).config;
        const now = config?.now ? parseInstant(config.now, '`now` in segment.config.json') : new Date(Math.floor(clock().getTime() / 1000) * 1000);
        const generated = await evaluator.execute({
            kind: 'generate', uri: params.uri, segmentId: segment.name, now: now.toISOString(), timeZone: config?.timeZone,
            target: params.clause === undefined ? { kind: 'match' } : { kind: 'near-miss', clause: params.clause }, clauseText: params.clauseText,
        }, sources, token);
        if (generated.status === 'found') {
            return { status: 'ok', position: { line: (segment.$cstNode?.range.end.line ?? 0) + 1, character: 0 }, text: `\n${generated.text}` };
        }
        if (generated.status === 'stale') {
            return { status: 'not-found', message: `The clause "${params.clauseText}" is not a top-level clause of '${segment.name}' any more.` };
        }
        return {
            status: 'not-found',
            message: contradictions.length > 0
                ? `'${segment.name}' can match no profile (unsatisfiable): ${contradictions.map(c => `line ${c.line}: ${c.message}`).join(' ')}`
                : generated.message,
        };
    });
}

/** Registers the request on the connection; call after `startLanguageServer`. */
export function registerGenerateRequest(connection: Connection, shared: LangiumSharedServices, evaluator?: SegmentEvaluator): void {
    connection.onRequest(GENERATE_PROFILE_REQUEST, (params: GenerateProfileParams, token) => generateProfile(shared, params, { evaluator, token }));
}
