import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SegmentFile } from '../language/generated/ast.js';
import { SEGMENT_CONFIG_FILE } from '../language/segment-config.js';
import { createSegmentServices, type SegmentServices } from '../language/segment-module.js';
import { SegmentNodeFileSystem } from '../language/workspace/segment-node-file-system.js';
import { configDiagnostic } from '../language/validation/segment-config-validation.js';
import type { SchemaProblem } from '../language/schema/segment-schema-provider.js';
import { codePointColumn, codePointColumnIn } from './segment-cli-columns.js';
import { findSegmentFiles } from './segment-cli-files.js';
import { paintSeverity, painterFor } from './segment-cli-colors.js';

export { UsageError } from './segment-cli-usage-error.js';

export interface CliWorkspace {
    /** The services of the first file's project (commands that take one file use these). */
    services: SegmentServices;
    /** The documents the user asked for, in argument order. */
    documents: Array<LangiumDocument<SegmentFile>>;
    /**
     * Problems of the projects' segment.config.json files and the schemas they name: each once, on
     * the config (`segment.config.json:2:15`), not on every file it governs (segment-config-validation.ts).
     */
    configDiagnostics: CliDiagnostic[];
}

/** Where the projects of a command's files are (see loadWorkspace). */
export interface ProjectScope {
    /** The one project folder of every file (import validates its output folder as one project). */
    root?: string;
    /** The folders named on the command line: without a config, a file's project is the outermost of them that holds it. */
    folders?: string[];
    /**
     * Other folders named on the command line. With `folders` and the working folder they are the
     * CLI's workspace folders: a config inside one may name paths anywhere inside it.
     */
    opened?: string[];
}

/**
 * Loads the requested files together with the other `.segment` files of their project (so that
 * `inSegment` references across files resolve, as in the editor) and validates them. A file's
 * project (docs/ci.md, "What a project is") is the folder of the nearest `segment.config.json`
 * above it; without one, the outermost folder named on the command line that holds the file
 * (`segment check proj/` sees all of `proj/`, as the editor does with `proj/` open), else the
 * file's own folder. Each project gets its own services, as each would be its own workspace in
 * the editor: ids may repeat across projects, and references never cross them.
 */
export async function loadWorkspace(files: string[], scope: ProjectScope = {}): Promise<CliWorkspace> {
    const requested = [...new Set(files.map(f => path.resolve(f)))];
    const folders = (scope.folders ?? []).map(f => path.resolve(f)).sort((a, b) => a.length - b.length);
    const projects = new Map<string, string[]>();
    for (const file of requested) {
        const key = scope.root ? path.resolve(scope.root) : projectRoot(path.dirname(file), folders);
        projects.set(key, [...(projects.get(key) ?? []), file]);
    }
    const byPath = new Map<string, LangiumDocument<SegmentFile>>();
    const configDiagnostics = new Map<string, CliDiagnostic>();
    let first: SegmentServices | undefined;
    for (const [projectFolder, projectFiles] of projects) {
        const { shared, Segment } = createSegmentServices(SegmentNodeFileSystem);
        // The working folder is the CLI's workspace folder: a config inside it may name paths anywhere in it.
        Segment.schema.SchemaProvider.workingFolders = [process.cwd(), ...folders, ...(scope.opened ?? [])].map(f => URI.file(path.resolve(f)));
        first ??= Segment;
        const neighbours = projectFiles.length > 0 ? projectSegmentFiles(projectFolder) : [];
        const all = [...new Set([...projectFiles, ...neighbours])];
        const loaded = await Promise.all(all.map(f => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(f))));
        await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
        loaded.filter(d => projectFiles.includes(d.uri.fsPath)).forEach(d => byPath.set(d.uri.fsPath, d as LangiumDocument<SegmentFile>));
        for (const problem of Segment.schema.SchemaProvider.loadedProblems()) {
            const diagnostic = toCliConfigDiagnostic(problem);
            configDiagnostics.set(JSON.stringify(diagnostic), diagnostic);
        }
    }
    return {
        services: first ?? createSegmentServices(SegmentNodeFileSystem).Segment,
        documents: requested.map(f => byPath.get(f)!),
        configDiagnostics: [...configDiagnostics.values()],
    };
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
    return findSegmentFiles([folder]).files.filter(file => !nested(file));
}

/** The folder of the nearest segment.config.json above `folder`, else the outermost of `folders` holding it, else `folder`. */
export function projectRoot(folder: string, folders: string[] = []): string {
    for (let current = folder; ; current = path.dirname(current)) {
        if (existsSync(path.join(current, SEGMENT_CONFIG_FILE))) {
            return current;
        }
        if (path.dirname(current) === current) {
            return folders.find(f => folder === f || folder.startsWith(f + path.sep)) ?? folder;
        }
    }
}

/**
 * A diagnostic as the CLI reports it: 1-based lines and columns, path relative to the working folder.
 * A column counts Unicode characters (code points), so an emoji before an error is one column, not
 * the two UTF-16 code units the language server counts (docs/cli.md); a BOM is not part of the text.
 */
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
    return cliDiagnostic(document.uri, diagnostic, position => codePointColumn(document, position));
}

/** A configuration problem as the CLI reports it, columns counted in code points of the config's text. */
function toCliConfigDiagnostic(problem: SchemaProblem): CliDiagnostic {
    const text = readText(problem.file.fsPath);
    return cliDiagnostic(problem.file, configDiagnostic(problem), position => codePointColumnIn(text, position));
}

function cliDiagnostic(uri: URI, diagnostic: Diagnostic, column: (position: Diagnostic['range']['start']) => number): CliDiagnostic {
    const { start, end } = diagnostic.range;
    return {
        file: path.relative(process.cwd(), uri.fsPath) || uri.fsPath,
        line: start.line + 1,
        column: column(start),
        endLine: end.line + 1,
        endColumn: column(end),
        severity: SEVERITIES[diagnostic.severity ?? 1],
        code: String(diagnostic.code ?? 'unknown'),
        message: diagnostic.message,
    };
}

/** The text positions were computed on (without a BOM, as the schema provider reads it); empty when unreadable. */
function readText(file: string): string {
    try {
        return readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
    } catch {
        return '';
    }
}

/** All diagnostics of the documents and of their projects' configurations, sorted by file and position. */
export function collectDiagnostics(documents: LangiumDocument[], configDiagnostics: readonly CliDiagnostic[]): CliDiagnostic[] {
    return documents
        .flatMap(d => (d.diagnostics ?? []).map(diag => toCliDiagnostic(d, diag)))
        .concat(configDiagnostics)
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** `file:line:col severity code message`; the severity in colour when `stream` gets colour. */
export function formatDiagnosticText(d: CliDiagnostic, stream: NodeJS.WriteStream = process.stdout): string {
    return `${d.file}:${d.line}:${d.column} ${paintSeverity(painterFor(stream), d.severity)} ${d.code} ${d.message}`;
}
