import type { ExplanationNode, ProtocolRange } from '../../shared/segment-protocol.js';
import { formatInstant } from './segment-time-format.js';

/**
 * A profile's explanation in plain words, for the results panel: "✓ search event on 2026-10-21
 * 14:03 UTC (event 4 of 19)", "✗ no matching event (0 of 19 events)". Pure (no `vscode` import).
 *
 * `tone` is about what the segment wants, not about true or false: a part inside `not (…)` that
 * is false is where the segment wants it, so it is `good` (green) with the note "as required". A
 * part whose verdict did not decide anything (a false operand of an `or` that held) is `neutral`.
 */
export interface ExplanationLine {
    /** true: the clause held (✓); false: it did not (✗). */
    held: boolean;
    tone: 'good' | 'bad' | 'neutral';
    /** The verdict in words. */
    words: string;
    /** The clause's source, shown beside the words; clicking it reveals `range`. */
    code?: string;
    range?: ProtocolRange;
    asRequired?: boolean;
    children?: ExplanationLine[];
}

export interface WordingContext {
    timeZone: string;
}

/** What the segment wants of a node: to hold, not to hold, or nothing in particular. */
type Want = boolean | undefined;

export function explanationLines(root: ExplanationNode, context: WordingContext): ExplanationLine {
    return line(root, true, context);
}

/** `unit`: what the enclosing iteration goes over (`event`, `item`), for the counts of its clauses. */
function line(node: ExplanationNode, want: Want, context: WordingContext, unit = 'item'): ExplanationLine {
    const tone = want === undefined ? 'neutral' : node.result === want ? 'good' : 'bad';
    const out: ExplanationLine = { held: node.result, tone, words: '', ...(node.range ? { range: node.range } : {}) };
    if (want === false && !node.result) {
        out.asRequired = true;
    }
    const values = node.values ?? {};
    const children = node.children ?? [];
    switch (node.kind) {
        case 'and': case 'or': case 'not':
            // Inside an iteration the counts say more than "all of these".
            out.words = values.satisfied !== undefined ? leafWords(node.kind, values, unit, context) : logicalWords(node);
            out.children = children.map(child => line(child, childWant(node, child, want), context, unit));
            return out;
        case 'chain': case 'step':
            return stepOrChain(node, out, want, context);
        default:
            break;
    }
    out.code = node.text;
    const declarations = children.filter(child => child.kind === 'declaration');
    if (declarations.length > 0) {
        // An iteration: the verdict in words, then the where-condition's clauses. One declaration (the
        // usual `select X from xEvent where …`) is folded into the iteration's own line.
        const [first] = declarations;
        const over = noun(first.text);
        out.words = iterationWords(node.result, first.values ?? {}, over, context);
        const inner: Want = want === true ? true : undefined;
        out.children = declarations.length === 1
            ? (first.children ?? []).map(child => line(child, inner, context, over))
            : declarations.map(d => ({ ...line(d, inner, context, noun(d.text)), words: `${d.text}: ${count(d.values?.satisfied, d.values?.elements, noun(d.text))}` }));
        return out;
    }
    out.words = leafWords(node.kind, values, unit, context);
    if (children.length > 0) {
        out.children = children.map(child => line(child, want === true ? true : undefined, context, unit));
    }
    return out;
}

/** What a child of `and`/`or`/`not` must be for its parent to be as wanted. */
function childWant(parent: ExplanationNode, child: ExplanationNode, want: Want): Want {
    if (want === undefined) {
        return undefined;
    }
    if (parent.kind === 'not') {
        return !want;
    }
    // `a and b` wanted true, or `a or b` wanted false: every operand counts.
    if ((parent.kind === 'and') === want) {
        return want;
    }
    // Otherwise one operand decides: the others are neutral once it did.
    return parent.result === want && child.result !== want ? undefined : want;
}

function logicalWords(node: ExplanationNode): string {
    if (node.kind === 'not') {
        return node.result ? 'does not hold, as required:' : 'must not hold, but does:';
    }
    if (node.kind === 'and') {
        return node.result ? 'all of these hold' : 'not all of these hold';
    }
    return node.result ? 'at least one of these holds' : 'none of these holds';
}

