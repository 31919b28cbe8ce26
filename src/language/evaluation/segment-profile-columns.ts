import { AstUtils, type AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import type { ProfileColumn } from '../../shared/segment-protocol.js';

/** Profile fields shown as columns at most, besides id, name, events and the verdict. */
export const MAX_FIELD_COLUMNS = 4;

/** Lists of records whose fields are event fields, not profile attributes worth a column. */
const EVENT_LISTS = new Set(['xevent', 'events', 'experienceevents']);

/**
 * The profile attributes a segment reads (`person.birthYear`, `homeAddress.countryCode`), in the
 * order they first appear, as the results table's columns: a user checking a segment wants to see
 * the values it tested. Paths rooted in a variable (`X.timestamp`), inside per-element conditions
 * (`xEvent[eventType = "x"]`, CHAIN steps) or in event lists are left out.
 */
export function profileColumns(condition: ast.Expression | undefined): ProfileColumn[] {
    if (!condition) {
        return [];
    }
    const seen = new Map<string, ProfileColumn>();
    for (const node of AstUtils.streamAst(condition)) {
        if (seen.size >= MAX_FIELD_COLUMNS) {
            break;
        }
        const path = ast.isMemberAccess(node) && !node.isCall && !ast.isMemberAccess(node.$container) ? profilePath(node) : undefined;
        if (path && !seen.has(path.join('.'))) {
            const key = path.join('.');
            seen.set(key, { key, label: path.slice(-2).join('.') });
        }
    }
    return [...seen.values()];
}

/** `['person', 'birthYear']` for a profile attribute path, else undefined. */
function profilePath(node: ast.MemberAccess): string[] | undefined {
    const names: string[] = [];
    let current: ast.Expression = node;
    while (ast.isMemberAccess(current)) {
        if (current.isCall) {
            return undefined;
        }
        names.unshift(current.member);
        current = current.receiver;
    }
    if (!ast.isNameReference(current) || EVENT_LISTS.has(current.name.toLowerCase()) || declaresName(current, current.name) || inElementScope(current)) {
        return undefined;
    }
    return [current.name, ...names];
}

/** Whether a variable of that name (a declaration, lambda parameter or `let`) encloses the node. */
function declaresName(node: AstNode, name: string): boolean {
    for (let container = node.$container; container; container = container.$container) {
        if ((ast.isSelectExpression(container) || ast.isQuantifiedExpression(container) || ast.isAggregationExpression(container))
            && container.declarations.some(d => d.variable.name === name)) {
            return true;
        }
        if (ast.isLambda(container) && container.parameters.some(p => p.name === name)) {
            return true;
        }
        if (ast.isLetExpression(container) && container.variable.name === name) {
            return true;
        }
    }
    return false;
}

/** Inside `list[cond]`, a CHAIN step or a per-element method argument, bare names are the element's fields. */
function inElementScope(node: AstNode): boolean {
    for (let child: AstNode = node, container = node.$container; container; child = container, container = container.$container) {
        if (ast.isFilterExpression(container) && container.condition === child) {
            return true;
        }
        if (ast.isChainStep(container) || (ast.isMemberAccess(container) && container.isCall && container.arguments.includes(child as ast.Expression))) {
            return true;
        }
    }
    return false;
}
