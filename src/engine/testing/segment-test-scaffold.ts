/**
 * `test` declarations written from generated profiles: one matching profile, and a near miss per
 * top-level clause (every clause true but that one). Backs `segment test --scaffold` and the
 * editor's "Generate a matching profile" / "Generate a near miss" actions.
 */
import type { SegmentDefinition } from '../../language/generated/ast.js';
import type { Profile } from '../runtime/segment-values.js';
import { generateWitness, topLevelClauseTexts, type WitnessOptions, type WitnessTarget } from './segment-witness.js';

export interface ScaffoldResult {
    /** The declarations, ready to append to a `.segment` file (empty when nothing was found). */
    text: string;
    /** What could not be generated, in words. */
    missing: string[];
    /** Whether a matching profile was found. */
    matched: boolean;
}

/** One test for `target` (a matching profile, or the near miss of one clause), or why there is none. */
export function scaffoldTest(segment: SegmentDefinition, options: Omit<WitnessOptions, 'target'>, target: WitnessTarget): { text?: string; message?: string } {
    const witness = generateWitness(segment, { ...options, target });
    if (witness.status !== 'found') {
        return { message: witness.message };
    }
    const clauses = target.kind === 'near-miss' ? topLevelClauseTexts(segment, options) : [];
    const name = target.kind === 'match' ? `${segment.name}_matches` : `${segment.name}_near_miss_${target.clause + 1}`;
    const comment = target.kind === 'match'
        ? `// Generated: a minimal profile that ${segment.name} matches.`
        : `// Generated near miss: every top-level clause holds but ${clauses[target.clause]}.`;
    return { text: testText(name, segment.name, options.now, options.timeZone, witness.profile, target.kind === 'match' ? 'match' : 'no match', comment) };
}

/** A matching profile and a near miss per top-level clause of a top-level `and`. */
export function scaffoldTests(segment: SegmentDefinition, options: Omit<WitnessOptions, 'target'>): ScaffoldResult {
    const targets: WitnessTarget[] = [{ kind: 'match' }];
    const clauses = topLevelClauseTexts(segment, options);
    if (clauses.length > 1) {
        clauses.forEach((_, clause) => targets.push({ kind: 'near-miss', clause }));
    }
    const texts: string[] = [];
    const missing: string[] = [];
    let matched = false;
    for (const target of targets) {
        const { text, message } = scaffoldTest(segment, options, target);
        if (text) {
            texts.push(text);
            matched ||= target.kind === 'match';
        } else {
            missing.push(message!);
        }
    }
    return { text: texts.join('\n'), missing, matched };
}

function testText(name: string, segment: string, now: Date, timeZone: string | undefined, profile: Profile, expect: string, comment: string): string {
    const json = JSON.stringify(profile, undefined, 4).split('\n').map((line, i) => (i === 0 ? line : `    ${line}`)).join('\n');
    return [
        comment,
        `test ${name} {`,
        `    segment: ${segment}`,
        `    now: "${now.toISOString()}"`,
        ...(timeZone && timeZone !== 'UTC' ? [`    timeZone: "${timeZone}"`] : []),
        `    profile: ${json}`,
        `    expect: ${expect}`,
        '}',
        '',
    ].join('\n');
}
