import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createNodeServices, diagnosticsAt } from '../helpers/segment-test-services.js';

/**
 * Every example of the PQL reference corpus must check clean (no diagnostic of any kind) against
 * test/resources/schemas/corpus-*.schema.json, which test/resources/schemas/segment.config.json names.
 * Fragments using unbound event variables (`X.timestamp occurs …`, reference §5 calls them parse-only)
 * are wrapped in `exists X from xEvent, Y from xEvent : …` binding exactly the variables they use.
 */
const root = path.resolve(__dirname, '../resources');
const lines = readFileSync(path.join(root, 'corpus/reference.pql'), 'utf8').split('\n')
    .map(line => /^(\d+)\. (.*)$/u.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => ({ n: Number(m[1]), expression: m[2] }));

export function wrapUnboundVariables(expression: string): string {
    const used = [...new Set([...expression.matchAll(/(?<![\w.])([XYZ])\./gu)].map(m => m[1]))];
    const unbound = used.filter(v => !new RegExp(`\\b${v} from\\b`, 'u').test(expression));
    return unbound.length ? `exists ${unbound.map(v => `${v} from xEvent`).join(', ')} : ${expression}` : expression;
}

describe('reference corpus against the corpus schema', () => {
    test('the corpus has all its examples', () => {
        expect(lines.length).toBeGreaterThanOrEqual(150);
    });

    test('the corpus schema is in effect: custom fields resolve, misspelt ones are reported', async () => {
        const diagnostics = await diagnosticsAt(createNodeServices(), path.join(root, 'schemas/probe.segment'),
            'segment p { where: person.favoriteColors.includes("red") and person.favoriteColour = 1 }');
        expect(diagnostics.map(d => `${d.code} ${d.message}`)).toEqual([
            "schema/unknown-field Unknown field 'favoriteColour': 'person' has no such field in the schema. Did you mean 'favoriteColors'?",
        ]);
    });

    test('no diagnostics on any corpus line', async () => {
        const text = [
            'segment existing { name: "existing segment" where: person.birthYear > 1900 }',
            ...lines.map(({ n, expression }) => `segment t${n} { where: ${wrapUnboundVariables(expression)} }`),
        ].join('\n');
        const diagnostics = await diagnosticsAt(createNodeServices(), path.join(root, 'schemas/corpus.segment'), text);
        const problems = diagnostics.map(d => {
            const line = d.range.start.line;
            return `line ${line === 0 ? 'existing' : lines[line - 1].n}: ${d.code} ${d.message}`;
        });
        expect(problems).toEqual([]);
    });
});
