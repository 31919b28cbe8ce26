import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EmptyFileSystem } from 'langium';
import type { SegmentFile } from '../../language/generated/ast.js';
import { formatSegmentText } from '../../language/lsp/segment-formatter.js';
import { createSegmentServices, type SegmentServices } from '../../language/segment-module.js';
import { keywordSpellings } from '../../language/parser/segment-parser.js';
import { definitionsIn, evaluationMethodOf, type AepSegmentDefinitionResponse } from './segment-aep-payload.js';
import { painterFor } from '../segment-cli-colors.js';
import { findSegmentFiles } from '../segment-cli-files.js';
import { InputError } from '../segment-cli-usage-error.js';
import { collectDiagnostics, formatDiagnosticText, loadWorkspace, UsageError } from '../segment-cli-workspace.js';
import { importCondition } from './segment-import-condition.js';
import { outputFile, prepareOutputFolder, writeNewFile } from './segment-import-write.js';
import { segmentAepId, segmentTitle } from '../../language/segment-properties.js';
import { MAX_FILE_BYTES } from '../../language/workspace/segment-document-factory.js';

export const IMPORT_USAGE = `segment import <payload.json> [--out <dir>] [--force]
  Writes one .segment file per definition of an AEP payload: a single definition, a
  GET /segment/definitions page ({"segments": […]}) or an audiences list ({"children": […]} or […]).
  --out    the folder to write to (default: the current folder)
  --force  replace existing files (a symbolic link is replaced by a file, its target never written)
  Each expression must parse as exactly one PQL condition; the file is written from its parse tree.
  A definition whose AEP id (or name) matches a segment already in --out keeps that segment's id,
  and inSegment("<uuid>") becomes inSegment("<id>") for a segment of the payload or of --out.
  Prints each file as written, replaced or skipped.
  Exit 0: every definition imported and valid; 1: some skipped or invalid; 2: bad usage.`;

/** A definition turned into `.segment` source. */
export interface ImportedSegment {
    id: string;
    source: string;
    /** The file already holding this segment (alone), which a re-import replaces; default `<out>/<id>.segment`. */
    file?: string;
}

/** A definition that cannot be imported, and why. */
export interface SkippedDefinition {
    label: string;
    reason: string;
}

/** A segment already in the output folder: import keeps its id for the same AEP definition. */
export interface ExistingSegment {
    id: string;
    aepId?: string;
    title?: string;
    file?: string;
    /** Other segments share its file: a re-import would drop them, so it is skipped instead. */
    shared?: boolean;
}

/** `segment import`: writes the files (never over existing ones without --force), then validates them as `segment check` would. */
export async function importCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, options: { out: { type: 'string', default: '.' }, force: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) {
        throw new UsageError('segment import needs exactly one JSON file.');
    }
    const definitions = readPayload(positionals[0]);
    const out = values.out!;
    prepareOutputFolder(out);
    const services = createSegmentServices(EmptyFileSystem).Segment;
    const { imported, skipped, warnings } = importDefinitions(definitions, services, existingSegments(services, out));
    const paint = painterFor(process.stderr);
    skipped.forEach(s => process.stderr.write(`${paint.yellow('warning')}: skipped ${s.label}: ${s.reason}\n`));
    warnings.forEach(w => process.stderr.write(`${paint.yellow('warning')}: ${w}\n`));
    const outcomes = imported.map(segment => writeNewFile(segment.file ? path.relative(process.cwd(), segment.file) : outputFile(out, segment.id), segment.source, values.force!));
    for (const outcome of outcomes) {
        process.stdout.write(`${outcome.action} ${outcome.file}${outcome.reason ? `: ${outcome.reason}` : ''}\n`);
    }
    const written = outcomes.filter(o => o.action !== 'skipped').map(o => o.file);
    const errors = written.length > 0 ? await validate(written, out) : 0;
    const notWritten = outcomes.length - written.length;
    process.stderr.write(`Imported ${written.length} of ${definitions.length} definition(s) into ${out}`
        + `${notWritten > 0 ? `; ${notWritten} file(s) not replaced` : ''}${errors > 0 ? `; the written files have ${errors} error(s)` : ''}.\n`);
    return skipped.length > 0 || notWritten > 0 || errors > 0 || written.length === 0 ? 1 : 0;
}

/** The segments already in the output folder (parsed, not validated), so a re-import keeps their ids. */
function existingSegments(services: SegmentServices, out: string): ExistingSegment[] {
    if (!existsSync(out)) {
        return [];
    }
    // A file too large to read (segment-document-factory.ts) has no segments to keep: checking the output names it.
    return findSegmentFiles([out]).files.filter(file => statSync(file).size <= MAX_FILE_BYTES).flatMap(file => {
        const parsed = services.parser.LangiumParser.parse<SegmentFile>(readFileSync(file, 'utf8'));
        const segments = parsed.value.segments;
        return segments.map(s => ({ id: s.name, aepId: segmentAepId(s), title: segmentTitle(s), file, shared: segments.length > 1 }));
    });
}

function readPayload(file: string): AepSegmentDefinitionResponse[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(`Cannot read '${file}' (${code === 'EISDIR' ? 'it is a folder' : code}).`);
    }
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new InputError(`'${file}' is not JSON: ${(error as Error).message}`);
    }
    const definitions = definitionsIn(document);
    if (!definitions) {
        throw new InputError(`'${file}' holds no segment definition: expected a definition, {"segments": […]}, {"children": […]} or an array.`);
    }
    return definitions;
}

async function validate(files: string[], out: string): Promise<number> {
    const { documents, configDiagnostics } = await loadWorkspace(files, { root: out });
    const diagnostics = collectDiagnostics(documents, configDiagnostics).filter(d => d.severity === 'error' || d.severity === 'warning');
    diagnostics.forEach(d => process.stderr.write(formatDiagnosticText(d, process.stderr) + '\n'));
    return diagnostics.filter(d => d.severity === 'error').length;
}

