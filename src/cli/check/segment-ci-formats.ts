import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTICS, type DiagnosticDefinition } from '../../language/validation/segment-diagnostics.js';
import type { CliDiagnostic } from '../segment-cli-workspace.js';

/** Where a SARIF result's relative `uri` is rooted: the folder `segment check` ran in. */
export const SARIF_ROOT = '%SRCROOT%';

const SARIF_LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** Tool facts written into SARIF's `tool.driver`. */
export interface ToolInfo {
    version: string;
    informationUri: string;
}

/**
 * A SARIF 2.1.0 log of the diagnostics, for GitHub code scanning and other SARIF viewers.
 * The rules are the whole diagnostics catalog (read at call time, so new codes appear without
 * changes here) plus an ad-hoc rule for any code the catalog lacks, so every result has a rule.
 * Columns count Unicode code points, like every CLI output (docs/cli.md).
 */
export function formatSarif(diagnostics: CliDiagnostic[], cwd = process.cwd(), tool: ToolInfo = toolInfo()): string {
    const catalog: Record<string, DiagnosticDefinition> = DIAGNOSTICS;
    const codes = [...Object.keys(catalog), ...new Set(diagnostics.map(d => d.code).filter(c => !(c in catalog)))];
    const rules = codes.map(code => sarifRule(code, catalog[code]));
    const ruleIndex = new Map(codes.map((code, i) => [code, i]));
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'segment', informationUri: tool.informationUri, version: tool.version, rules } },
            originalUriBaseIds: { [SARIF_ROOT]: { uri: pathToFileURL(cwd + path.sep).href } },
            columnKind: 'unicodeCodePoints',
            results: diagnostics.map(d => ({
                ruleId: d.code,
                ruleIndex: ruleIndex.get(d.code),
                level: SARIF_LEVELS[d.severity],
                message: { text: d.message },
                locations: [{ physicalLocation: { artifactLocation: artifactLocation(d.file, cwd), region: region(d) } }],
            })),
        }],
    };
    return JSON.stringify(log, undefined, 2);
}

function sarifRule(code: string, definition: DiagnosticDefinition | undefined): object {
    if (!definition) {
        return { id: code, shortDescription: { text: code }, defaultConfiguration: { level: 'error' } };
    }
    const markdown = `${definition.help}\n\n**Fix:** ${definition.fix}\n\nExample:\n\n\`\`\`\n${definition.example}\n\`\`\``;
    return {
        id: code,
        name: definition.title.replace(/(^|\s+)(\w)/g, (_m, _s, c: string) => c.toUpperCase()).replace(/\W/g, ''),
        shortDescription: { text: definition.title },
        fullDescription: { text: plain(definition.help), markdown: definition.help },
        help: { text: `${plain(definition.help)} Fix: ${plain(definition.fix)}`, markdown },
        defaultConfiguration: { level: SARIF_LEVELS[definition.severity] },
        properties: { tags: [code.split('/')[0]] },
    };
}

/** The catalog writes Markdown; SARIF's `text` fields are plain, so code spans lose their backticks. */
function plain(markdown: string): string {
    return markdown.replace(/`([^`]*)`/g, '$1');
}

function artifactLocation(file: string, cwd: string): object {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(cwd, absolute);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
        return { uri: pathToFileURL(absolute).href };
    }
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SARIF_ROOT };
}

function region(d: CliDiagnostic): object {
    return { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns into
 * annotations on the pull request. Info and hint diagnostics become notices.
 */
export function formatGithub(diagnostics: CliDiagnostic[]): string {
    const commands = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
    return diagnostics.map(d => {
        const properties = [
            ['file', d.file.split(path.sep).join('/')], ['line', d.line], ['col', d.column],
            ['endLine', d.endLine], ['endColumn', d.endColumn], ['title', d.code],
        ].map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
        return `::${commands[d.severity]} ${properties}::${escapeData(d.message)}`;
    }).join('\n');
}

/** GitHub's escaping of a command's message (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command property's value (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The `segment check` formats this file adds. */
export const CI_FORMATS: Record<string, (diagnostics: CliDiagnostic[]) => string> = {
    sarif: diagnostics => formatSarif(diagnostics),
    github: formatGithub,
};

/**
 * Version and home page from the package.json next to the running CLI (out/cli/main.cjs or the
 * sources under test), found by walking up; fixed fallbacks keep the log valid without one.
 */
export function toolInfo(): ToolInfo {
    const start = typeof __dirname === 'string' ? __dirname : path.dirname(process.argv[1] ?? '.');
    for (let dir = start; ; dir = path.dirname(dir)) {
        const file = path.join(dir, 'package.json');
        if (existsSync(file)) {
            const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string; repository?: { url?: string } };
            if (pkg.name === 'segment-language') {
                const home = pkg.homepage ?? pkg.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
                return { version: pkg.version ?? '0.0.0', informationUri: home ?? FALLBACK_HOME };
            }
        }
        if (path.dirname(dir) === dir) {
            return { version: '0.0.0', informationUri: FALLBACK_HOME };
        }
    }
}

const FALLBACK_HOME = 'https://example.invalid/segment-language';
