import { KNOWN_DATA_TYPES, KNOWN_FIELD_GROUPS } from './segment-bundled-schema.js';
import { isObject, pointer, stringSpec, typeName, type Json } from './segment-schema-json.js';
import { countFieldPaths, MAX_FIELD_PATHS, MAX_LOAD_STEPS, MAX_SCHEMA_DEPTH } from './segment-schema-limits.js';
import { buildObject, fieldRecord, mergeFields, tagFields, XdmSchema, type FieldSpec } from './segment-schema-model.js';

/** A schema file that cannot be used at all (the bundled schema is used instead). */
export class SchemaLoadError extends Error {}

export interface LoadedSchema {
    schema: XdmSchema;
    /** Parts that were skipped (unresolvable `$ref`s, unsupported types); the rest is usable. */
    warnings: string[];
}

/**
 * Reads an XDM schema as exported from AEP's Schema Registry: either the fully resolved form
 * (`application/vnd.adobe.xed-full+json`) or the form with `allOf`/`$ref`s to field groups.
 * Local `definitions` and JSON pointers resolve; references to standard Adobe field groups resolve
 * to the bundled copies; tenant fields (`_acme`) are ordinary properties. `meta:enum` is a soft
 * enum, `enum` a hard one; `additionalProperties` without `properties` is a map.
 * A schema over the limits of segment-schema-limits.ts is a SchemaLoadError, found without
 * expanding it.
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
    if (countFieldPaths(fields) > MAX_FIELD_PATHS) {
        throw new SchemaLoadError(`the schema expands to more than ${MAX_FIELD_PATHS.toLocaleString('en-US')} field paths`
            + ' (its definitions `$ref` each other too often); split it or export only the field groups the segments use');
    }
    return { schema: new XdmSchema(buildObject(fields, '', undefined, rootName), source), warnings: [...loader.warnings] };
}

class Loader {
    readonly warnings = new Set<string>();
    /** Keys (see `key`) of the references being read, outermost first: a reference to one of them is a cycle and is cut. */
    private readonly reading: string[] = [];
    /** The outermost position in `reading` a cycle was cut at while reading the current reference. */
    private lowestCut = Infinity;
    /**
     * What each reference read to, so that a definition `$ref`'d many times is read once and its
     * fields are shared. A result is kept only when no cycle through an enclosing reference was
     * cut while reading it: such a result depends on the path it was reached by.
     */
    private readonly memo = new Map<string, unknown>();
    private readonly documentIds = new Map<Json, number>();
    private steps = 0;
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
        this.step();
        const fields = fieldRecord();
        if (depth > MAX_SCHEMA_DEPTH) {
            this.warnings.add(`schema nesting is deeper than ${MAX_SCHEMA_DEPTH} levels; deeper fields are ignored`);
            return fields;
        }
        const merge = (source: Record<string, FieldSpec>): void => void mergeFields(fields, source, () => this.step());
        if (typeof node.$ref === 'string') {
            merge(this.refFields(node.$ref, depth));
        }
        const extended = Array.isArray(node.allOf) ? node.allOf : [];
        for (const part of extended) {
            if (isObject(part)) {
                merge(this.objectFields(part, depth + 1));
            }
        }
        if (extended.length === 0 && Array.isArray(node['meta:extends'])) {
            for (const id of node['meta:extends']) {
                const group = typeof id === 'string' ? KNOWN_FIELD_GROUPS.get(id) : undefined;
                if (group) {
                    merge(tagFields(group.fields, group.title));
                }
            }
        }
        if (isObject(node.properties)) {
            for (const [key, property] of Object.entries(node.properties)) {
                if (isObject(property)) {
                    merge({ [key]: this.field(property, depth + 1) });
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
            this.warnings.add(`cannot resolve "$ref": "${ref}" (not a local definition nor a standard field group); its fields are unknown`);
            return {};
        }
        if (this.cutsCycle(ref)) {
            return {};
        }
        return this.read('fields', ref, target, depth, () => {
            const fields = this.objectFields(target, depth + 1);
            // An embedded field group's title says where its fields come from (hover shows it).
            return typeof target.$id === 'string' && typeof target.title === 'string' ? tagFields(fields, target.title) : fields;
        });
    }

    /** Whether `ref` is being read already (a cycle, which is cut); records where, for `read`. */
    private cutsCycle(ref: string): boolean {
        const at = this.reading.indexOf(this.key(ref));
        if (at >= 0) {
            this.lowestCut = Math.min(this.lowestCut, at);
        }
        return at >= 0;
    }

    /**
     * Reads `target` (what `ref` names, by `read`) once per place and depth: inside its own
     * document if it is an embedded one, guarded against cycles, and memoised (see `memo`).
     */
    private read<T>(kind: 'fields' | 'field', ref: string, target: Json, depth: number, read: () => T): T {
        const memoKey = `${kind} ${depth} ${this.documents.map(d => this.documentId(d)).join(',')} ${ref}`;
        if (this.memo.has(memoKey)) {
            return this.memo.get(memoKey) as T;
        }
        const embedded = !ref.startsWith('#') && typeof target.$id === 'string';
        const position = this.reading.length;
        const enclosingCut = this.lowestCut;
        this.lowestCut = Infinity;
        this.reading.push(this.key(ref));
        if (embedded) {
            this.documents.push(target);
        }
        let result: T;
        try {
            result = read();
        } finally {
            this.reading.pop();
            if (embedded) {
                this.documents.pop();
            }
        }
        const cut = this.lowestCut;
        this.lowestCut = Math.min(enclosingCut, cut);
        if (cut >= position) {
            this.memo.set(memoKey, result);
        }
        return result;
    }

    /** Identifies a reference for cycle detection: the same `#/definitions/x` means different things in different embedded groups. */
    private key(ref: string): string {
        const document = this.documents[this.documents.length - 1];
        return ref.startsWith('#') && typeof document.$id === 'string' ? document.$id + ref : ref;
    }

    private documentId(document: Json): number {
        let id = this.documentIds.get(document);
        if (id === undefined) {
            id = this.documentIds.size;
            this.documentIds.set(document, id);
        }
        return id;
    }

    private step(): void {
        if (++this.steps > MAX_LOAD_STEPS) {
            throw new SchemaLoadError(`the schema needs more than ${MAX_LOAD_STEPS.toLocaleString('en-US')} steps to read`
                + ' (its definitions `$ref` each other too often); split it or export only the field groups the segments use');
        }
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
        this.step();
        const description = typeof node.description === 'string' ? node.description : undefined;
        const title = typeof node.title === 'string' ? node.title : undefined;
        const dataType = typeof node.$ref === 'string' ? KNOWN_DATA_TYPES.get(node.$ref) : undefined;
        if (dataType) {
            return { ...dataType, description: description ?? dataType.description, title: title ?? dataType.title };
        }
        if (typeof node.$ref === 'string' && !node.type && !node.properties) {
            const ref = node.$ref;
            const resolved = KNOWN_FIELD_GROUPS.has(ref) ? undefined : this.resolve(ref);
            if (resolved && !this.cutsCycle(ref)) {
                const spec = this.read('field', ref, resolved, depth, () => this.field(resolved, depth + 1));
                return { ...spec, description: description ?? spec.description, title: title ?? spec.title };
            }
        }
        const type = typeName(node);
        const base = { description, title };
        switch (type) {
            case 'array':
                return { ...base, type: 'array', item: isObject(node.items) ? this.field(node.items, depth + 1) : { type: 'any' } };
            case 'object': {
                const hasProperties = isObject(node.properties) || Array.isArray(node.allOf) || typeof node.$ref === 'string';
                if (!hasProperties && isObject(node.additionalProperties)) {
                    return { ...base, type: 'map', item: this.field(node.additionalProperties, depth + 1) };
                }
                return { ...base, type: 'object', fields: this.objectFields(node, depth + 1) };
            }
            case 'string':
                return { ...base, ...stringSpec(node) };
            case 'integer': case 'number': case 'boolean':
                return { ...base, type };
            default:
                if (type !== undefined) {
                    this.warnings.add(`unsupported type "${type}"; the field is typed as unknown`);
                }
                return { ...base, type: 'any' };
        }
    }
}
