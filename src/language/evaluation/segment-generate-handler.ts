import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { parseInstant } from '../../engine/data/segment-run-inputs.js';
import { scaffoldTest } from '../../engine/testing/segment-test-scaffold.js';
import { topLevelClauseTexts } from '../../engine/testing/segment-witness.js';
import { GENERATE_PROFILE_REQUEST, type GenerateProfileParams, type GenerateProfileResponse } from '../../shared/segment-protocol.js';
import { isSegmentFile, type SegmentFile } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import { contradictionsOf } from '../validation/segment-contradictions-of.js';

/**
 * `segment/generateProfile`: a `test` declaration with a generated profile for a segment (matching,
 * or a near miss of one top-level clause), to insert after the segment. The profile is verified by
 * the evaluator before it is offered; an unsatisfiable segment is reported with its contradictions.
 * `now` is the project's (segment.config.json), else the current second, written into the test.
 * Node-only (the engine reads files), so src/language/main.ts wires it.
 */
export async function generateProfile(shared: LangiumSharedServices, params: GenerateProfileParams, clock = () => new Date()): Promise<GenerateProfileResponse> {
    const { workspace } = shared;
    await workspace.WorkspaceManager.ready;
    const uri = URI.parse(params.uri);
    if (!workspace.LangiumDocuments.hasDocument(uri)) {
        return { status: 'not-found', message: `${params.uri} is not a .segment document the language server knows.` };
    }
    await workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri);
    const document = workspace.LangiumDocuments.getDocument(uri) as LangiumDocument<SegmentFile>;
    const segment = document.parseResult.value.segments.find(s => s.name === params.segment);
    if (!segment) {
        return { status: 'not-found', message: `No segment '${params.segment}' in this file.` };
    }
    const config = (shared.ServiceRegistry.getServices(uri) as SegmentServices).schema.SchemaProvider.schemasFor(uri).config;
    const now = config?.now ? parseInstant(config.now, '`now` in segment.config.json') : new Date(Math.floor(clock().getTime() / 1000) * 1000);
    const workspaceSegments = workspace.LangiumDocuments.all.flatMap(d => isSegmentFile(d.parseResult.value) ? d.parseResult.value.segments : []).toArray();
    const options = { now, timeZone: config?.timeZone, workspaceSegments };
    if (params.clause !== undefined && params.clauseText !== undefined && topLevelClauseTexts(segment, options)[params.clause] !== params.clauseText) {
        return { status: 'not-found', message: `The clause "${params.clauseText}" is not a top-level clause of '${segment.name}' any more.` };
    }
    const { text, message } = scaffoldTest(segment, options, params.clause === undefined ? { kind: 'match' } : { kind: 'near-miss', clause: params.clause });
    if (text) {
        return { status: 'ok', position: { line: (segment.$cstNode?.range.end.line ?? 0) + 1, character: 0 }, text: `\n${text}` };
    }
    // Files of the workspace that were never opened are not validated: validate here (without changing the document).
    const diagnostics = document.state >= DocumentState.Validated
        ? document.diagnostics ?? []
        : await shared.ServiceRegistry.getServices(uri).validation.DocumentValidator.validateDocument(document);
    const contradictions = params.clause === undefined ? contradictionsOf(diagnostics, segment) : [];
    return {
        status: 'not-found',
        message: contradictions.length > 0
            ? `'${segment.name}' can match no profile (unsatisfiable): ${contradictions.map(c => `line ${c.line}: ${c.message}`).join(' ')}`
            : message!,
    };
}

/** Registers the request on the connection; call after `startLanguageServer`. */
export function registerGenerateRequest(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(GENERATE_PROFILE_REQUEST, (params: GenerateProfileParams) => generateProfile(shared, params));
}
