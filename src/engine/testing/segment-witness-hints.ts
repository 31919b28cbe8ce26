/**
 * Candidate values for the witness search (segment-witness-search.ts): for every field a segment
 * reads, the values its conditions compare it with, just beside them and just past them; for every
 * timestamp, instants inside and outside its windows. The search only assembles profiles from
 * these; the evaluator decides which ones match.
 */
import { AstUtils, type AstNode } from 'langium';
import * as ast from '../../language/generated/ast.js';

/** Field values by scope: `p` profile fields, `e` event fields (paths from the event root, `.`-joined). */
export interface WitnessHints {
    profile: Map<string, unknown[]>;
    event: Map<string, unknown[]>;
    /** Paths (profile or event) that hold arrays of objects, such as `productListItems`. */
    arrays: Set<string>;
    /** The condition reads `xEvent`: profiles get one, even empty (`xEvent.count() >= 0` needs it). */
    usesEvents: boolean;
}

const DAY = 86_400_000;
const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY, decade: 3650 * DAY };
/** Offsets from now that cover the usual windows and calendar words. */
const TIME_OFFSETS = [-2 * DAY, -3_600_000, -60_000, 0, 60_000, 3_600_000, 0.5 * DAY, DAY, 1.5 * DAY, 2 * DAY, 3 * DAY, 5 * DAY, 8 * DAY, 10 * DAY, 15 * DAY,
    20 * DAY, 25 * DAY, 32 * DAY, 40 * DAY, 50 * DAY, 62 * DAY, 75 * DAY, 100 * DAY, 150 * DAY, 200 * DAY, 300 * DAY, 400 * DAY, 800 * DAY];

/** Collects the hints of a condition (and of the local segments it references through `inSegment`). */
export function collectHints(condition: ast.Expression | undefined, now: number, referenced: (node: ast.InSegmentExpression) => ast.Expression | undefined): WitnessHints {
    const hints: WitnessHints = { profile: new Map(), event: new Map(), arrays: new Set(), usesEvents: false };
    const times = TIME_OFFSETS.map(offset => new Date(now - offset).toISOString());
    const seen = new Set<ast.Expression>();
    const visit = (root: ast.Expression | undefined): void => {
        if (!root || seen.has(root)) {
            return;
        }
        seen.add(root);
        for (const node of AstUtils.streamAst(root)) {
            collectFrom(node, hints, now, times);
            hints.usesEvents ||= ast.isNameReference(node) && node.name === 'xEvent';
            if (ast.isInSegmentExpression(node)) {
                visit(referenced(node));
                if (!node.segment.ref) {
                    // An AEP audience id: membership is read from segmentMembership.
                    add(hints, 'p', `segmentMembership.ups.${node.segment.$refText}.status`, ['realized', 'exited']);
                }
            }
        }
    };
    visit(condition);
    // Every event has a type and a time, whatever the segment reads.
    add(hints, 'e', 'eventType', ['commerce.purchases']);
    add(hints, 'e', 'timestamp', times);
    return hints;
}

function add(hints: WitnessHints, scope: 'p' | 'e', path: string, values: unknown[]): void {
    const pool = scope === 'p' ? hints.profile : hints.event;
    const list = pool.get(path) ?? [];
    for (const value of values) {
        if (!list.some(v => JSON.stringify(v) === JSON.stringify(value))) {
            list.push(value);
        }
    }
    pool.set(path, list);
}

/** Where a path expression points: the profile or an event, and the path from that root. */
interface FieldRef {
    scope: 'p' | 'e';
    path: string;
}

function collectFrom(node: AstNode, hints: WitnessHints, now: number, times: string[]): void {
    if (ast.isDeclaration(node)) {
        const source = fieldOf(node.source, hints);
        if (source && source.path !== 'xEvent') {
            hints.arrays.add(`${source.scope}:${source.path}`);
        }
    } else if (ast.isComparisonExpression(node)) {
        comparisonHints(node, hints);
    } else if (ast.isAggregationExpression(node) || (ast.isMemberAccess(node) && /^(sum|average|min|max)$/u.test(node.member))) {
        const value = ast.isAggregationExpression(node) ? node.value : node.arguments[0];
        const field = value && fieldOf(value, hints);
        if (field) {
            add(hints, field.scope, field.path, numbersAround(comparedNumber(node)));
        }
    } else if (ast.isMemberAccess(node) && node.isCall) {
        const field = fieldOf(node.receiver, hints);
        const text = node.arguments.map(literalOf).find(v => typeof v === 'string') as string | undefined;
        if (field && text !== undefined) {
            add(hints, field.scope, field.path, [text, `${text}x`, `x${text}`, text.toUpperCase(), text.toLowerCase(), 'zz']);
        } else if (field && node.arguments.some(a => fieldOf(a, hints))) {
            // `B.productListItems.SKU.intersects(V.productListItems.SKU)`: shared values, as lists too.
            add(hints, field.scope, field.path, ['a', ['a']]);
            node.arguments.map(a => fieldOf(a, hints)).forEach(f => f && add(hints, f.scope, f.path, ['a', ['a']]));
        } else if (field && /^(isNull|isNotNull)$/u.test(node.member)) {
            add(hints, field.scope, field.path, ['a', null]);
        }
    } else if (ast.isOccursExpression(node)) {
        const field = fieldOf(node.subject, hints);
        if (field) {
            add(hints, field.scope, field.path, [...times, ...timeSpecInstants(node.time, now)]);
        }
    }
}

