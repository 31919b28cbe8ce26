import type { Random } from './random.js';

/** A profile record, or a line of text that is no valid JSON at all. */
export interface DataMutation {
    line: string;
    /** What was done, for the report. */
    what: string;
    /** Whether the line is still valid JSON (a run may accept it); otherwise it must be reported by line. */
    json: boolean;
}

const HOSTILE_VALUES: Array<[string, (random: Random) => string]> = [
    ['arrays nested deep', random => nested(random.pick([100, 2_000, 6_000]), '[', ']')],
    ['objects nested deep', random => nested(random.pick([100, 2_000, 12_000]), '{"a":', '}')],
    ['huge number', random => random.pick(['1e400', '-1e400', '123456789012345678901234567890', '9007199254740993', '-0', '5e-324', '1' + '0'.repeat(400)])],
    ['invalid timestamp', random => JSON.stringify(random.pick(['2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', 'not a date', '', '0000-00-00', '2026-11-01T25:61:61Z', '+275760-09-13T00:00:01Z']))],
    ['epoch number as timestamp', random => String(random.pick([0, -1, 1e20, 1_764_000_000, 1_764_000_000_000, 1.5]))],
    ['wrong type', random => random.pick(['"a string"', '42', 'true', 'null', '[]', '{}', '[null]', '{"0":1}'])],
    ['NUL in a string', () => '"a\\u0000b"'],
    ['lone surrogate', () => '"\\ud800x"'],
    ['prototype keys', () => '{"__proto__":{"x":1},"constructor":1,"toString":"s"}'],
    ['long string', random => JSON.stringify('x'.repeat(random.pick([10_000, 1_000_000])))],
];

/** Fields of the sample's profiles where a hostile value does most harm. */
const TARGETS = ['_id', 'person', 'person.birthYear', 'person.name.firstName', 'xEvent', 'xEvent.0', 'xEvent.0.timestamp',
    'xEvent.0.eventType', 'xEvent.0.commerce', 'homeAddress', 'personalEmail.address', 'segmentMembership', 'timestamp'];

/**
 * A profile line with one field replaced by a hostile value (deeply nested, huge, an invalid
 * timestamp, a wrong type, NUL …), or the line damaged at byte level (cut, binary, raw NUL, BOM).
 */
export function mutateRecord(line: string, random: Random): DataMutation {
    if (random.chance(0.3)) {
        return damage(line, random);
    }
    const [what, value] = random.pick(HOSTILE_VALUES);
    const target = random.pick(TARGETS);
    const record = JSON.parse(line) as Record<string, unknown>;
    const marker = `@@FUZZ${random.int(0, 1e9)}@@`;
    setPath(record, target.split('.'), marker);
    const text = JSON.stringify(record).replace(JSON.stringify(marker), value(random));
    return { line: text, what: `${what} at ${target}`, json: isJson(text) };
}

function damage(line: string, random: Random): DataMutation {
    const at = random.int(0, line.length);
    const [what, text] = random.pick<[string, string]>([
        ['cut short', line.slice(0, at)],
        ['raw NUL byte', `${line.slice(0, at)}\0${line.slice(at)}`],
        ['BOM inside', `${line.slice(0, at)}\uFEFF${line.slice(at)}`],
        ['binary bytes', `${line.slice(0, at)}${String.fromCharCode(...Array.from({ length: 16 }, () => random.int(0, 255)))}${line.slice(at)}`],
        ['two records on a line', `${line}${line}`],
        ['trailing comma', `${line},`],
    ]);
    return { line: text, what, json: isJson(text) };
}

function nested(depth: number, open: string, close: string): string {
    return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
    let node: Record<string, unknown> = target;
    for (const key of path.slice(0, -1)) {
        if (typeof node[key] !== 'object' || node[key] === null) {
            node[key] = /^\d+$/u.test(path[path.indexOf(key) + 1] ?? '') ? [] : {};
        }
        node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
}

function isJson(text: string): boolean {
    try {
        JSON.parse(text);
        return true;
    } catch {
        return false;
    }
}
