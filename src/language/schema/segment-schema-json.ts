import type { FieldSpec } from './segment-schema-model.js';

/** Readers of JSON Schema nodes, shared by the XDM schema loader. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node a local JSON pointer (`#/definitions/x`) names in `document`. */
export function pointer(document: Json, ref: string): Json | undefined {
    let node: unknown = document;
    for (const part of ref.slice(2).split('/')) {
        const key = part.replace(/~1/gu, '/').replace(/~0/gu, '~');
        // Own keys only: `#/definitions/constructor` names nothing unless the file defines it.
        node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    }
    return isObject(node) ? node : undefined;
}

export function typeName(node: Json): string | undefined {
    const type = Array.isArray(node.type) ? node.type.find(t => t !== 'null') : node.type;
    if (typeof type === 'string') {
        return type;
    }
    return isObject(node.properties) || Array.isArray(node.allOf) ? 'object' : undefined;
}

export function stringSpec(node: Json): FieldSpec {
    const format = node.format === 'date-time' ? 'date-time' : node.format === 'date' ? 'date' : undefined;
    if (format) {
        return { type: format };
    }
    const labels = isObject(node['meta:enum'])
        ? Object.fromEntries(Object.entries(node['meta:enum']).map(([k, v]) => [k, String(v)])) : undefined;
    if (Array.isArray(node.enum)) {
        const values = node.enum.filter((v): v is string => typeof v === 'string');
        return { type: 'string', enum: { values, labels, hard: true } };
    }
    if (labels) {
        return { type: 'string', enum: { values: Object.keys(labels), labels, hard: false } };
    }
    return { type: 'string' };
}