/**
 * Turns AEP definitions into `.segment` sources. Ids are slugs of the names, unique in the batch,
 * except that a definition already imported into the output folder (same AEP id, else same name)
 * keeps its segment's id. `inSegment("<uuid>")` naming a definition of the batch or a segment of
 * the output folder (by its `aepId`) is rewritten to that local id, so the editor can navigate and
 * the evaluator can compute it; `segment export` turns it back into the UUID through the target's
 * `aepId`. A reference that resolves to nothing is kept and reported in `warnings`: locally such a
 * segment has no members, which can change what the condition means.
 */
export function importDefinitions(
    definitions: AepSegmentDefinitionResponse[],
    services = createSegmentServices(EmptyFileSystem).Segment,
    existing: ExistingSegment[] = [],
): { imported: ImportedSegment[]; skipped: SkippedDefinition[]; warnings: string[] } {
    const skipped: SkippedDefinition[] = [];
    const accepted = definitions.filter(definition => {
        const reason = malformedReason(definition) ?? unsupportedReason(definition);
        if (reason) {
            skipped.push({ label: labelOf(definition), reason });
        }
        return !reason;
    });
    const keywords = new Set(keywordSpellings(services.Grammar).keys());
    const previous = accepted.map(d => existing.find(e => e.aepId !== undefined && e.aepId === aepIdOf(d)) ?? existing.find(e => e.title !== undefined && e.title === d.name && (e.aepId === undefined || aepIdOf(d) === undefined)));
    const taken = new Set<string>(existing.map(e => e.id).filter(id => !previous.some(p => p?.id === id)));
    const ids = accepted.map((definition, i) => previous[i]?.id ?? uniqueId(slug(definition.name ?? aepIdOf(definition) ?? ''), keywords, taken));
    previous.forEach(p => p && taken.add(p.id));
    const localIds = new Map<string, string>();
    existing.forEach(e => e.aepId && localIds.set(e.aepId, e.id));
    accepted.forEach((definition, i) => [definition.id, definition.audienceId].forEach(uuid => uuid && localIds.set(uuid, ids[i])));
    const knownIds = new Set([...ids, ...existing.map(e => e.id)]);
    const imported: ImportedSegment[] = [];
    const warnings: string[] = [];
    accepted.forEach((definition, i) => {
        if (previous[i]?.shared) {
            skipped.push({ label: labelOf(definition), reason: `segment ${ids[i]} shares ${previous[i]!.file} with other segments; update it there.` });
            return;
        }
        const condition = importCondition(services, definition.expression!.value!, localIds, knownIds);
        if ('reason' in condition) {
            skipped.push({ label: labelOf(definition), reason: condition.reason });
            return;
        }
        condition.unresolved.forEach(reference => warnings.push(`${labelOf(definition)}: inSegment("${reference}") names no definition of the payload `
            + 'and no segment of the output folder (by id or aepId); locally it has no members, so the condition may not mean what it means in AEP.'));
        imported.push({ id: ids[i], source: formatSegmentText(services, segmentSource(ids[i], definition, condition.text)), file: previous[i]?.file });
    });
    return { imported, skipped, warnings };
}

function aepIdOf(definition: AepSegmentDefinitionResponse): string | undefined {
    return definition.id ?? definition.audienceId;
}

/** A field of the wrong JSON type: named precisely, so the user can fix the payload. */
function malformedReason(definition: AepSegmentDefinitionResponse): string | undefined {
    const fields = definition as Record<string, unknown>;
    for (const key of ['id', 'audienceId', 'name', 'description'] as const) {
        if (fields[key] !== undefined && fields[key] !== null && typeof fields[key] !== 'string') {
            return `"${key}" is ${describeJson(fields[key])}, expected a string.`;
        }
    }
    const expression = fields.expression;
    if (expression !== undefined && (typeof expression !== 'object' || expression === null || Array.isArray(expression))) {
        return `"expression" is ${describeJson(expression)}, expected an object such as {"type": "PQL", "format": "pql/text", "value": "…"}.`;
    }
    const value = (expression as Record<string, unknown> | undefined)?.value;
    if (value !== undefined && typeof value !== 'string') {
        return `"expression.value" is ${describeJson(value)}, expected a string of PQL.`;
    }
    return undefined;
}

function describeJson(value: unknown): string {
    return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
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
    const id = aepIdOf(definition);
    const name = typeof definition.name === 'string' ? definition.name : '(unnamed)';
    return `'${name}'${typeof id === 'string' ? ` (${id})` : ''}`;
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

/** The `.segment` text of one definition, before formatting; `condition` was printed from its parse tree. */
function segmentSource(id: string, definition: AepSegmentDefinitionResponse, condition: string): string {
    const lines = [`segment ${id} {`];
    if (typeof definition.name === 'string') {
        lines.push(`    name: ${segmentString(definition.name)}`);
    }
    if (definition.description) {
        lines.push(`    description: ${segmentString(definition.description)}`);
    }
    lines.push(`    evaluation: ${evaluationMethodOf(definition.evaluationInfo)}`);
    const aepId = aepIdOf(definition);
    if (aepId) {
        lines.push(`    aepId: ${segmentString(aepId)}`);
    }
    lines.push(`    where: ${condition}`, '}', '');
    return lines.join('\n');
}

/** A `.segment` string literal: Langium's value converter reads `\\`, `\"`, `\n`, `\r`, `\t`. */
function segmentString(value: string): string {
    const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return `"${value.replace(/[\\"\n\r\t]/g, c => escapes[c])}"`;
}
