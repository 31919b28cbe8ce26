import { KNOWN_DATA_TYPES, KNOWN_FIELD_GROUPS } from './segment-bundled-schema.js';
import { buildObject, mergeFields, tagFields, XdmSchema, type FieldSpec } from './segment-schema-model.js';

/** A schema file that cannot be used at all (the bundled schema is used instead). */
export class SchemaLoadError extends Error {}

export interface LoadedSchema {
    schema: XdmSchema;
    /** Parts that were skipped (unresolvable `$ref`s, unsupported types); the rest is usable. */
    warnings: string[];
}

type Json = Record<string, unknown>;

/**
 * Reads an XDM schema as exported from AEP's Schema Registry: either the fully resolved form
 * (`application/vnd.adobe.xed-full+json`) or the form with `allOf`/`$ref`s to field groups.
 * Local `definitions` and JSON pointers resolve; references to standard Adobe field groups resolve
 * to the bundled copies; tenant fields (`_acme`) are ordinary properties. `meta:enum` is a soft
 * enum, `enum` a hard one; `additionalProperties` without `properties` is a map.
 */
export function loadXdmSchema(json: unknown, source: string, rootName: string): LoadedSchema {
    if (!isObject(json)) {
        throw new SchemaLoadError('the file must contain a JSON Schema object');
    }
    const loader = new Loader(json);
    const fields = loader.objectFields(json, 0);
    if (Object.keys(fields).length === 0) {
        throw new SchemaLoadError('the schema defines no fields (expected "properties", "allOf" or "$ref"s to field groups)');
    }
    return { schema: new XdmSchema(buildObject(fields, '', undefined, rootName), source), warnings: loader.warnings };
}

const MAX_DEPTH = 40;

class Loader {
    readonly warnings: string[] = [];
    private readonly resolving = new Set<string>();
    /**
     * The documents `#/…` pointers resolve in, innermost last: the file, then each embedded field
     * group (a `definitions` entry carrying an `$id`) being read, whose own `#/definitions/…`
     * pointers name its own definitions, as in the field group's export.
     */
    private readonly documents: Json[];

    constructor(root: Json) {
        this.documents = [root];
    }

    /** The fields an object schema contributes through `properties`, `allOf`, `$ref` and (without `allOf`) `meta:extends`. */
    objectFields(node: Json, depth: number): Record<string, FieldSpec> {
        const fields: Record<string, FieldSpec> = {};
        if (depth > MAX_DEPTH) {
            this.warnings.push('schema nesting is deeper than 40 levels; deeper fields are ignored');
            return fields;
        }
        if (typeof node.$ref === 'string') {
            mergeFields(fields, this.refFields(node.$ref, depth));
        }
        const extended = Array.isArray(node.allOf) ? node.allOf : [];
        for (const part of extended) {
            if (isObject(part)) {
                mergeFields(fields, this.objectFields(part, depth + 1));
            }
        }
        if (extended.length === 0 && Array.isArray(node['meta:extends'])) {
            for (const id of node['meta:extends']) {
                const group = typeof id === 'string' ? KNOWN_FIELD_GROUPS.get(id) : undefined;
                if (group) {
                    mergeFields(fields, tagFields(group.fields, group.title));
                }
            }
        }
        if (isObject(node.properties)) {
            for (const [key, property] of Object.entries(node.properties)) {
                if (isObject(property)) {
                    mergeFields(fields, { [key]: this.field(property, depth + 1) });
                }
            }
        }
        return fields;
    }

