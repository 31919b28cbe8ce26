import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DIAGNOSTICS, type DiagnosticDefinition } from '../../src/language/validation/segment-diagnostics.js';
import { createParser } from '../helpers/segment-test-services.js';
import { URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { createSegmentServices } from '../../src/language/segment-module.js';

const DOC = 'docs/diagnostics.md';

/** docs/diagnostics.md is generated from the catalog: `npm run docs` rewrites it, this test keeps it in sync. */
function render(): string {
    const entries = Object.entries(DIAGNOSTICS) as Array<[string, DiagnosticDefinition]>;
    const groups = [...new Set(entries.map(([code]) => code.split('/')[0]))];
    const lines = [
        '# Diagnostics catalog',
        '',
        '<!-- Generated from src/language/validation/segment-diagnostics.ts by `npm run docs`; do not edit by hand. -->',
        '',
        'Every diagnostic of the language server and of `segment check` carries one of these stable codes.',
        'Codes starting with `syntax/` are lexer and parser errors; the others are checks on a parsed file.',
        '`segment check --format sarif` publishes the same table as SARIF rules.',
        '',
        '| code | severity | title |',
        '|---|---|---|',
        ...entries.map(([code, d]) => `| [\`${code}\`](#${anchor(code)}) | ${d.severity} | ${d.title} |`),
    ];
    for (const group of groups) {
        lines.push('', `## ${group}/`);
        for (const [code, d] of entries.filter(([c]) => c.startsWith(group + '/'))) {
            const file = /^([\w.-]+\.json): (.*)$/su.exec(d.example);
            const example = d.example.startsWith('segment') || file ? (file ? file[2] : d.example) : `segment example {\n    where: ${d.example}\n}`;
            const language = file ? 'json' : 'segment';
            lines.push('', `### ${code}`, '', `**${d.severity}** — ${d.title}.`, '', d.help, '', file ? `Example (\`${file[1]}\`):` : 'Example:', '', '```' + language, example, '```', '',
                `Fix: ${d.fix}`);
        }
    }
    return lines.join('\n') + '\n';
}

function anchor(code: string): string {
    return code.replace(/[^a-z0-9 -]/giu, '').toLowerCase();
}

test('docs/diagnostics.md lists every code of the catalog (npm run docs regenerates it)', () => {
    const expected = render();
    if (process.env.UPDATE_DOCS) {
        writeFileSync(DOC, expected);
    }
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
});

/**
 * `config/…` examples are a file (`segment.config.json: {…}` or `x.schema.json: {…}`) next to a
 * segment; their diagnostics are on the config, not on the segment.
 */
async function codesWithProjectFile(name: string, content: string): Promise<string[]> {
    const fileSystem = new VirtualFileSystemProvider();
    const { shared, Segment } = createSegmentServices({ fileSystemProvider: () => fileSystem });
    fileSystem.insert(`file:///ws/${name}`, content);
    if (name !== 'segment.config.json') {
        fileSystem.insert('file:///ws/segment.config.json', JSON.stringify({ schema: name }));
    }
    fileSystem.insert('file:///ws/s.segment', 'segment s {\n    where: person.birthYear > 1980\n}\n');
    const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse('file:///ws/s.segment'));
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return Segment.schema.SchemaProvider.loadedProblems().map(problem => problem.code);
}

describe('every catalog example triggers its own code', () => {
    const { parse, clear } = createParser();
    test.each(Object.entries(DIAGNOSTICS) as Array<[string, DiagnosticDefinition]>)('%s', async (code, definition) => {
        clear();
        const file = /^([\w.-]+\.json): (.*)$/su.exec(definition.example);
        if (file) {
            expect(await codesWithProjectFile(file[1], file[2])).toContain(code);
            return;
        }
        const example = definition.fullExample?.() ?? definition.example;
        const text = example.startsWith('segment') ? example : `segment example {\n    where: ${example}\n}`;
        const document = await parse(text, { validation: true });
        expect(document.diagnostics?.map(d => d.code)).toContain(code);
    });
});
