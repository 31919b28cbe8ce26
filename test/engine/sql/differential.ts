/**
 * Differential testing of the two engines: the same conditions over the same profiles through the
 * js evaluator and through DuckDB (profiles written to a JSON Lines file and read back by the DuckDB
 * engine, as `segment run` does). A disagreement is shrunk (SQLancer/Csmith style) to one profile,
 * a smaller condition and a smaller profile, and printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SegmentDefinition } from '../../../src/language/generated/ast.js';
import * as ast from '../../../src/language/generated/ast.js';
import { evaluateSegment, type Profile } from '../../../src/engine/segment-engine.js';
import { DuckDbDataset } from '../../../src/engine/sql/duckdb-engine.js';
import { buildSegmentQuery } from '../../../src/engine/sql/sql-query.js';
import { SqlTranslationError } from '../../../src/engine/sql/sql-values.js';
import { parseSegments } from '../engine-helpers.js';
import { segmentCondition } from '../../../src/language/segment-properties.js';

export interface Outcome {
    condition: string;
    js: string[];
    /** The DuckDB ids, or the translation error. */
    duck: string[] | SqlTranslationError;
}

/** How the profiles are stored: one JSON Lines file, or profiles and their events in two files (`--events`). */
export type Layout = 'one file' | 'two files';

const EVENTS_KEY = 'profileKey';

/**
 * The profiles as the two-file layout holds them: events are rows of their own file, so a profile's
 * `xEvent` is the list of its event objects (none: no `xEvent`).
 */
export function asTwoFiles(profiles: readonly Profile[]): Profile[] {
    return profiles.map(profile => {
        const { xEvent, ...rest } = profile;
        const events = Array.isArray(xEvent) ? xEvent.filter(e => e !== null && typeof e === 'object' && !Array.isArray(e)) : [];
        return events.length > 0 ? { ...rest, xEvent: events } : rest;
    });
}

/** Profiles in temporary JSON Lines file(s), opened in DuckDB; `close` removes them. */
export async function openProfiles(profiles: readonly Profile[], layout: Layout = 'one file'): Promise<{ dataset: DuckDbDataset; close: () => void }> {
    const folder = mkdtempSync(path.join(tmpdir(), 'segment-diff-'));
    const file = path.join(folder, 'profiles.jsonl');
    const lines = (rows: readonly object[]): string => rows.map(p => JSON.stringify(p)).join('\n') + '\n';
    let events: { path: string; key: string } | undefined;
    if (layout === 'two files') {
        events = { path: path.join(folder, 'events.jsonl'), key: EVENTS_KEY };
        const split = asTwoFiles(profiles);
        writeFileSync(file, lines(split.map(({ xEvent: _events, ...rest }) => rest)));
        writeFileSync(events.path, lines(split.flatMap(p => ((p.xEvent ?? []) as object[]).map(e => ({ [EVENTS_KEY]: p._id, ...e })))));
    } else {
        writeFileSync(file, lines(profiles));
    }
    const dataset = await DuckDbDataset.open({ path: file, events });
    return { dataset, close: () => { dataset.dispose(); rmSync(folder, { recursive: true, force: true }); } };
}

/** Runs each condition through both engines (translatable ones in batches of one DuckDB query each). */
export async function runBoth(conditions: readonly string[], profiles: readonly Profile[], now: Date, layout: Layout = 'one file', batch = 40): Promise<Outcome[]> {
    const segments = await parseSegments(conditions.map((c, i) => `segment s${i} {\n    where: ${c}\n}`).join('\n'));
    const { dataset, close } = await openProfiles(profiles, layout);
    try {
        const outcomes: Outcome[] = [];
        const translatable: Array<{ segment: SegmentDefinition; outcome: Outcome }> = [];
        for (const [i, segment] of segments.entries()) {
            const js = (await evaluateSegment(segment, layout === 'two files' ? asTwoFiles(profiles) : profiles, { now, clauseCounts: false })).ids;
            const outcome: Outcome = { condition: conditions[i], js, duck: [] };
            outcomes.push(outcome);
            try {
                buildSegmentQuery([segment], { dialect: 'duckdb', now: now.getTime(), row: dataset.row, source: dataset.source });
                translatable.push({ segment, outcome });
            } catch (error) {
                if (!(error instanceof SqlTranslationError)) {
                    throw error;
                }
                outcome.duck = error;
            }
        }
        for (let i = 0; i < translatable.length; i += batch) {
            const chunk = translatable.slice(i, i + batch);
            const results = await dataset.run(chunk.map(c => c.segment), { now, clauseCounts: false });
            results.forEach((r, k) => { chunk[k].outcome.duck = r.ids; });
        }
        return outcomes;
    } finally {
        close();
    }
}

export function disagrees(o: Outcome): boolean {
    return !(o.duck instanceof SqlTranslationError) && JSON.stringify(o.js) !== JSON.stringify(o.duck);
}

/** Smaller conditions to try: the operands of `and`/`or`/`not` and parentheses at the top. */
async function shrinkCandidates(condition: string): Promise<string[]> {
    const [segment] = await parseSegments(`segment s {\n    where: ${condition}\n}`);
    let node: ast.Expression | undefined = segmentCondition(segment);
    while (node && ast.isParenthesizedExpression(node)) {
        node = node.expression;
    }
    const parts = !node ? [] : ast.isLogicalExpression(node) ? [node.left, node.right] : ast.isNotExpression(node) ? [node.operand] : [];
    return parts.map(p => p.$cstNode?.text ?? '').filter(t => t.length > 0);
}

/** Shrinks a disagreement to one profile, then a smaller condition and profile that still disagree; a printable report. */
export async function minimize(outcome: Outcome, profiles: readonly Profile[], now: Date, layout: Layout = 'one file'): Promise<string> {
    const duckIds = outcome.duck as string[];
    const differing = [...outcome.js.filter(id => !duckIds.includes(id)), ...duckIds.filter(id => !outcome.js.includes(id))][0];
    let profile = profiles.find(p => p._id === differing) ?? profiles[0];
    let condition = outcome.condition;
    const stillDisagrees = async (c: string, p: Profile): Promise<boolean> => (await runBoth([c], [p], now, layout)).some(disagrees);
    for (let progress = true; progress;) {
        progress = false;
        for (const candidate of await shrinkCandidates(condition)) {
            if (await stillDisagrees(candidate, profile)) {
                condition = candidate;
                progress = true;
                break;
            }
        }
    }
    for (const key of Object.keys(profile).filter(k => k !== '_id')) {
        const { [key]: _removed, ...smaller } = profile;
        if (await stillDisagrees(condition, smaller)) {
            profile = smaller;
        }
    }
    if (Array.isArray(profile.xEvent)) {
        for (let i = (profile.xEvent as unknown[]).length - 1; i >= 0; i--) {
            const events = (profile.xEvent as unknown[]).filter((_, k) => k !== i);
            if (await stillDisagrees(condition, { ...profile, xEvent: events })) {
                profile = { ...profile, xEvent: events };
            }
        }
    }
    const [final] = await runBoth([condition], [profile], now, layout);
    return `engines disagree\n  original: ${outcome.condition}\n  minimal:  ${condition}\n  profile:  ${JSON.stringify(profile)}\n  js: ${JSON.stringify(final.js)}  duckdb: ${JSON.stringify(final.duck)}`;
}