    private refFields(ref: string, depth: number): Record<string, FieldSpec> {
        const group = KNOWN_FIELD_GROUPS.get(ref.replace(/#.*$/u, ''));
        if (group && !ref.includes('#/')) {
            return tagFields(group.fields, group.title);
        }
        const target = this.resolve(ref);
        if (!target) {
            this.warnings.push(`cannot resolve "$ref": "${ref}" (not a local definition nor a standard field group); its fields are unknown`);
            return {};
        }
        if (this.resolving.has(this.key(ref))) {
            return {};
        }
        const fields = this.within(ref, target, () => this.objectFields(target, depth + 1));
        // An embedded field group's title says where its fields come from (hover shows it).
        return typeof target.$id === 'string' && typeof target.title === 'string' ? tagFields(fields, target.title) : fields;
    }

    /** Reads `target` (what `ref` names) guarded against cycles, inside its own document if it is an embedded one. */
    private within<T>(ref: string, target: Json, read: () => T): T {
        const embedded = !ref.startsWith('#') && typeof target.$id === 'string';
        const key = this.key(ref);
        this.resolving.add(key);
        if (embedded) {
            this.documents.push(target);
        }
        try {
            return read();
        } finally {
            this.resolving.delete(key);
            if (embedded) {
                this.documents.pop();
            }
        }
    }

    /** Identifies a reference for cycle detection: the same `#/definitions/x` means different things in different embedded groups. */
    private key(ref: string): string {
        const document = this.documents[this.documents.length - 1];
        return ref.startsWith('#') && typeof document.$id === 'string' ? document.$id + ref : ref;
    }

    private resolve(ref: string): Json | undefined {
        if (ref.startsWith('#/')) {
            // The innermost document first; a pointer it lacks falls back to the enclosing ones (lenient, as exports vary).
            for (let i = this.documents.length - 1; i >= 0; i--) {
                const node = pointer(this.documents[i], ref);
                if (node) {
                    return node;
                }
            }
            return undefined;
        }
        // An embedded definition carrying the referenced `$id`.
        const root = this.documents[0];
        const definitions = isObject(root.definitions) ? Object.values(root.definitions) : [];
        return definitions.find((d): d is Json => isObject(d) && d.$id === ref);
    }

    private field(node: Json, depth: number): FieldSpec {
        const description = typeof node.description === 'string' ? node.description : undefined;
        const title = typeof node.title === 'string' ? node.title : undefined;
        let target = node;
        const dataType = typeof node.$ref === 'string' ? KNOWN_DATA_TYPES.get(node.$ref) : undefined;
        if (dataType) {
            return { ...dataType, description: description ?? dataType.description, title: title ?? dataType.title };
        }
        if (typeof node.$ref === 'string' && !node.type && !node.properties) {
            const resolved = KNOWN_FIELD_GROUPS.has(node.$ref) ? undefined : this.resolve(node.$ref);
            if (resolved && !this.resolving.has(this.key(node.$ref))) {
                const spec = this.within(node.$ref, resolved, () => this.field(resolved, depth + 1));
                return { ...spec, description: description ?? spec.description, title: title ?? spec.title };
            }
            target = node;
        }
        const type = typeName(target);
        const base = { description, title };
        switch (type) {
            case 'array':
                return { ...base, type: 'array', item: isObject(target.items) ? this.field(target.items, depth + 1) : { type: 'any' } };
            case 'object': {
                const hasProperties = isObject(target.properties) || Array.isArray(target.allOf) || typeof target.$ref === 'string';
                if (!hasProperties && isObject(target.additionalProperties)) {
                    return { ...base, type: 'map', item: this.field(target.additionalProperties, depth + 1) };
                }
                return { ...base, type: 'object', fields: this.objectFields(target, depth + 1) };
            }
            case 'string':
                return { ...base, ...stringSpec(target) };
            case 'integer': case 'number': case 'boolean':
                return { ...base, type };
            default:
                if (type !== undefined) {
                    this.warnings.push(`unsupported type "${type}"; the field is typed as unknown`);
                }
                return { ...base, type: 'any' };
        }
    }
}

function pointer(document: Json, ref: string): Json | undefined {
    let node: unknown = document;
    for (const part of ref.slice(2).split('/')) {
        node = isObject(node) ? node[part.replace(/~1/gu, '/').replace(/~0/gu, '~')] : undefined;
    }
    return isObject(node) ? node : undefined;
}

function typeName(node: Json): string | undefined {
    const type = Array.isArray(node.type) ? node.type.find(t => t !== 'null') : node.type;
    if (typeof type === 'string') {
        return type;
    }
    return isObject(node.properties) || Array.isArray(node.allOf) ? 'object' : undefined;
}

function stringSpec(node: Json): FieldSpec {
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

function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
