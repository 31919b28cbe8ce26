import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SegmentFile } from '../language/generated/ast.js';
import { SEGMENT_CONFIG_FILE } from '../language/segment-config.js';
import { createSegmentServices, type SegmentServices } from '../language/segment-module.js';

/** A usage or input problem: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out']);

/** The `.segment` files named by the arguments; folders are searched recursively. */
export function collectSegmentFiles(paths: string[]): string[] {
    const files: string[] = [];
    const visit = (target: string, explicit: boolean): void => {
        let stat;
        let entries: string[] = [];
        try {
            stat = statSync(target);
            entries = stat.isDirectory() ? readdirSync(target).sort() : [];
        } catch {
            if (explicit) {
                throw new UsageError(`Cannot read '${target}': no such file or folder.`);
            }
            // Found while searching a folder (a dangling link, a folder we may not read): not the user's concern.
            return;
        }
        if (stat.isDirectory()) {
            for (const entry of entries) {
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
    /** The services of the first file's project (commands that take one file use these). */
    services: SegmentServices;
    /** The documents the user asked for, in argument order. */
    documents: Array<LangiumDocument<SegmentFile>>;
}

/**
 * Loads the requested files together with the other `.segment` files of their project (so that
 * `inSegment` references across files resolve, as in the editor) and validates them. A file's
 * project is the folder of the nearest `segment.config.json` above it, else the file's own folder;
 * `root` overrides that. Each project gets its own services, as each would be its own workspace
 * in the editor: ids may repeat across projects, and references never cross them.
 */
export async function loadWorkspace(files: string[], root?: string): Promise<CliWorkspace> {
    const requested = [...new Set(files.map(f => path.resolve(f)))];
    const projects = new Map<string, string[]>();
    for (const file of requested) {
        const key = root ? path.resolve(root) : projectRoot(path.dirname(file));
        projects.set(key, [...(projects.get(key) ?? []), file]);
    }
    const byPath = new Map<string, LangiumDocument<SegmentFile>>();
    let first: SegmentServices | undefined;
    for (const [projectFolder, projectFiles] of projects) {
        const { shared, Segment } = createSegmentServices(NodeFileSystem);
        first ??= Segment;
        const neighbours = projectFiles.length > 0 ? projectSegmentFiles(projectFolder) : [];
        const all = [...new Set([...projectFiles, ...neighbours])];
        const loaded = await Promise.all(all.map(f => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(f))));
        await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
        loaded.filter(d => projectFiles.includes(d.uri.fsPath)).forEach(d => byPath.set(d.uri.fsPath, d as LangiumDocument<SegmentFile>));
    }
    return { services: first ?? createSegmentServices(NodeFileSystem).Segment, documents: requested.map(f => byPath.get(f)!) };
}

/** The `.segment` files of a project: below its folder, leaving out nested projects (folders with their own config). */
function projectSegmentFiles(folder: string): string[] {
    const nested = (file: string): boolean => {
        for (let current = path.dirname(file); current.length > folder.length; current = path.dirname(current)) {
            if (existsSync(path.join(current, SEGMENT_CONFIG_FILE))) {
                return true;
            }
        }
        return false;
    };
    return collectSegmentFiles([folder]).filter(file => !nested(file));
}

/** The folder of the nearest segment.config.json above `folder`, else `folder` itself. */
export function projectRoot(folder: string): string {
    for (let current = folder; ; current = path.dirname(current)) {
        if (existsSync(path.join(current, SEGMENT_CONFIG_FILE))) {
            return current;
        }
        if (path.dirname(current) === current) {
            return folder;
        }
    }
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