function stepOrChain(node: ExplanationNode, out: ExplanationLine, want: Want, context: WordingContext): ExplanationLine {
    const values = node.values ?? {};
    out.code = node.text;
    if (node.kind === 'chain') {
        out.words = `reached step ${String(values.stepsMatched ?? 0)} of ${String(values.steps ?? node.children?.length ?? 0)}`;
        out.children = (node.children ?? []).map(child => line(child, want === true ? true : undefined, context, 'event'));
        return out;
    }
    const at = Array.isArray(values.at) ? values.at.map(String) : [];
    if (node.result) {
        out.words = at.length > 0 ? `happened on ${formatInstant(at[0], context.timeZone)}` : 'happened';
    } else if (values.what === 0) {
        out.words = 'no event of this kind';
    } else if (typeof values.after === 'string') {
        out.words = `did not happen after ${formatInstant(values.after, context.timeZone)}`;
    } else {
        out.words = 'did not happen';
    }
    return out;
}

function iterationWords(held: boolean, values: Record<string, unknown>, unit: string, context: WordingContext): string {
    const elements = Number(values.elements ?? 0);
    if (!held) {
        return `no matching ${unit} (${count(values.satisfied ?? 0, elements, unit)})`;
    }
    const type = typeof values.exampleType === 'string' ? `${values.exampleType} ` : '';
    const time = typeof values.exampleTime === 'string' ? ` on ${formatInstant(values.exampleTime, context.timeZone)}` : '';
    const where = typeof values.exampleAt === 'number' ? ` (${unit} ${values.exampleAt} of ${elements})` : '';
    const more = Number(values.satisfied ?? 0) > 1 ? `; ${count(values.satisfied, elements, unit)} match` : '';
    return `${type}${unit}${time}${where}${more}`;
}

function leafWords(kind: string, values: Record<string, unknown>, unit: string, context: WordingContext): string {
    if (values.satisfied !== undefined && values.of !== undefined) {
        // A clause of a where-condition: how many candidates satisfied it.
        const parts = [count(values.satisfied, values.of, unit)];
        if (typeof values.exampleAt === 'number' && Number(values.satisfied) > 0) {
            const time = typeof values.exampleTime === 'string' ? ` on ${formatInstant(values.exampleTime, context.timeZone)}` : '';
            parts.push(`e.g. ${unit} ${values.exampleAt}${time}`);
        }
        if (values.withPrevious === 0 && Number(values.satisfied) > 0) {
            parts.push('none of them also meets the conditions above');
        }
        return parts.join(' · ');
    }
    switch (kind) {
        case 'comparison':
            return `value: ${shown(values.left)}`;
        case 'occurs': {
            const subject = values.subject;
            const time = typeof subject === 'string' || typeof subject === 'number' ? formatInstant(subject, context.timeZone) : undefined;
            return time ? `at ${time}` : 'no timestamp';
        }
        case 'inSegment':
            return `in segment ${shown(values.segment)}`;
        case 'aggregation':
            return `value ${shown(values.value)}, over ${String(values.contributed ?? 0)} ${unit}(s)`;
        case 'call':
            return values.receiver === undefined ? '' : `of ${shown(values.receiver)}`;
        default:
            return values.value === undefined ? '' : `value: ${shown(values.value)}`;
    }
}

/** "3 of 19 events": what the counts inside an iteration are of. */
function count(part: unknown, whole: unknown, unit: string): string {
    return `${String(part ?? 0)} of ${String(whole ?? 0)} ${unit}s`;
}

/** `event` when the clause iterates over events (`xEvent`, `X from events`), else `item`. */
function noun(text: string): string {
    return /event/iu.test(text) ? 'event' : 'item';
}

/** A value a clause looked at, shortened: profiles can hold long arrays. */
function shown(value: unknown): string {
    const text = value === undefined ? 'missing' : value === null ? 'none' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