function comparisonHints(node: ast.ComparisonExpression, hints: WitnessHints): void {
    const left = fieldOf(node.left, hints);
    const right = fieldOf(node.right, hints);
    const leftValue = literalOf(node.left);
    const rightValue = literalOf(node.right);
    if (left && rightValue !== undefined) {
        add(hints, left.scope, left.path, valuesFor(node.operator, rightValue));
    }
    if (left && right) {
        // `person.name.firstName = person.name.firstName`, `B.sku = V.sku`: any shared value.
        add(hints, left.scope, left.path, ['a', 1]);
        add(hints, right.scope, right.path, ['a', 1]);
    }
    if (right && leftValue !== undefined && (node.operator === 'in' || node.operator === 'notIn')) {
        // `"running" in _acme.interests`: the field is a list.
        add(hints, right.scope, right.path, [[leftValue], ['zz']]);
    } else if (right && leftValue !== undefined) {
        add(hints, right.scope, right.path, valuesFor(node.operator, leftValue));
    }
    if (left && !right && rightValue === undefined) {
        // `path + 2 > 40`, `(path % 3) = 1`: numbers around every literal in the comparison.
        const numbers = AstUtils.streamAst(node).filter(ast.isNumberLiteral).map(n => n.value).toArray();
        add(hints, left.scope, left.path, numbers.flatMap(numbersAround));
    }
    const left0 = node.left as ast.Expression;
    const unwrapped = ast.isParenthesizedExpression(left0) ? (left0 as ast.ParenthesizedExpression).expression : left0;
    const arithmetic = ast.isArithmeticExpression(unwrapped) ? unwrapped : undefined;
    const inner = arithmetic && (fieldOf(arithmetic.left, hints) ?? fieldOf(arithmetic.right, hints));
    if (inner) {
        const numbers = AstUtils.streamAst(node).filter(ast.isNumberLiteral).map(n => n.value).toArray();
        add(hints, inner.scope, inner.path, [...numbers.flatMap(numbersAround), 0, 1, 2, 3, 4, 5]);
    }
}

function valuesFor(operator: string, value: unknown): unknown[] {
    if (Array.isArray(value)) {
        return [...value.flatMap(v => valuesFor('=', v)), 'zz'];
    }
    if (typeof value === 'number') {
        return numbersAround(value);
    }
    if (typeof value === 'string') {
        if (operator === 'like') {
            return [value.replace(/%/gu, '').replace(/_/gu, 'a'), value.replace(/%/gu, 'ab').replace(/_/gu, 'b'), 'zz'];
        }
        if (operator === 'matches') {
            return [...regexSamples(value), 'zz'];
        }
        return [value, `${value}x`, value.toUpperCase(), 'zz'];
    }
    return [value];
}

/** A few strings a simple regular expression accepts: anchors, `(?i)` and escapes dropped, classes by their first member. */
function regexSamples(source: string): string[] {
    const body = source.replace(/^\(\?i\)/u, '').replace(/^\^/u, '').replace(/\$$/u, '')
        .replace(/\[\^?([^\]])[^\]]*\]/gu, '$1').replace(/\\(.)/gu, '$1').replace(/[.][*+?]?/gu, 'a').replace(/[*+?]/gu, '');
    return [body, `${body}x`, `x${body}`, body.toLowerCase(), body.toUpperCase()];
}

function numbersAround(value: number | undefined): unknown[] {
    if (value === undefined || !Number.isFinite(value)) {
        return [];
    }
    return [value - 1, value, value + 1, value * 2 + 1, Math.floor(value / 2)];
}

/** The number an aggregation is compared with (`(sum … ) > 500`), if any. */
function comparedNumber(node: AstNode): number | undefined {
    let current: AstNode | undefined = node.$container;
    while (current && (ast.isParenthesizedExpression(current) || ast.isMemberAccess(current))) {
        current = current.$container;
    }
    if (ast.isComparisonExpression(current)) {
        const other = literalOf(current.right) ?? literalOf(current.left);
        return typeof other === 'number' ? other : undefined;
    }
    return undefined;
}

