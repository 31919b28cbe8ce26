import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AstUtils, EmptyFileSystem } from 'langium';
import { isInSegmentExpression, type SegmentFile } from '../language/generated/ast.js';
import { formatSegmentText } from '../language/lsp/segment-formatter.js';
import { createSegmentServices, type SegmentServices } from '../language/segment-module.js';
import { keywordSpellings } from '../language/segment-parser.js';
import { definitionsIn, evaluationMethodOf, type AepSegmentDefinitionResponse } from './segment-aep-payload.js';
import { collectDiagnostics, formatDiagnosticText, loadWorkspace, UsageError } from './segment-cli-workspace.js';

export const IMPORT_USAGE = `segment import <payload.json> [--out <dir>]
  Writes one .segment file per definition of an AEP payload: a single definition, a
  GET /segment/definitions page ({"segments": […]}) or an audiences list ({"children": […]} or […]).
  --out: the folder to write to (default: the current folder); files of the same name are replaced.
  Exit 0: every definition imported and valid; 1: some skipped (e.g. pql/json) or invalid; 2: bad usage.`;

/** A definition turned into `.segment` source. */
export interface ImportedSegment {
    id: string;
    source: string;
}

/** A definition that cannot be imported, and why. */
export interface SkippedDefinition {
    label: string;
    reason: string;
}

/** `segment import`: writes the files, then validates them as `segment check` would. */
export async function importCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', default: '.' } } });
    if (positionals.length !== 1) {
        throw new UsageError('segment import needs exactly one JSON file.');
    }
    const { imported, skipped } = importDefinitions(readPayload(positionals[0]));
    skipped.forEach(s => process.stderr.write(`warning: skipped ${s.label}: ${s.reason}\n`));
    const out = values.out!;
    mkdirSync(out, { recursive: true });
    const files = imported.map(segment => {
        const file = path.join(out, `${segment.id}.segment`);
        writeFileSync(file, segment.source);
        process.stdout.write(file + '\n');
        return file;
    });
    const errors = files.length > 0 ? await validate(files, out) : 0;
    process.stderr.write(`Imported ${imported.length} of ${imported.length + skipped.length} definition(s) into ${out}`
        + `${errors > 0 ? `; the written files have ${errors} error(s)` : ''}.\n`);
    return skipped.length > 0 || errors > 0 || imported.length === 0 ? 1 : 0;
}

function readPayload(file: string): AepSegmentDefinitionResponse[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch {
        throw new UsageError(`Cannot read '${file}'.`);
    }
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new UsageError(`'${file}' is not JSON: ${(error as Error).message}`);
    }
    const definitions = definitionsIn(document);
    if (!definitions) {
        throw new UsageError(`'${file}' holds no segment definition: expected a definition, {"segments": […]}, {"children": […]} or an array.`);
    }
    return definitions;
}

async function validate(files: string[], out: string): Promise<number> {
    const { documents } = await loadWorkspace(files, { root: out });
    const diagnostics = collectDiagnostics(documents).filter(d => d.severity === 'error' || d.severity === 'warning');
    diagnostics.forEach(d => process.stderr.write(formatDiagnosticText(d, process.stderr) + '\n'));
    return diagnostics.filter(d => d.severity === 'error').length;
}

/**
 * Turns AEP definitions into `.segment` sources. Ids are slugs of the names, unique in the batch.
 * `inSegment("<uuid>")` naming another definition of the same batch is rewritten to that segment's
 * local id, so the editor can navigate and the evaluator can compute it; `segment export` turns it
 * back into the UUID through the target's `aepId`, so the round trip gives back the original text.
 */
export function importDefinitions(definitions: AepSegmentDefinitionResponse[], services = createSegmentServices(EmptyFileSystem).Segment): {
    imported: ImportedSegment[];
    skipped: SkippedDefinition[];
} {
    const skipped: SkippedDefinition[] = [];
    const accepted = definitions.filter(definition => {
        const reason = unsupportedReason(definition);
        if (reason) {
            skipped.push({ label: labelOf(definition), reason });
        }
        return !reason;
    });
    const keywords = new Set(keywordSpellings(services.Grammar).keys());
    const taken = new Set<string>();
    const ids = accepted.map(definition => uniqueId(slug(definition.name ?? definition.id ?? ''), keywords, taken));
    const localIds = new Map<string, string>();
    accepted.forEach((definition, i) => [definition.id, definition.audienceId].forEach(uuid => uuid && localIds.set(uuid, ids[i])));
    const imported = accepted.map((definition, i) => {
        const source = rewriteReferences(services, segmentSource(ids[i], definition), localIds);
        return { id: ids[i], source: formatSegmentText(services, source) };
    });
    return { imported, skipped };
}

