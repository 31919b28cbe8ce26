/**
 * Type descriptions of the PQL type system (reference §2.16), shared by the XDM schema model,
 * the type computer, validation, completion and hover. A discriminated union keyed by `kind`.
 */

/** Allowed values of a string field: `enum` is closed (hard), `meta:enum` only suggests values (soft). */
export interface EnumInfo {
    values: readonly string[];
    /** Display labels by value (`meta:enum` carries them). */
    labels?: Readonly<Record<string, string>>;
    hard: boolean;
}

/** A field of an XDM object: its name, full path from the schema root, type and documentation. */
export interface SchemaField {
    name: string;
    path: string;
    type: PqlType;
    title?: string;
    description?: string;
    /** Field group (AEP mixin) the field comes from, for hover. */
    fieldGroup?: string;
}

export type PrimitiveKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time';

export type PqlType =
    | { kind: 'string'; enum?: EnumInfo }
    | { kind: 'integer' | 'number' | 'boolean' | 'date' | 'date-time' }
    | { kind: 'object'; fields: ReadonlyMap<string, SchemaField>; name?: string }
    | { kind: 'array'; element: PqlType }
    | { kind: 'map'; value: PqlType }
    | { kind: 'lambda' }
    /** A relative time word or calendar period (`now`, `last month`). */
    | { kind: 'time' }
    | { kind: 'null' }
    /** Not known: never reported, never shown. */
    | { kind: 'unknown' };

export type ObjectType = Extract<PqlType, { kind: 'object' }>;
export type ArrayType = Extract<PqlType, { kind: 'array' }>;
export type MapType = Extract<PqlType, { kind: 'map' }>;

export const UNKNOWN: PqlType = { kind: 'unknown' };
export const BOOLEAN: PqlType = { kind: 'boolean' };
export const INTEGER: PqlType = { kind: 'integer' };
export const NUMBER: PqlType = { kind: 'number' };
export const STRING: PqlType = { kind: 'string' };
export const DATE: PqlType = { kind: 'date' };
export const DATE_TIME: PqlType = { kind: 'date-time' };
export const TIME: PqlType = { kind: 'time' };
export const LAMBDA: PqlType = { kind: 'lambda' };

export function arrayOf(element: PqlType): PqlType {
    return { kind: 'array', element };
}

export function mapOf(value: PqlType): PqlType {
    return { kind: 'map', value };
}

export function isUnknown(type: PqlType): boolean {
    return type.kind === 'unknown';
}

export function isNumeric(type: PqlType): boolean {
    return type.kind === 'integer' || type.kind === 'number';
}

/** Timestamp-like values `occurs` and `getYear()` accept. */
export function isTemporal(type: PqlType): boolean {
    return type.kind === 'date' || type.kind === 'date-time';
}

export function isPrimitive(type: PqlType): boolean {
    return ['string', 'integer', 'number', 'boolean', 'date', 'date-time'].includes(type.kind);
}

/**
 * The value a comparison sees: a path projected through an array compares element-wise
 * ("some element", reference §2.0 [I]), so `array<T>` compares like `T`.
 */
export function scalarOf(type: PqlType): PqlType {
    return type.kind === 'array' ? scalarOf(type.element) : type;
}

/** The element type of an array; unknown for anything else. */
export function elementOf(type: PqlType): PqlType {
    return type.kind === 'array' ? type.element : UNKNOWN;
}

/**
 * Whether values of the two types can be compared with `=`: unknown is compatible with anything,
 * numbers with numbers, strings with dates (ISO strings), and per §2.0 a string literal is coerced
 * to the left side's type (`"true"` against a Boolean is reported separately as a mismatch).
 */
export function comparable(a: PqlType, b: PqlType): boolean {
    const left = scalarOf(a);
    const right = scalarOf(b);
    if (isUnknown(left) || isUnknown(right) || left.kind === 'null' || right.kind === 'null') {
        return true;
    }
    if (isNumeric(left) && isNumeric(right)) {
        return true;
    }
    if (isTemporal(left) || isTemporal(right)) {
        // Dates compare with dates and with ISO-8601 strings.
        return (isTemporal(left) || left.kind === 'string') && (isTemporal(right) || right.kind === 'string');
    }
    return left.kind === right.kind;
}

/** Human-readable type, as shown in hover and messages: `string`, `array<integer>`, `map<string, object>`. */
export function typeToString(type: PqlType): string {
    switch (type.kind) {
        case 'array': return `array<${typeToString(type.element)}>`;
        case 'map': return `map<string, ${typeToString(type.value)}>`;
        case 'object': return type.name ?? 'object';
        case 'string': return type.enum ? `string (${type.enum.hard ? 'enum' : 'suggested values'})` : 'string';
        default: return type.kind;
    }
}

/** A short name of the type without enum details, for messages. */
export function kindName(type: PqlType): string {
    return type.kind === 'string' ? 'string' : typeToString(type);
}
