import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AstUtils, type LangiumDocument } from 'langium';
import type { InSegmentExpression, SegmentDefinition, SegmentFile } from '../../language/generated/ast.js';
import { isAepAudienceId } from '../../language/references/segment-names.js';
import { printPql } from '../../language/segment-pql-printer.js';
import { evaluationInfoFor, PROFILE_SCHEMA, type AepSegmentDefinitionCreate } from './segment-aep-payload.js';
import {
    collectDiagnostics, formatDiagnosticText, loadWorkspace, toCliDiagnostic, UsageError, type CliDiagnostic,
} from '../segment-cli-workspace.js';
import { requestedSegmentFiles } from '../segment-cli-files.js';
import { segmentAepId, segmentCondition, segmentDescription, segmentEvaluation, segmentTitle } from '../../language/segment-properties.js';

export const EXPORT_USAGE = `segment export <files or folders…> [--segment <id>] [--format aep|pql] [--out <dir>]
  Prints each segment as an AEP Segmentation Service create payload (aep, the default) or as bare
  PQL (pql, one condition per line). One segment prints a JSON object, several a JSON array.
  --out writes one <id>.json (or <id>.pql) per segment instead.
  Exit 0: exported; 1: the files have errors or reference segments without aepId; 2: bad usage.`;

const FORMATS = ['aep', 'pql'] as const;

/** One segment ready for AEP: its id and the exact `expression.value`. */
export interface ExportedSegment {
    segment: SegmentDefinition;
    value: string;
}

/** `segment export`: nothing is written unless every requested segment can be exported. */
export async function exportCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true,
        options: { segment: { type: 'string' }, format: { type: 'string', default: 'aep' }, out: { type: 'string' } },
    });
    const format = values.format as typeof FORMATS[number];
    if (!FORMATS.includes(format)) {
        throw new UsageError(`--format: unknown format '${values.format}'; expected one of ${FORMATS.join(', ')}.`);
    }
    if (positionals.length === 0) {
        throw new UsageError('segment export needs a .segment file or a folder.');
    }
    const { files, unreadable } = requestedSegmentFiles(positionals);
    if (unreadable > 0) {
        process.stderr.write('segment export: nothing exported, some paths could not be read.\n');
        return 2;
    }
    const folders = positionals.filter(p => statSync(p).isDirectory());
    const { documents, configDiagnostics } = await loadWorkspace(files, { folders });
    const diagnostics = collectDiagnostics(documents, configDiagnostics).filter(d => d.severity === 'error' || d.severity === 'warning');
    diagnostics.forEach(d => process.stderr.write(formatDiagnosticText(d, process.stderr) + '\n'));
    if (diagnostics.some(d => d.severity === 'error')) {
        process.stderr.write('segment export: nothing exported, the files have errors.\n');
        return 1;
    }
    const segments = selectSegments(documents, values.segment);
    const problems: CliDiagnostic[] = [];
    const exported = segments.map(segment => ({ segment, value: exportCondition(segment, problems) }));
    if (problems.length > 0) {
        problems.forEach(d => process.stderr.write(formatDiagnosticText(d, process.stderr) + '\n'));
        process.stderr.write('segment export: nothing exported.\n');
        return 1;
    }
    if (values.out) {
        writeFiles(exported, format, values.out);
    } else {
        process.stdout.write(render(exported, format) + '\n');
    }
    return 0;
}

function selectSegments(documents: Array<LangiumDocument<SegmentFile>>, id: string | undefined): SegmentDefinition[] {
    const all = documents.flatMap(d => d.parseResult.value.segments);
    const selected = id === undefined ? all : all.filter(s => s.name === id);
    if (id !== undefined && selected.length === 0) {
        throw new UsageError(`No segment '${id}' in the given files (segments: ${all.map(s => s.name).join(', ') || 'none'}).`);
    }
    if (selected.length === 0) {
        throw new UsageError('The given files declare no segment.');
    }
    return selected;
}

/**
 * The condition as AEP expects it (see printPql). A reference to a local segment becomes that
 * segment's `aepId`; a local segment without one is not in AEP yet, so the reference cannot be
 * exported and a problem is recorded. Unresolved UUID-shaped references are AEP ids, kept as written.
 */
export function exportCondition(segment: SegmentDefinition, problems: CliDiagnostic[]): string {
    const condition = segmentCondition(segment);
    if (!condition) {
        return '';
    }
    return printPql(condition, {
        inSegmentId: (expression: InSegmentExpression) => {
            const target = expression.segment.ref;
            const aepId = target && segmentAepId(target);
            if (!target || aepId !== undefined || isAepAudienceId(expression.segment.$refText)) {
                return aepId;
            }
            problems.push(unpublishedReference(segment, expression, target));
            return undefined;
        },
    });
}

function unpublishedReference(segment: SegmentDefinition, expression: InSegmentExpression, target: SegmentDefinition): CliDiagnostic {
    const document = AstUtils.getDocument(expression);
    const range = (expression.segment.$refNode ?? expression.$cstNode)!.range;
    return toCliDiagnostic(document, {
        range, severity: 1, code: 'export/reference-without-aep-id',
        message: `Segment '${segment.name}' references '${target.name}', which has no aepId: create '${target.name}' in AEP first and add its id as \`aepId: "<uuid>"\`.`,
    });
}

/** The create payload of one segment: name (else the id), description, PQL text, profile schema, method. */
export function toAepPayload({ segment, value }: ExportedSegment): AepSegmentDefinitionCreate {
    const description = segmentDescription(segment);
    return {
        name: segmentTitle(segment) || segment.name,
        ...(description !== undefined ? { description } : {}),
        expression: { type: 'PQL', format: 'pql/text', value },
        schema: { ...PROFILE_SCHEMA },
        evaluationInfo: evaluationInfoFor(segmentEvaluation(segment)),
    };
}

function render(exported: ExportedSegment[], format: typeof FORMATS[number]): string {
    if (format === 'pql') {
        return exported.map(e => e.value).join('\n');
    }
    const payloads = exported.map(toAepPayload);
    return JSON.stringify(payloads.length === 1 ? payloads[0] : payloads, undefined, 2);
}

function writeFiles(exported: ExportedSegment[], format: typeof FORMATS[number], out: string): void {
    mkdirSync(out, { recursive: true });
    for (const e of exported) {
        const file = path.join(out, `${e.segment.name}.${format === 'pql' ? 'pql' : 'json'}`);
        writeFileSync(file, render([e], format) + '\n');
    }
    process.stderr.write(`Exported ${exported.length} segment(s) to ${out}.\n`);
}
