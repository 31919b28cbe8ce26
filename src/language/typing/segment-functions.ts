import {
    arrayOf, BOOLEAN, DATE, elementOf, INTEGER, isNumeric, mapOf, NUMBER, STRING, UNKNOWN, type PqlType,
} from './segment-types.js';

/**
 * The PQL function catalog (reference §2): every built-in function and method with its receiver,
 * parameters, result type, description and example. Validation (unknown name, arity, argument
 * types), completion (snippets) and hover (signatures) all read this one table.
 */

/** What an argument must be. `element` arguments are evaluated per element of the receiver, with the element as implicit context. */
export type ParamKind = 'string' | 'boolean' | 'integer' | 'number' | 'any' | 'array' | 'element' | 'function';

/** The receiver of a method: `temporal` is date or date-time; `array-or-object` treats an object as a one-element list. */
export type ReceiverKind = 'string' | 'array' | 'map' | 'temporal' | 'any' | 'array-or-object';

export interface PqlParameter {
    name: string;
    kind: ParamKind;
    optional?: boolean;
}

export interface PqlFunction {
    name: string;
    /** `method`: called on a value (`a.count()`); `function`: called by name (`currentYear()`). */
    form: 'method' | 'function';
    receiver?: ReceiverKind;
    params: readonly PqlParameter[];
    /** Result label for signatures. */
    returns: string;
    /** The result type from the receiver and argument types; unknown when it cannot be told. */
    result: (receiver: PqlType, args: readonly PqlType[]) => PqlType;
    description: string;
    example: string;
    /** Reference section, for hover. */
    section: string;
}

const caseFlag: PqlParameter = { name: 'caseSensitive', kind: 'boolean', optional: true };

function stringTest(name: string, description: string, example: string): PqlFunction {
    return {
        name, form: 'method', receiver: 'string', params: [{ name: 'text', kind: 'string' }, caseFlag], returns: 'boolean',
        result: () => BOOLEAN, description: `${description} The optional flag is case sensitivity: omitted or \`true\` is case-sensitive, \`false\` ignores case. False when either string is missing.`,
        example, section: '§2.6 String functions',
    };
}

function aggregate(name: string, verb: string, result: (element: PqlType) => PqlType): PqlFunction {
    return {
        name, form: 'method', receiver: 'array', params: [{ name: 'value', kind: 'element', optional: true }], returns: 'number',
        result: (receiver, args) => result(args[0] ?? elementOf(receiver)),
        description: `The ${verb} of \`value\` evaluated for each element (the element is the implicit context of \`value\`); without \`value\`, of the numeric elements themselves.`,
        example: `xEvent[eventType = "commerce.purchases"].${name}(commerce.order.priceTotal) > 100`, section: '§2.8 Aggregation functions',
    };
}

const numericResult = (element: PqlType): PqlType => (element.kind === 'integer' ? INTEGER : isNumeric(element) ? NUMBER : element.kind === 'unknown' ? UNKNOWN : NUMBER);
const sameArray = (receiver: PqlType): PqlType => (receiver.kind === 'array' ? receiver : receiver.kind === 'object' ? arrayOf(receiver) : UNKNOWN);
const dateComponent = (name: string, what: string): PqlFunction => ({
    name, form: 'method', receiver: 'temporal', params: [], returns: 'integer', result: () => INTEGER,
    description: `The ${what} of the date or timestamp, in UTC.`, example: `person.birthDate.${name}() = 6`, section: '§2.9 Date and time functions',
});
const current = (name: string, what: string, example: string): PqlFunction => ({
    name, form: 'function', params: [], returns: 'integer', result: () => INTEGER,
    description: `The current ${what} (UTC) at the start of the evaluation run.`, example, section: '§2.9 Date and time functions',
});

