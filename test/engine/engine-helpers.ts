/** Shared helpers of the engine tests: parse segments with Langium's test helper and evaluate them. */
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { expect } from 'vitest';
import type { SegmentDefinition, SegmentFile } from '../../src/language/generated/ast.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import { compileSegment, evaluateSegment, type EvaluateOptions, type Profile, type RunResult } from '../../src/engine/segment-engine.js';

export const services = createSegmentServices(EmptyFileSystem).Segment;
export const parse = parseHelper<SegmentFile>(services);

/** The reference "now" of most tests: Sunday 2026-11-01 12:00 UTC. */
export const NOW = new Date('2026-11-01T12:00:00Z');

/** Parses a file and insists it has no lexer or parser errors (validators may add other diagnostics). */
export async function parseSegments(text: string): Promise<SegmentDefinition[]> {
    const doc = await parse(text);
    expect(doc.parseResult.lexerErrors).toEqual([]);
    expect(doc.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return doc.parseResult.value.segments;
}

/** The one segment of `segment t { where: <condition> }`. */
export async function segmentOf(condition: string): Promise<SegmentDefinition> {
    return (await parseSegments(`segment t { where: ${condition} }`))[0];
}

/** Compiles `condition` and tests it against one profile (fast path). */
export async function holds(condition: string, profile: Profile, options: Partial<EvaluateOptions> = {}): Promise<boolean> {
    const segment = await segmentOf(condition);
    const { compiled } = compileSegment(segment, { now: NOW, ...options });
    const fast = compiled.matches(profile);
    // The clause-by-clause evaluation must agree with the fast path.
    expect(compiled.evaluateClauses(profile).matched).toBe(fast);
    return fast;
}

/** Runs `condition` over profiles. */
export async function run(condition: string, profiles: Profile[], options: Partial<EvaluateOptions> = {}): Promise<RunResult> {
    return evaluateSegment(await segmentOf(condition), profiles, { now: NOW, ...options });
}

/** A profile with events at the given ISO times (eventType defaults to "search"). */
export function withEvents(...events: Array<Record<string, unknown>>): Profile {
    return { _id: 'p', xEvent: events };
}
