import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import { DIAGNOSTICS } from '../../src/language/validation/segment-diagnostics.js';
import { createSegmentServices } from '../../src/language/segment-module.js';

/**
 * Data-driven validation tests: every test/resources/validation/**\/*.segment file is checked and its
 * diagnostics must be exactly those its comments announce. Convention:
 *
 *     // expect: <code> "<part of the message>"
 *
 * announces one diagnostic starting on the next line that is not itself an `expect` comment; a block
 * of `expect` comments at the very top of a file announces file-level diagnostics (line 1).
 *
 *     // expect at segment.config.json:<line>:<column>: <code> "<part of the message>"
 *
 * announces a diagnostic of the folder's segment.config.json (configuration problems are reported
 * there, once, not on the files it governs), 1-based, columns in UTF-16 units as the editor has them.
 * Segments without expectations are the passing cases. Each folder is its own workspace (so a
 * folder's segment.config.json applies to its files).
 */
const root = path.resolve(__dirname, '../resources/validation');

interface Expectation {
    line: number;
    code: string;
    message: string;
    /** A diagnostic of another file (segment.config.json), and its 0-based column there. */
    file?: string;
    character?: number;
}

const CONFIG_PATTERN = /^\s*\/\/ expect at ([\w.-]+):(\d+):(\d+): (\S+) "((?:\\.|[^"\\])*)"\s*$/u;

function segmentFiles(folder: string): string[] {
    return readdirSync(folder).flatMap(entry => {
        const full = path.join(folder, entry);
        return statSync(full).isDirectory() ? segmentFiles(full) : entry.endsWith('.segment') ? [full] : [];
    });
}

export function parseExpectations(text: string): Expectation[] {
    const lines = text.split('\n');
    const pattern = /^\s*\/\/ expect: (\S+) "((?:\\.|[^"\\])*)"\s*$/u;
    const result: Expectation[] = [];
    let pending: Array<Omit<Expectation, 'line'>> = [];
    let leading = true;
    lines.forEach((line, index) => {
        const elsewhere = CONFIG_PATTERN.exec(line);
        if (elsewhere) {
            const [, file, row, column, code, message] = elsewhere;
            result.push({ file, line: Number(row) - 1, character: Number(column) - 1, code, message: message.replace(/\\(.)/gu, '$1') });
            return;
        }
        const match = pattern.exec(line);
        if (match) {
            pending.push({ code: match[1], message: match[2].replace(/\\(.)/gu, '$1') });
            return;
        }
        const target = leading ? 0 : index;
        result.push(...pending.map(p => ({ ...p, line: target })));
        pending = [];
        leading = false;
    });
    return result;
}

/** The file's diagnostics, and those of its configuration (with their file's name and column). */
async function diagnosticsOf(file: string): Promise<Expectation[]> {
    const { shared, Segment } = createSegmentServices(NodeFileSystem);
    const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(file));
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const config = Segment.schema.SchemaProvider.loadedProblems().map(p => ({
        file: path.basename(p.file.path), line: p.range.start.line, character: p.range.start.character, code: p.code, message: p.message,
    }));
    return [...(document.diagnostics ?? []).map(d => ({ line: d.range.start.line, code: String(d.code), message: d.message })), ...config];
}

const files = segmentFiles(root);

describe('validation resources', () => {
    for (const file of files) {
        test(path.relative(root, file), async () => {
            const expectations = parseExpectations(readFileSync(file, 'utf8'));
            const actual = await diagnosticsOf(file);
            const unmatched = [...actual];
            const missing: Expectation[] = [];
            for (const expectation of expectations) {
                const index = unmatched.findIndex(d => d.file === expectation.file && d.character === expectation.character
                    && d.line === expectation.line && d.code === expectation.code && d.message.includes(expectation.message));
                if (index >= 0) {
                    unmatched.splice(index, 1);
                } else {
                    missing.push(expectation);
                }
            }
            expect({ missing, unexpected: unmatched }).toEqual({ missing: [], unexpected: [] });
        });
    }

    test('every catalogued code has a failing case', () => {
        const announced = new Set(files.flatMap(f => parseExpectations(readFileSync(f, 'utf8')).map(e => e.code)));
        expect(Object.keys(DIAGNOSTICS).filter(code => !announced.has(code))).toEqual([]);
    });

    test('the expectation parser targets the next code line', () => {
        expect(parseExpectations('// expect: a/b "x"\nsegment s {\n    // expect: c/d "y \\"q\\""\n    where: x\n}')).toEqual([
            { code: 'a/b', message: 'x', line: 0 },
            { code: 'c/d', message: 'y "q"', line: 3 },
        ]);
    });
});
