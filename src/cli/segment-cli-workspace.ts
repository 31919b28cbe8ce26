import { statSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SegmentFile } from '../language/generated/ast.js';
import { createSegmentServices, type SegmentServices } from '../language/segment-module.js';

/** A usage or input problem: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out']);

/** The `.segment` files named by the arguments; folders are searched recursively. */
export function collectSegmentFiles(paths: string[]): string[] {
    const files: string[] = [];
    const visit = (target: string, explicit: boolean): void => {
        let stat;
        try {
            stat = statSync(target);
        } catch {
            throw new UsageError(`Cannot read '${target}': no such file or folder.`);
        }
        if (stat.isDirectory()) {
            for (const entry of readdirSync(target).sort()) {
                if (!SKIPPED_FOLDERS.has(entry)) {
                    visit(path.join(target, entry), false);
                }
            }
        } else if (explicit || target.endsWith('.segment')) {
            files.push(path.resolve(target));
        }
    };
    paths.forEach(p => visit(p, true));
    return [...new Set(files)];
}

export interface CliWorkspace {
    services: SegmentServices;
    /** The documents the user asked for, in argument order. */
    documents: Array<LangiumDocument<SegmentFile>>;
}

/**
 * Loads the requested files together with every other `.segment` file of the workspace root
 * (so that `inSegment` references across files resolve, as in the editor) and validates them.
 */
export async function loadWorkspace(files: string[], root = process.cwd()): Promise<CliWorkspace> {
    const { shared, Segment } = createSegmentServices(NodeFileSystem);
    const requested = new Set(files.map(f => path.resolve(f)));
    const neighbours = isInside(root, files) ? collectSegmentFiles([root]) : [];
    const all = [...requested, ...neighbours.filter(f => !requested.has(f))];
    const documents = shared.workspace.LangiumDocuments;
    const loaded = await Promise.all(all.map(f => documents.getOrCreateDocument(URI.file(f))));
    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    const byPath = new Map(loaded.map(d => [d.uri.fsPath, d as LangiumDocument<SegmentFile>]));
    return { services: Segment, documents: [...requested].map(f => byPath.get(f)!) };
}

function isInside(root: string, files: string[]): boolean {
    const base = path.resolve(root) + path.sep;
    return files.every(f => path.resolve(f).startsWith(base));
}

/** A diagnostic as the CLI reports it: 1-based lines and columns, path relative to the working folder. */
export interface CliDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
}

const SEVERITIES = ['error', 'error', 'warning', 'info', 'hint'] as const;

export function toCliDiagnostic(document: LangiumDocument, diagnostic: Diagnostic): CliDiagnostic {
    const { start, end } = diagnostic.range;
    return {
        file: path.relative(process.cwd(), document.uri.fsPath) || document.uri.fsPath,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: SEVERITIES[diagnostic.severity ?? 1],
        code: String(diagnostic.code ?? 'unknown'),
        message: diagnostic.message,
    };
}

/** All diagnostics of the documents, sorted by file and position. */
export function collectDiagnostics(documents: LangiumDocument[]): CliDiagnostic[] {
    return documents
        .flatMap(d => (d.diagnostics ?? []).map(diag => toCliDiagnostic(d, diag)))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function formatDiagnosticText(d: CliDiagnostic): string {
    return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}
