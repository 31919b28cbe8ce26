import type { EnumInfo, ObjectType, PqlType, SchemaField } from '../typing/segment-types.js';

/**
 * A compact description of a field used to write the bundled schema and produced by the JSON
 * Schema loader; `buildObject` turns it into `SchemaField`s with full paths.
 */
export interface FieldSpec {
    type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time' | 'object' | 'array' | 'map' | 'any';
    description?: string;
    title?: string;
    enum?: EnumInfo;
    fields?: Record<string, FieldSpec>;
    /** Element of an array, value of a map. */
    item?: FieldSpec;
    /** Title of the field group that defines the field (inherited by nested fields). */
    group?: string;
}

/** An XDM field group (AEP "mixin") or class: the unit a schema export references by `$id`. */
export interface FieldGroup {
    id: string;
    title: string;
    fields: Record<string, FieldSpec>;
}

/** One side of the data model: the profile (implicit root) or the experience event (`xEvent` element). */
export class XdmSchema {
    constructor(
        readonly root: ObjectType,
        /** Where the schema came from, for hover and messages ("bundled XDM Individual Profile", a file path). */
        readonly source: string,
    ) {}

    /** The field at a dotted path through objects (not through arrays or maps). */
    field(path: string | readonly string[]): SchemaField | undefined {
        const segments = typeof path === 'string' ? path.split('.') : path;
        let type: PqlType = this.root;
        let field: SchemaField | undefined;
        for (const segment of segments) {
            while (type.kind === 'array') {
                type = type.element;
            }
            if (type.kind !== 'object') {
                return undefined;
            }
            field = type.fields.get(segment);
            if (!field) {
                return undefined;
            }
            type = field.type;
        }
        return field;
    }

    /** Every field, depth first (through array elements, not into map values). */
    *allFields(): Generator<SchemaField> {
        const visit = function* (type: PqlType): Generator<SchemaField> {
            if (type.kind === 'object') {
                for (const field of type.fields.values()) {
                    yield field;
                    yield* visit(field.type);
                }
            } else if (type.kind === 'array') {
                yield* visit(type.element);
            }
        };
        yield* visit(this.root);
    }
}

/** Builds object types from specs; `prefix` is the path of the object, `group` the field group title. */
export function buildObject(fields: Record<string, FieldSpec>, prefix = '', group?: string, name?: string): ObjectType {
    const map = new Map<string, SchemaField>();
    for (const [key, spec] of Object.entries(fields)) {
        const path = prefix ? `${prefix}.${key}` : key;
        const fieldGroup = spec.group ?? group;
        map.set(key, { name: key, path, type: buildType(spec, path, fieldGroup), title: spec.title, description: spec.description, fieldGroup });
    }
    return { kind: 'object', fields: map, name };
}

function buildType(spec: FieldSpec, path: string, group?: string): PqlType {
    switch (spec.type) {
        case 'object': return buildObject(spec.fields ?? {}, path, group);
        case 'array': return { kind: 'array', element: spec.item ? buildType(spec.item, path, group) : { kind: 'unknown' } };
        case 'map': return { kind: 'map', value: spec.item ? buildType(spec.item, path, group) : { kind: 'unknown' } };
        case 'any': return { kind: 'unknown' };
        case 'string': return spec.enum ? { kind: 'string', enum: spec.enum } : { kind: 'string' };
        default: return { kind: spec.type };
    }
}

/**
 * Deep-merges field specs the way AEP unions field groups: objects merge property by property;
 * for anything else the later definition wins (a user schema may redefine a field). Specs are
 * shared (a `$ref`'d definition is read once), so merging never changes `source` or the specs it
 * holds, and merging a spec with itself is nothing to do. `step` is called once per field merged
 * (the loader bounds its work with it).
 */
export function mergeFields(target: Record<string, FieldSpec>, source: Record<string, FieldSpec>, step?: () => void): Record<string, FieldSpec> {
    for (const [key, spec] of Object.entries(source)) {
        step?.();
        const existing = Object.hasOwn(target, key) ? target[key] : undefined;
        if (existing === spec) {
            continue;
        }
        if (existing?.type === 'object' && spec.type === 'object') {
            putField(target, key, {
                ...existing, ...spec,
                description: spec.description ?? existing.description,
                title: spec.title ?? existing.title,
                fields: mergeFields(Object.assign(fieldRecord(), existing.fields), spec.fields ?? {}, step),
            });
        } else {
            putField(target, key, spec);
        }
    }
    return target;
}

/**
 * A record of fields by name: without a prototype, so that a field named `__proto__` is a field
 * like any other (assigning it on a plain object would set the object's prototype instead).
 */
export function fieldRecord(): Record<string, FieldSpec> {
    return Object.create(null) as Record<string, FieldSpec>;
}

/** Sets an own property whatever its name (`__proto__` included) and whatever the record's prototype. */
function putField(record: Record<string, FieldSpec>, key: string, spec: FieldSpec): void {
    Object.defineProperty(record, key, { value: spec, writable: true, enumerable: true, configurable: true });
}

/** Builds a schema from field groups, merged in order. */
export function schemaFromGroups(groups: readonly FieldGroup[], source: string, name: string): XdmSchema {
    const fields = fieldRecord();
    for (const group of groups) {
        mergeFields(fields, tagFields(group.fields, group.title));
    }
    return new XdmSchema(buildObject(fields, '', undefined, name), source);
}

/**
 * Records the field group title on every spec, nested ones included (an object such as `person`
 * or `_acme` merges fields of several groups), so hover can say where a field comes from.
 * Specs already tagged keep their group.
 */
export function tagFields(fields: Record<string, FieldSpec>, group: string): Record<string, FieldSpec> {
    // Shared specs are tagged once: a `$ref`'d definition used in many places stays one object.
    const tagged = new Map<FieldSpec, FieldSpec>();
    const tagSpec = (spec: FieldSpec): FieldSpec => {
        let result = tagged.get(spec);
        if (!result) {
            const inner = spec.fields ? tagRecord(spec.fields) : undefined;
            result = { ...spec, group: spec.group ?? group, ...(inner ? { fields: inner } : {}), ...(spec.item ? { item: tagSpec(spec.item) } : {}) };
            tagged.set(spec, result);
        }
        return result;
    };
    const records = new Map<Record<string, FieldSpec>, Record<string, FieldSpec>>();
    const tagRecord = (record: Record<string, FieldSpec>): Record<string, FieldSpec> => {
        let result = records.get(record);
        if (!result) {
            result = fieldRecord();
            for (const [key, spec] of Object.entries(record)) {
                putField(result, key, tagSpec(spec));
            }
            records.set(record, result);
        }
        return result;
    };
    return tagRecord(fields);
}
