import { describe, expect, test, vi } from 'vitest';
import { CompiledSegment, DIRECT_DEPTH } from '../../src/engine/compile/segment-program.js';
import { compileSegment, evaluateSegments, type Profile } from '../../src/engine/segment-engine.js';
import { NOW, parseSegments } from './engine-helpers.js';

/**
 * `s1 { inSegment("s2") or … } … s<n> { person.birthYear > 1980 }`: links alternate `or` and `and`
 * with a second clause, so each matters, and every third link is a bare `inSegment` (a condition
 * that is only the reference).
 */
function chainText(length: number): string {
    return Array.from({ length }, (_, index) => {
        const i = index + 1;
        const condition = i === length ? 'person.birthYear > 1980'
            : i % 3 === 0 ? `inSegment("s${i + 1}")`
            : i % 2 === 0 ? `inSegment("s${i + 1}") and person.gender = "female"` : `inSegment("s${i + 1}") or person.birthYear = ${1900 + i}`;
        return `segment s${i} {\n    where: ${condition}\n}\n`;
    }).join('');
}

/** What segment s<i> of `chainText(length)` says about a profile, computed bottom-up without the engine. */
function expected(length: number, profile: { birthYear: number; gender: string }): boolean[] {
    const result: boolean[] = [];
    result[length] = profile.birthYear > 1980;
    for (let i = length - 1; i >= 1; i--) {
        result[i] = i % 3 === 0 ? result[i + 1]
            : i % 2 === 0 ? result[i + 1] && profile.gender === 'female' : result[i + 1] || profile.birthYear === 1900 + i;
    }
    return result;
}

const people = [
    { birthYear: 1990, gender: 'female' },
    { birthYear: 1990, gender: 'male' },
    { birthYear: 1905, gender: 'male' },
    { birthYear: 1970, gender: 'female' },
];
const profiles: Profile[] = people.map((person, i) => ({ _id: `p${i}`, person }));

describe('long inSegment chains run without deep recursion', () => {
    test('a chain of 3,000 segments: every segment of it, in one run', async () => {
        const length = 3_000;
        const segments = await parseSegments(chainText(length));
        const initialized = vi.spyOn(CompiledSegment.prototype, 'initialize');
        try {
            const results = await evaluateSegments(segments, profiles, { now: NOW, workspaceSegments: segments });
            const truth = people.map(person => expected(length, person));
            results.forEach((result, index) => {
                expect(result.ids, result.segment).toEqual(profiles.filter((_, p) => truth[p][index + 1]).map(p => p._id));
            });
            // Each segment compiled once for the run (one compilation per segment and per segment it reaches: n²/2).
            expect(initialized).toHaveBeenCalledTimes(length);
        } finally {
            initialized.mockRestore();
        }
    });

    test('the first segment of a 3,000-long chain alone, on its fast path, clause by clause and explained', async () => {
        const length = 3_000;
        const segments = await parseSegments(chainText(length));
        const { compiled } = compileSegment(segments[0], { now: NOW, workspaceSegments: segments });
        expect(compiled.depth).toBe(length);
        expect(DIRECT_DEPTH).toBeLessThan(100);
        for (const [p, person] of people.entries()) {
            const truth = expected(length, person)[1];
            expect(compiled.matches(profiles[p])).toBe(truth);
            expect(compiled.evaluateClauses(profiles[p]).matched).toBe(truth);
            expect(compiled.explain(profiles[p])).toBeDefined();
        }
    });
});
