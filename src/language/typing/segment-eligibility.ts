import { AstUtils, type AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import { isIncomplete } from '../parser/segment-incomplete-nodes.js';
import { isAepAudienceId } from '../references/segment-names.js';
import { segmentCondition } from '../segment-properties.js';

/** Whether a segment qualifies for one evaluation method, and why (in words for users). */
export interface MethodVerdict {
    eligible: boolean;
    reason: string;
}

export interface Eligibility {
    batch: MethodVerdict;
    streaming: MethodVerdict;
    edge: MethodVerdict;
}

const HOUR = 1;
const UNIT_HOURS: Record<string, number> = {
    millisecond: 1 / 3_600_000, second: 1 / 3600, minute: 1 / 60, hour: HOUR, day: 24, week: 168, month: 744, year: 8784,
    decade: 87_840, century: 878_400, millennium: 8_784_000, millenium: 8_784_000,
};

/** One event condition of a segment: a chain step, an `xEvent[…]` filter, a declaration over `xEvent`. */
interface EventCondition {
    node: AstNode;
    /** Largest lookback in hours; Infinity without a time window. */
    lookback: number;
}

/**
 * Classifies a segment per reference §4 (current rules, effective 2025-05-20): batch always;
 * streaming for profile-only conditions, segments of segments, or events confined to 24 hours
 * (with profile attributes); edge likewise but with a single event. `inSegment` combined with
 * events qualifies only when every referenced local segment is itself profile-only. Aggregations
 * have no documented streaming rule and are classified batch. Used by validation and the code lens.
 */
export function eligibleMethods(segment: ast.SegmentDefinition): Eligibility {
    const batch = { eligible: true, reason: 'Every valid segment can be evaluated in batch.' };
    const condition = segmentCondition(segment);
    if (!condition) {
        return { batch, streaming: batch, edge: batch };
    }
    const nodes = AstUtils.streamAst(condition).toArray();
    const events = eventConditions(nodes);
    const segments = nodes.filter(ast.isInSegmentExpression);
    const aggregation = nodes.find(n => ast.isAggregationExpression(n) || (ast.isMemberAccess(n) && n.isCall && ['count', 'sum', 'average', 'min', 'max'].includes(n.member)));
    if (aggregation) {
        const reason = `It aggregates events ('${short(aggregation)}'); aggregations have no documented streaming or edge support, so AEP evaluates them in batch.`;
        return { batch, streaming: { eligible: false, reason }, edge: { eligible: false, reason } };
    }
    if (events.length === 0) {
        const reason = segments.length ? 'Segment of segments: it combines audiences with inSegment and profile attributes.' : 'Profile attributes only.';
        return { batch, streaming: { eligible: true, reason }, edge: { eligible: true, reason } };
    }
    const unbounded = events.find(e => e.lookback > 24);
    if (unbounded) {
        const window = unbounded.lookback === Infinity ? 'has no time window' : `looks back ${formatHours(unbounded.lookback)}`;
        const reason = `The event condition '${short(unbounded.node)}' ${window}; streaming and edge need every event within 24 hours (e.g. WHEN(<= 24 hours before now) or occurs today).`;
        return { batch, streaming: { eligible: false, reason }, edge: { eligible: false, reason } };
    }
    // An AEP audience id (UUID) cannot be inspected here; the docs' own streaming example combines one with
    // an event, so an external reference is given the benefit of the doubt (docs/semantics.md).
    const notProfileOnly = segments.find(s => !isExternal(s) && !isProfileOnlyReference(s));
    if (notProfileOnly) {
        const reason = `It combines an event with inSegment("${notProfileOnly.segment.$refText}"), which is not known to be a profile-only audience; only profile-only referenced audiences keep an event segment streaming or edge.`;
        return { batch, streaming: { eligible: false, reason }, edge: { eligible: false, reason } };
    }
    const streaming = { eligible: true, reason: `${events.length === 1 ? 'A single event' : `${events.length} events`} within 24 hours${hasProfileAttributes(nodes) ? ', with profile attributes' : ''}.` };
    const edge = events.length === 1
        ? { eligible: true, reason: streaming.reason }
        : { eligible: false, reason: `It uses ${events.length} event conditions; edge segmentation evaluates a single event (within 24 hours) at a time.` };
    return { batch, streaming, edge };
}

function eventConditions(nodes: AstNode[]): EventCondition[] {
    const result: EventCondition[] = [];
    for (const node of nodes) {
        if (ast.isChainStep(node)) {
            result.push({ node, lookback: node.when ? lookback(node.when) : Infinity });
        } else if (ast.isFilterExpression(node) && isEvents(node.receiver)) {
            result.push({ node, lookback: occursLookback(node.condition) });
        } else if (ast.isDeclaration(node) && isEvents(node.source)) {
            result.push({ node, lookback: node.condition ? occursLookback(node.condition) : Infinity });
        } else if (ast.isMemberAccess(node) && isEvents(node.receiver) && !ast.isFilterExpression(node.$container)) {
            result.push({ node, lookback: node.isCall && node.arguments[0] ? occursLookback(node.arguments[0]) : Infinity });
        }
    }
    return result;
}

function isEvents(node: AstNode): boolean {
    return ast.isNameReference(node) && node.name === 'xEvent';
}

/** The smallest lookback any `occurs` inside the condition imposes (conditions are and-ed in practice). */
function occursLookback(condition: AstNode): number {
    const windows = AstUtils.streamAst(condition).filter(ast.isOccursExpression).map(o => lookback(o.time)).toArray();
    return windows.length ? Math.min(...windows) : Infinity;
}

/** How far back a time specification reaches from now, in hours; Infinity when unbounded or unknown. */
export function lookback(spec: ast.TimeSpec | undefined): number {
    // A window that error recovery left without its amount or unit (`occurs <= 3 0 days`) reaches nowhere known.
    if (!spec || isIncomplete(spec)) {
        return Infinity;
    }
    if (ast.isRelativeTimeSpec(spec)) {
        const anchored = ast.isCalendarRef(spec.anchor) && (spec.anchor.word === 'now' || spec.anchor.word === 'today');
        if (!anchored || spec.direction !== 'before' || !['<', '<='].includes(spec.comparator)) {
            return Infinity;
        }
        const unit = UNIT_HOURS[spec.unit.replace(/s$/u, '').replace(/ia$/u, 'ium').replace(/ie$/u, 'y')] ?? Infinity;
        return spec.amount * unit + (spec.anchor.$type === 'CalendarRef' && spec.anchor.word === 'today' ? 24 : 0);
    }
    if (ast.isOnTimeSpec(spec) && ast.isCalendarRef(spec.anchor)) {
        return spec.anchor.word === 'today' || spec.anchor.word === 'now' ? 24 : Infinity;
    }
    return Infinity;
}

function isProfileOnlyReference(reference: ast.InSegmentExpression): boolean {
    const target = reference.segment?.ref;
    const condition = target && segmentCondition(target);
    if (!condition) {
        return false;
    }
    const nodes = AstUtils.streamAst(condition).toArray();
    return eventConditions(nodes).length === 0 && !nodes.some(n => ast.isInSegmentExpression(n) && !isAepAudienceId(n.segment.$refText) && !isProfileOnlyReference(n));
}

function isExternal(reference: ast.InSegmentExpression): boolean {
    return !reference.segment?.ref && isAepAudienceId(reference.segment?.$refText ?? '');
}

function hasProfileAttributes(nodes: AstNode[]): boolean {
    return nodes.some(n => ast.isNameReference(n) && n.name !== 'xEvent' && !AstUtils.getContainerOfType(n, ast.isChainStep)
        && !AstUtils.getContainerOfType(n, ast.isFilterExpression) && !AstUtils.getContainerOfType(n, ast.isDeclaration) && !ast.isChainExpression(n.$container));
}

function formatHours(hours: number): string {
    return hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

function short(node: AstNode): string {
    const text = (node.$cstNode?.text ?? '').replace(/\s+/gu, ' ');
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
