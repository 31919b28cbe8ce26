/**
 * The explanation tree of a profile as indented text (`✓`/`✗` per clause, with the values it
 * looked at): what `segment run --explain` prints, and what `segment test` and the Test Explorer
 * show under a failing profile.
 */
import type { ExplainNode } from './segment-explain.js';

/** One line per clause, `depth` levels of two spaces in. */
export function explainLines(node: ExplainNode, depth: number): string[] {
    const values = node.values && Object.keys(node.values).length > 0 ? `   ${explainValues(node.values)}` : '';
    return [`${'  '.repeat(depth)}${node.result ? '✓' : '✗'} ${node.text}${values}`, ...(node.children ?? []).flatMap(c => explainLines(c, depth + 1))];
}

/** Counts of an iteration in words (`2 of 23 satisfied …`), any other value as JSON. */
export function explainValues(values: Record<string, unknown>): string {
    // The example's position, time and type are for the editor's wording; the example's text names it.
    const { elements, satisfied, of, withPrevious, example, counterexample, explainedFor, exampleAt: _a, exampleTime: _t, exampleType: _y, counterexampleAt: _ca, counterexampleTime: _ct, counterexampleType: _cy, ...rest } = values;
    const parts: string[] = [];
    if (elements !== undefined) {
        parts.push(`${String(satisfied)} of ${String(elements)} satisfied the condition`);
    } else if (of !== undefined) {
        parts.push(`${String(satisfied)} of ${String(of)}${withPrevious === undefined ? '' : `, ${String(withPrevious)} with the conjuncts before`}`);
    }
    if (example !== undefined) {
        parts.push(`e.g. ${String(example)}`);
    }
    if (counterexample !== undefined) {
        parts.push(`not: ${String(counterexample)}`);
    }
    if (explainedFor !== undefined) {
        parts.push(`below for ${String(explainedFor)}`);
    }
    if (Object.keys(rest).length > 0) {
        parts.push(JSON.stringify(rest));
    }
    return parts.join('; ');
}
