/**
 * Clause coverage, the PQL counterpart of branch coverage (docs/testing.md): for every clause of a
 * segment, whether the tests made it true and false at least once. The clauses are the nodes of
 * the explanation tree: the whole condition, each operand of `and`/`or`/`not`, and inside an event
 * selection each declaration and each condition of its `where` (evaluated per element), or each
 * step of a chain. Outcomes are counted from the explanation trees of the tests' profiles.
 */
import { AstUtils, type AstNode } from 'langium';
import * as ast from '../../language/generated/ast.js';
import type { ExplainNode } from '../explain/segment-explain.js';
import { sourceText } from '../explain/segment-explain.js';
import type { TestResult } from './segment-test-runner.js';
import { segmentCondition } from '../../language/segment-properties.js';

/** A zero-based source range. */
export interface ClauseRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export interface ClauseCoverage {
    /** `$`, `$.0`, `$.0.1` …: the clause's place in the condition, as in explanations. */
    path: string;
    kind: string;
    text: string;
    /** How often the clause was true and false over the tests (per profile, or per element inside an iteration). */
    whenTrue: number;
    whenFalse: number;
    range?: ClauseRange;
}

export interface SegmentCoverage {
    segment: string;
    /** Absolute path of the segment's file. */
    file: string;
    /** Tests of this segment that ran. */
    tests: number;
    clauses: ClauseCoverage[];
    /** Clauses made both true and false. */
    covered: number;
    /** `covered` over the clauses, in percent (100 for a segment without clauses). */
    percent: number;
}

/** Counts the outcomes of the segment's clauses over the results of its tests (run with `coverage`). */
export function segmentCoverage(segment: ast.SegmentDefinition, file: string, results: readonly TestResult[]): SegmentCoverage {
    const clauses = new Map<string, ClauseCoverage>();
    const own = results.filter(r => r.segment === segment.name);
    for (const tree of own.flatMap(r => r.explanations ?? [])) {
        visit(tree, clauses);
    }
    const list = [...clauses.values()].sort((a, b) => comparePaths(a.path, b.path));
    locate(segment, list);
    const covered = list.filter(c => c.whenTrue > 0 && c.whenFalse > 0).length;
    return { segment: segment.name, file, tests: own.length, clauses: list, covered, percent: list.length === 0 ? (own.length > 0 ? 100 : 0) : (100 * covered) / list.length };
}

function visit(node: ExplainNode, clauses: Map<string, ClauseCoverage>): void {
    const key = `${node.path}\u0000${node.text}`;
    const clause = clauses.get(key) ?? { path: node.path, kind: node.kind, text: node.text, whenTrue: 0, whenFalse: 0 };
    clauses.set(key, clause);
    const values = node.values ?? {};
    const satisfied = typeof values.satisfied === 'number' ? values.satisfied : undefined;
    // Inside an iteration a condition is tried per element: `satisfied` of `of` (or of `elements` for a declaration).
    const tried = typeof values.of === 'number' ? values.of : typeof values.elements === 'number' ? values.elements : undefined;
    if (satisfied !== undefined && tried !== undefined) {
        clause.whenTrue += satisfied;
        clause.whenFalse += tried - satisfied;
    } else if (node.result) {
        clause.whenTrue++;
    } else {
        clause.whenFalse++;
    }
    node.children?.forEach(child => visit(child, clauses));
}

/** `$.2` before `$.10`: paths compare by their numbers. */
function comparePaths(a: string, b: string): number {
    const left = a.split('.').slice(1).map(Number);
    const right = b.split('.').slice(1).map(Number);
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
        if (left[i] !== right[i]) {
            return left[i] - right[i];
        }
    }
    return left.length - right.length;
}

/**
 * Finds each clause's source range: explanations carry the text, not the node, so clauses (in path
 * order, which is source order) take the nodes of the condition with the same text, in source order.
 */
function locate(segment: ast.SegmentDefinition, clauses: ClauseCoverage[]): void {
    const byText = new Map<string, AstNode[]>();
    const add = (text: string, node: AstNode) => byText.set(text, [...byText.get(text) ?? [], node]);
    const condition = segmentCondition(segment);
    for (const node of condition ? AstUtils.streamAst(condition) : []) {
        add(sourceText(node), node);
        if (ast.isDeclaration(node)) {
            add(`${node.variable.name} from ${sourceText(node.source)}`, node);
        }
    }
    const used = new Set<AstNode>();
    for (const clause of clauses) {
        const node = (byText.get(clause.text) ?? []).find(n => !used.has(n));
        if (node?.$cstNode) {
            used.add(node);
            clause.range = node.$cstNode.range;
        }
    }
}