/** The JSON value of a literal (numbers, strings, booleans, lists of them), else undefined. */
function literalOf(node: ast.Expression | undefined): unknown {
    if (!node) {
        return undefined;
    }
    if (ast.isStringLiteral(node) || ast.isNumberLiteral(node) || ast.isBooleanLiteral(node)) {
        return node.value;
    }
    if (ast.isNegationExpression(node) && ast.isNumberLiteral(node.operand)) {
        return -node.operand.value;
    }
    if (ast.isListLiteral(node)) {
        const items = node.items.map(literalOf);
        return items.every(i => i !== undefined) ? items : undefined;
    }
    return ast.isParenthesizedExpression(node) ? literalOf(node.expression) : undefined;
}

/** Instants inside and beside a time specification with an explicit date or amount. */
function timeSpecInstants(spec: ast.TimeSpec, now: number): string[] {
    const instants: number[] = [];
    const dates = AstUtils.streamAst(spec).filter(ast.isFunctionCall).filter(c => c.name.toLowerCase() === 'date');
    for (const call of dates) {
        const [year, month = 1, day = 1] = call.arguments.map(a => literalOf(a)).map(Number);
        const at = Date.UTC(year, month - 1, day, 12);
        instants.push(at - DAY, at, at + DAY);
    }
    // Error recovery may leave a window without its unit or amount: no instants from it.
    if (ast.isRelativeTimeSpec(spec) && spec.unit !== undefined && spec.amount !== undefined) {
        const unit = UNIT_MS[spec.unit.replace(/s$/u, '').replace(/ies$/u, 'y')] ?? DAY;
        const span = spec.amount * unit;
        const sign = spec.direction === 'after' ? 1 : -1;
        instants.push(now + sign * (span - 3_600_000), now + sign * (span + 3_600_000), now + sign * span / 2);
    }
    return instants.filter(Number.isFinite).map(ms => new Date(ms).toISOString());
}

/** Where a path expression points, or undefined for anything that is not a plain field path. */
export function fieldOf(node: ast.Expression | undefined, hints: WitnessHints): FieldRef | undefined {
    const parts: string[] = [];
    let current: ast.Expression | undefined = node;
    while (current && ast.isMemberAccess(current) && !current.isCall) {
        parts.unshift(current.member);
        current = current.receiver;
    }
    if (!current || !ast.isNameReference(current)) {
        return undefined;
    }
    const binding = variableSource(current);
    if (binding) {
        return below(fieldOf(binding, hints), parts);
    }
    const context = elementContext(current, hints);
    return context === undefined ? { scope: 'p', path: [current.name, ...parts].join('.') } : below(context, [current.name, ...parts]);
}

/** The path `parts` below an array field: the fields of its elements (events for `xEvent`). */
function below(source: FieldRef | undefined, parts: string[]): FieldRef | undefined {
    if (!source) {
        return undefined;
    }
    if (source.scope === 'p' && source.path === 'xEvent') {
        return parts.length ? { scope: 'e', path: parts.join('.') } : undefined;
    }
    return { scope: source.scope, path: [source.path, ...parts].join('.') };
}

/** The source of the iteration variable a name refers to, if it is one. */
function variableSource(reference: ast.NameReference): ast.Expression | undefined {
    for (let node: AstNode | undefined = reference.$container; node; node = node.$container) {
        const declarations = ast.isSelectExpression(node) || ast.isQuantifiedExpression(node) || ast.isAggregationExpression(node) ? node.declarations : [];
        const found = declarations.find(d => d.variable.name === reference.name);
        if (found) {
            return found.source;
        }
    }
    return undefined;
}

/**
 * The array whose elements bare names refer to: inside a chain step the events, inside `A[…]` or
 * the arguments of `A.sum(…)`, `A.exists(…)` … the elements of `A`; undefined at the profile level.
 */
function elementContext(node: AstNode, hints: WitnessHints): FieldRef | undefined {
    for (let child: AstNode = node, current = node.$container; current; child = current, current = current.$container) {
        if (ast.isChainStep(current)) {
            return { scope: 'p', path: 'xEvent' };
        }
        let receiver: ast.Expression | undefined;
        if (ast.isFilterExpression(current) && child === current.condition) {
            receiver = current.receiver;
        } else if (ast.isMemberAccess(current) && current.isCall && current.arguments.includes(child as ast.Expression)) {
            receiver = ast.isFilterExpression(current.receiver) ? current.receiver.receiver : current.receiver;
        }
        if (receiver) {
            const field = fieldOf(receiver, hints);
            if (field && !(field.scope === 'p' && field.path === 'xEvent')) {
                hints.arrays.add(`${field.scope}:${field.path}`);
            }
            return field;
        }
    }
    return undefined;
}
