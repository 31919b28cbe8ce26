import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { evaluateSegment, type Profile } from '../../../src/engine/segment-engine.js';
import { generateWitness, topLevelClauseTexts } from '../../../src/engine/testing/segment-witness.js';
import { URI } from 'langium';
import type { SegmentDefinition, SegmentFile } from '../../../src/language/generated/ast.js';
import { createRandom, generateCondition, generateProfiles, GENERATED_NOW, segmentSource } from '../../helpers/random-segments.js';
import { createParser } from '../../helpers/segment-test-services.js';

const NOW = new Date(GENERATED_NOW);
const EXAMPLES = path.resolve(__dirname, '../../../examples');
const RANDOM_SEGMENTS = 220;

/** Independent check: the public evaluator, on the profile after a JSON round trip (as a test file would hold it). */
async function matches(segment: SegmentDefinition, profile: Profile, workspaceSegments: SegmentDefinition[]): Promise<boolean> {
    const result = await evaluateSegment(segment, [JSON.parse(JSON.stringify(profile)) as Profile], { now: NOW, workspaceSegments });
    return result.matched === 1;
}

describe('generated example profiles', () => {
    const { services, parse, clear } = createParser();
    afterEach(clear);

    test('every example segment gets a matching profile and a near miss per top-level clause, all verified', async () => {
        const files = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.segment'));
        // Built together, as a workspace: inSegment references across files resolve.
        const { workspace } = services.shared;
        const documents = files.map(f => workspace.LangiumDocumentFactory.fromString<SegmentFile>(readFileSync(path.join(EXAMPLES, f), 'utf8'), URI.parse(`file:///examples/${f}`)));
        documents.forEach(d => workspace.LangiumDocuments.addDocument(d));
        await workspace.DocumentBuilder.build(documents);
        const segments = documents.flatMap(d => d.parseResult.value.segments);
        const missed: string[] = [];
        let nearMisses = 0;
        for (const segment of segments) {
            const witness = generateWitness(segment, { now: NOW, workspaceSegments: segments, target: { kind: 'match' } });
            if (witness.status !== 'found') {
                missed.push(segment.name);
                continue;
            }
            expect(await matches(segment, witness.profile, segments), `${segment.name}: ${JSON.stringify(witness.profile)}`).toBe(true);
            const clauses = topLevelClauseTexts(segment, { now: NOW, workspaceSegments: segments });
            for (let clause = 0; clauses.length > 1 && clause < clauses.length; clause++) {
                const miss = generateWitness(segment, { now: NOW, workspaceSegments: segments, target: { kind: 'near-miss', clause } });
                if (miss.status === 'found') {
                    nearMisses++;
                    expect(await matches(segment, miss.profile, segments)).toBe(false);
                } else {
                    missed.push(`${segment.name} near miss ${clause}`);
                }
            }
        }
        console.log(`[witness] examples: ${segments.length - missed.filter(m => !m.includes('near miss')).length} of ${segments.length} segments got a verified matching profile; ${nearMisses} near misses; missed: ${missed.join(', ') || 'none'}`);
        expect(missed).toEqual([]);
    }, 120_000);

    test(`over ${RANDOM_SEGMENTS} seeded random segments, ≥ 95 % of the satisfiable ones get a verified witness and none is wrong`, async () => {
        let found = 0;
        let wrong = 0;
        let satisfiable = 0;
        const notFound: string[] = [];
        for (let seed = 1; seed <= RANDOM_SEGMENTS; seed++) {
            const random = createRandom(seed);
            const condition = generateCondition(random);
            const document = await parse(segmentSource(`r${seed}`, condition));
            const [segment] = document.parseResult.value.segments;
            const witness = generateWitness(segment, { now: NOW, target: { kind: 'match' } });
            // An independent oracle of satisfiability: random profiles of the same generator.
            const sample = await evaluateSegment(segment, generateProfiles(createRandom(seed + 10_000), 200), { now: NOW });
            const known = witness.status === 'found' || sample.matched > 0;
            satisfiable += known ? 1 : 0;
            if (witness.status === 'found') {
                found++;
                wrong += (await matches(segment, witness.profile, [segment])) ? 0 : 1;
            } else if (known) {
                notFound.push(`r${seed}: ${condition}`);
            }
            clear();
        }
        const rate = satisfiable === 0 ? 1 : found / satisfiable;
        console.log(`[witness] random: ${found} of ${satisfiable} satisfiable segments (of ${RANDOM_SEGMENTS}) got a verified witness (${(100 * rate).toFixed(1)} %), ${wrong} wrong`);
        notFound.slice(0, 10).forEach(line => console.log(`[witness]   not found: ${line}`));
        expect(wrong).toBe(0);
        expect(rate).toBeGreaterThanOrEqual(0.95);
    }, 600_000);
});