export const PQL_FUNCTIONS: readonly PqlFunction[] = [
    // §2.6 strings
    stringTest('startsWith', 'Whether the string starts with `text`.', 'workEmail.address.startsWith("joe", false)'),
    stringTest('doesNotStartWith', 'Whether the string does not start with `text`.', 'person.name.lastName.doesNotStartWith("Mc")'),
    stringTest('endsWith', 'Whether the string ends with `text`.', 'personalEmail.address.endsWith(".edu")'),
    stringTest('doesNotEndWith', 'Whether the string does not end with `text`.', 'workEmail.address.doesNotEndWith(".edu", true)'),
    stringTest('contains', 'Whether `text` occurs in the string.', 'workEmail.address.contains("yahoo", false)'),
    stringTest('doesNotContain', 'Whether `text` does not occur in the string.', 'personalEmail.address.doesNotContain("test")'),
    stringTest('equals', 'Whether the string equals `text`.', 'homeAddress.country.equals("Canada", false)'),
    stringTest('notEqualTo', 'Whether the string differs from `text`.', 'person.name.firstName.notEqualTo("John", true)'),
    {
        name: 'matches', form: 'method', receiver: 'string', params: [{ name: 'regex', kind: 'string' }], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether a Java regular expression matches somewhere in the string; prefix `(?i)` to ignore case. Backslashes are doubled: `"\\\\d"`.',
        example: 'person.name.firstName.matches("^J.*n$")', section: '§2.6 String functions',
    },
    {
        name: 'regexGroup', form: 'method', receiver: 'string', params: [{ name: 'regex', kind: 'string' }, { name: 'group', kind: 'integer' }], returns: 'string',
        result: () => STRING, description: 'Capture group `group` of the first match of the regular expression; missing when it does not match.',
        example: 'personalEmail.address.regexGroup("@(\\\\w+)", 1) = "gmail"', section: '§2.6 String functions',
    },
    // §2.7 objects
    {
        name: 'isNull', form: 'method', receiver: 'any', params: [], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether the value is missing.', example: 'person.birthDate.isNull()', section: '§2.7 Object functions',
    },
    {
        name: 'isNotNull', form: 'method', receiver: 'any', params: [], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether the value is present.', example: 'personalEmail.address.isNotNull()', section: '§2.7 Object functions',
    },
    // §2.4 arrays
    {
        name: 'intersects', form: 'method', receiver: 'array', params: [{ name: 'other', kind: 'array' }], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether the two arrays share at least one element.', example: '_acme.interests.intersects(["running", "yoga"])', section: '§2.4 Array functions',
    },
    {
        name: 'intersection', form: 'method', receiver: 'array', params: [{ name: 'other', kind: 'array' }], returns: 'array', result: receiver => sameArray(receiver),
        description: 'The elements of both arrays; missing when they share none.', example: '_acme.interests.intersection(["running", "yoga"]) = ["yoga"]', section: '§2.4 Array functions',
    },
    {
        name: 'subsetOf', form: 'method', receiver: 'array', params: [{ name: 'other', kind: 'array' }], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether every element of the array is in `other`.', example: 'loyalty.loyaltyID.subsetOf(["A1", "B2"])', section: '§2.4 Array functions',
    },
    {
        name: 'supersetOf', form: 'method', receiver: 'array', params: [{ name: 'other', kind: 'array' }], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether the array contains every element of `other`.', example: '_acme.interests.supersetOf(["running", "yoga"])', section: '§2.4 Array functions',
    },
    {
        name: 'includes', form: 'method', receiver: 'array', params: [{ name: 'item', kind: 'any' }], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether the array contains `item`.', example: '_acme.interests.includes("running")', section: '§2.4 Array functions',
    },
    {
        name: 'distinct', form: 'method', receiver: 'array', params: [], returns: 'array', result: receiver => sameArray(receiver),
        description: 'The array without duplicates; `.distinct().count()` counts distinct values.', example: 'xEvent.productListItems.SKU.distinct().count() > 3', section: '§2.4 Array functions',
    },
    {
        name: 'groupBy', form: 'method', receiver: 'array', params: [{ name: 'key', kind: 'element' }], returns: 'map', result: receiver => mapOf(sameArray(receiver)),
        description: 'A map from each distinct value of `key` (evaluated per element) to the elements having it.', example: 'xEvent[eventType = "commerce.purchases"].groupBy(commerce.order.currencyCode)', section: '§2.4 Array functions',
    },
    {
        name: 'filter', form: 'method', receiver: 'array-or-object', params: [{ name: 'condition', kind: 'element' }], returns: 'array', result: receiver => sameArray(receiver),
        description: 'The elements for which `condition` holds, evaluated with the element as implicit context; the same as `array[condition]`. On an object, the object is a one-element list.',
        example: 'xEvent.filter(eventType = "commerce.purchases").count() > 2', section: '§2.4 Array functions',
    },
    {
        name: 'exists', form: 'method', receiver: 'array', params: [{ name: 'condition', kind: 'element' }], returns: 'boolean', result: () => BOOLEAN,
        description: 'Whether some element satisfies `condition` (the element is its implicit context). Emitted by the Segment Builder.',
        example: 'productListItems.exists(name.equals("MONTANA WIND JACKET", false))', section: '§2.4 Array functions',
    },
    {
        name: 'map', form: 'method', receiver: 'any', params: [{ name: 'function', kind: 'function' }], returns: 'array', result: () => UNKNOWN,
        description: 'Applies a function (a lambda such as `(K, G) => mapEntry(K, G.count())` on a map) to each element.',
        example: 'xEvent.groupBy(eventType).map((K, G) => mapEntry(K, G.count()))', section: '§2.4 Array functions',
    },
    {
        name: 'topN', form: 'method', receiver: 'array', params: [{ name: 'value', kind: 'element' }, { name: 'n', kind: 'integer' }], returns: 'array', result: receiver => sameArray(receiver),
        description: 'The `n` elements with the largest `value` (the doc\'s captions; its prose says the opposite).', example: 'xEvent.topN(commerce.order.priceTotal, 3)', section: '§2.4 Array functions',
    },
    {
        name: 'bottomN', form: 'method', receiver: 'array', params: [{ name: 'value', kind: 'element' }, { name: 'n', kind: 'integer' }], returns: 'array', result: receiver => sameArray(receiver),
        description: 'The `n` elements with the smallest `value`.', example: 'xEvent.bottomN(commerce.order.priceTotal, 3)', section: '§2.4 Array functions',
    },
    {
        name: 'head', form: 'method', receiver: 'array', params: [], returns: 'element', result: receiver => elementOf(receiver),
        description: 'The first element; missing for an empty array.', example: 'xEvent.topN(commerce.order.priceTotal, 1).head().commerce.order.priceTotal > 500', section: '§2.4 Array functions',
    },
    // §2.8 aggregation
    {
        name: 'count', form: 'method', receiver: 'array', params: [], returns: 'integer', result: () => INTEGER,
        description: 'The number of elements.', example: 'xEvent[eventType = "commerce.purchases"].count() >= 3', section: '§2.8 Aggregation functions',
    },
    aggregate('sum', 'sum', numericResult),
    aggregate('average', 'arithmetic mean', () => NUMBER),
    aggregate('min', 'minimum', numericResult),
    aggregate('max', 'maximum', numericResult),
    // §2.5 maps
    {
        name: 'get', form: 'method', receiver: 'map', params: [{ name: 'key', kind: 'string' }], returns: 'value', result: receiver => (receiver.kind === 'map' ? receiver.value : UNKNOWN),
        description: 'The value stored under `key`; missing when the key is absent.', example: 'identityMap.get("Email").count() > 0', section: '§2.5 Map functions',
    },
    {
        name: 'keys', form: 'method', receiver: 'map', params: [], returns: 'array<string>', result: () => arrayOf(STRING),
        description: 'The keys of the map.', example: 'identityMap.keys().includes("ECID")', section: '§2.5 Map functions',
    },
    {
        name: 'values', form: 'method', receiver: 'map', params: [], returns: 'array', result: receiver => (receiver.kind === 'map' ? arrayOf(receiver.value) : UNKNOWN),
        description: 'The values of the map.', example: 'segmentMembership.get("ups").values().exists(status = "realized")', section: '§2.5 Map functions',
    },
    // §2.9 dates
    dateComponent('getMonth', 'month (1–12)'),
    dateComponent('getYear', 'year'),
    dateComponent('getDayOfMonth', 'day of the month (1–31)'),
    current('currentMonth', 'month (1–12)', 'person.birthDate.getMonth() = currentMonth()'),
    current('currentYear', 'year', 'person.birthYear < currentYear() - 65'),
    current('currentDayOfMonth', 'day of the month (1–31)', 'currentDayOfMonth() <= 7'),
    {
        name: 'date', form: 'function', params: [{ name: 'year', kind: 'integer' }, { name: 'month', kind: 'integer' }, { name: 'day', kind: 'integer' }], returns: 'date',
        result: () => DATE, description: 'The UTC calendar day `year-month-day` (a one-day interval in `occurs`).',
        example: 'timestamp occurs between date(2025, 11, 1) and date(2025, 11, 30)', section: '§2.9 Date and time functions',
    },
    // §2.1 boolean, computed attributes
    {
        name: 'if', form: 'function', params: [{ name: 'test', kind: 'boolean' }, { name: 'then', kind: 'any' }, { name: 'else', kind: 'any' }], returns: 'then | else',
        result: (_, args) => (args[1] && args[2] && sameKind(args[1], args[2]) ? args[1] : UNKNOWN),
        description: '`then` when `test` holds, else `else`.', example: 'if(homeAddress.countryCode = "CA", 1, 2) = 1', section: '§2.1 Boolean functions',
    },
    {
        name: 'mapEntry', form: 'function', params: [{ name: 'key', kind: 'any' }, { name: 'value', kind: 'any' }], returns: 'map entry', result: () => UNKNOWN,
        description: 'A key/value pair, the result of the lambda given to `.map(…)` over a `groupBy` map (computed attributes).',
        example: 'xEvent.groupBy(eventType).map((K, G) => mapEntry(K, G.count()))', section: '§2.5 Map functions',
    },
];