function unsupportedReason(definition: AepSegmentDefinitionResponse): string | undefined {
    const expression = definition.expression;
    if (!expression || typeof expression.value !== 'string') {
        return 'it has no expression (an external or uploaded audience?).';
    }
    if (expression.type !== undefined && expression.type !== 'PQL') {
        return `expression type '${expression.type}' is not PQL.`;
    }
    if (expression.format === 'pql/json') {
        return 'pql/json expressions are not supported yet; convert it to pql/text with AEP\'s POST /segment/conversion first.';
    }
    if (expression.format !== undefined && expression.format !== 'pql/text') {
        return `expression format '${expression.format}' is not supported.`;
    }
    return undefined;
}

function labelOf(definition: AepSegmentDefinitionResponse): string {
    const id = definition.id ?? definition.audienceId;
    return `'${definition.name ?? '(unnamed)'}'${id ? ` (${id})` : ''}`;
}

/** `"Checkout in the last 24 h!"` → `checkout_in_the_last_24_h`: a valid `ID`, lower-case words. */
export function slug(name: string): string {
    const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    // Long names are cut at a word boundary, so ids stay readable in `inSegment("…")`.
    const cut = words.length > 60 ? words.slice(0, words.lastIndexOf('_', 60) > 20 ? words.lastIndexOf('_', 60) : 60) : words;
    const id = cut.replace(/_+$/, '') || 'imported';
    return /^[0-9]/.test(id) ? `segment_${id}` : id;
}

/** A slug that no earlier segment of the batch uses and that is not a keyword (`segment`, `and` …). */
function uniqueId(base: string, keywords: Set<string>, taken: Set<string>): string {
    const root = keywords.has(base.toLowerCase()) ? `${base}_segment` : base;
    let id = root;
    for (let n = 2; taken.has(id); n++) {
        id = `${root}_${n}`;
    }
    taken.add(id);
    return id;
}

/** The `.segment` text of one definition, before formatting. */
function segmentSource(id: string, definition: AepSegmentDefinitionResponse): string {
    const lines = [`segment ${id} {`];
    if (definition.name !== undefined) {
        lines.push(`    name: ${segmentString(definition.name)}`);
    }
    if (definition.description) {
        lines.push(`    description: ${segmentString(definition.description)}`);
    }
    lines.push(`    evaluation: ${evaluationMethodOf(definition.evaluationInfo)}`);
    const aepId = definition.id ?? definition.audienceId;
    if (aepId) {
        lines.push(`    aepId: ${segmentString(aepId)}`);
    }
    // PQL strings cannot span lines, so re-indenting the condition's lines changes only whitespace.
    const condition = definition.expression!.value!.trim().split(/\r?\n/).map(l => l.trim()).filter(l => l).join('\n        ');
    lines.push(`    where: ${condition}`, '}', '');
    return lines.join('\n');
}

/** A `.segment` string literal: Langium's value converter reads `\\`, `\"`, `\n`, `\r`, `\t`. */
function segmentString(value: string): string {
    const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return `"${value.replace(/[\\"\n\r\t]/g, c => escapes[c])}"`;
}

function rewriteReferences(services: SegmentServices, source: string, localIds: Map<string, string>): string {
    const file = services.parser.LangiumParser.parse<SegmentFile>(source).value;
    const edits = AstUtils.streamAst(file).filter(isInSegmentExpression)
        .map(e => ({ node: e.segment.$refNode, local: localIds.get(e.segment.$refText) }))
        .filter(e => e.node !== undefined && e.local !== undefined)
        .toArray()
        .sort((a, b) => b.node!.offset - a.node!.offset);
    return edits.reduce((text, e) => text.slice(0, e.node!.offset) + `"${e.local}"` + text.slice(e.node!.end), source);
}