function sameKind(a: PqlType, b: PqlType): boolean {
    return a.kind === b.kind || (isNumeric(a) && isNumeric(b));
}

const METHODS = new Map(PQL_FUNCTIONS.filter(f => f.form === 'method').map(f => [f.name, f]));
const FUNCTIONS = new Map(PQL_FUNCTIONS.filter(f => f.form === 'function').map(f => [f.name, f]));

export function findMethod(name: string): PqlFunction | undefined {
    return METHODS.get(name);
}

export function findFunction(name: string): PqlFunction | undefined {
    return FUNCTIONS.get(name);
}

export function methodNames(): string[] {
    return [...METHODS.keys()];
}

export function functionNames(): string[] {
    return [...FUNCTIONS.keys()];
}

/** Whether a method can be called on a value of the type (unknown receivers accept every method). */
export function acceptsReceiver(fn: PqlFunction, receiver: PqlType): boolean {
    switch (fn.receiver) {
        case undefined: case 'any': return true;
        case 'string': return receiver.kind === 'string' || receiver.kind === 'unknown';
        case 'array': return receiver.kind === 'array' || receiver.kind === 'unknown';
        case 'array-or-object': return receiver.kind === 'array' || receiver.kind === 'object' || receiver.kind === 'unknown';
        case 'map': return receiver.kind === 'map' || receiver.kind === 'unknown';
        case 'temporal': return receiver.kind === 'date' || receiver.kind === 'date-time' || receiver.kind === 'unknown';
    }
}

export function receiverLabel(kind: ReceiverKind | undefined): string {
    switch (kind) {
        case 'temporal': return 'date or date-time';
        case 'array-or-object': return 'array or object';
        case undefined: case 'any': return 'any value';
        default: return kind;
    }
}

/** `contains(text: string, caseSensitive?: boolean): boolean` */
export function signatureOf(fn: PqlFunction): string {
    const params = fn.params.map(p => `${p.name}${p.optional ? '?' : ''}: ${p.kind === 'element' ? 'expression per element' : p.kind}`).join(', ');
    const receiver = fn.form === 'method' ? `${receiverLabel(fn.receiver)}.` : '';
    return `${receiver}${fn.name}(${params}): ${fn.returns}`;
}

/** A completion snippet with placeholders for the required parameters: `contains(${1:text})`. */
export function snippetOf(fn: PqlFunction): string {
    const required = fn.params.filter(p => !p.optional);
    return `${fn.name}(${required.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`;
}

export function arity(fn: PqlFunction): { min: number; max: number } {
    return { min: fn.params.filter(p => !p.optional).length, max: fn.params.length };
}
