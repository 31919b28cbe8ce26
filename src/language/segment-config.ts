import { daysInMonth } from '../engine/time/segment-time.js';
import { closestNames } from './references/segment-names.js';

/**
 * The project configuration file, `segment.config.json`, read by the language server (nearest
 * file above each document) and by the CLI. Paths are relative to the file's folder.
 *
 * ```json
 * {
 *     "schema": "schemas/profile.schema.json",
 *     "eventSchema": "schemas/event.schema.json",
 *     "sample": "sample-profiles.jsonl",
 *     "now": "2026-11-23T12:00:00Z",
 *     "timeZone": "UTC"
 * }
 * ```
 */
export interface SegmentConfig {
    /** XDM Individual Profile union schema exported from AEP's Schema Registry; default: the bundled schema. */
    schema?: string;
    /** XDM ExperienceEvent union schema (the shape of `xEvent` elements); default: the bundled schema. */
    eventSchema?: string;
    /** Sample profiles (JSON array or JSON Lines) for "Run Against Sample Profiles". */
    sample?: string;
    /** ISO-8601 instant used as `now` when running segments and in hovers. */
    now?: string;
    /** IANA time zone for calendar words; default UTC, as AEP. */
    timeZone?: string;
    /** Experience events in their own file (Parquet or JSON), joined to the sample's profiles by `segment run` (docs/sql.md). */
    events?: string;
    /** The events' column holding the profile's `_id`. */
    eventsKey?: string;
    /** DuckDB's memory limit for runs, such as "2GB" (default engine/sql/duckdb-engine.ts MEMORY_LIMIT). */
    memoryLimit?: string;
    /**
     * Lets the paths above point anywhere; by default they must stay inside the config's folder,
     * its git repository or the editor's workspace folder (schema/segment-config-paths.ts).
     */
    allowPathsOutsideWorkspace?: boolean;
}

export const SEGMENT_CONFIG_FILE = 'segment.config.json';

/** What each key must hold (a string unless `type` says otherwise): the description used in messages. */
const KEYS: Record<keyof SegmentConfig | '$schema', { description: string; type?: 'boolean'; check?: (value: string) => string | undefined }> = {
    $schema: { description: 'JSON Schema of this file (ignored)' },
    schema: { description: 'path of the profile schema (.json)', check: jsonPath },
    eventSchema: { description: 'path of the experience event schema (.json)', check: jsonPath },
    sample: { description: 'path of the sample profiles (.json or .jsonl)' },
    now: { description: 'ISO-8601 instant such as "2026-11-23T12:00:00Z"', check: isoInstant },
    timeZone: { description: 'IANA time zone such as "Europe/Berlin"', check: timeZone },
    events: { description: 'path of the experience events joined to the sample (.parquet, .json or .jsonl)', check: jsonPath },
    eventsKey: { description: 'column of the events holding the profile id', check: jsonPath },
    memoryLimit: { description: 'DuckDB\'s memory limit such as "2GB"', check: memorySize },
    allowPathsOutsideWorkspace: { description: 'true to let paths point outside the project\'s folder, git repository and workspace', type: 'boolean' },
};

/** One problem of a segment.config.json, with what it concerns (where it is reported: schema/segment-config-locations.ts). */
export interface ConfigError {
    message: string;
    /** The top-level key it concerns; none: the file as a whole. */
    key?: string;
    /** Whether the key itself (unknown) or its value is wrong. */
    part?: 'name' | 'value';
    /** Offset of a JSON syntax error in the text, as JSON.parse reports it. */
    offset?: number;
}

export interface ConfigParseResult {
    config?: SegmentConfig;
    /** One entry per problem; empty when the file is valid. */
    errors: ConfigError[];
}

/** Parses and validates the text of a segment.config.json; never throws. */
export function parseSegmentConfig(text: string): ConfigParseResult {
    let json: unknown;
    // A BOM is accepted, as in data files (editors on Windows write one).
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    try {
        json = JSON.parse(text.slice(bom));
    } catch (error) {
        const message = (error as Error).message;
        const position = /at position (\d+)/u.exec(message)?.[1];
        return { errors: [{ message: `not valid JSON: ${message}`, offset: position !== undefined ? Number(position) + bom : text.length }] };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { errors: [{ message: 'the file must contain a JSON object such as { "schema": "schemas/profile.schema.json" }' }] };
    }
    const errors: ConfigError[] = [];
    const config: Record<string, string | boolean> = {};
    for (const [key, value] of Object.entries(json)) {
        // Own keys only: "__proto__", "constructor" or "toString" are unknown keys, not Object's members.
        const rule = Object.hasOwn(KEYS, key) ? KEYS[key as keyof typeof KEYS] : undefined;
        if (!rule) {
            const hint = closestNames(key, Object.keys(KEYS));
            const message = `unknown key "${key}"${hint.length ? ` (did you mean "${hint[0]}"?)` : ''}; allowed keys: ${Object.keys(KEYS).filter(k => k !== '$schema').join(', ')}`;
            errors.push({ message, key, part: 'name' });
        } else if (rule.type === 'boolean') {
            if (typeof value === 'boolean') {
                config[key] = value;
            } else {
                errors.push({ message: `"${key}" must be true or false: ${rule.description}`, key, part: 'value' });
            }
        } else if (typeof value !== 'string') {
            errors.push({ message: `"${key}" must be a string: the ${rule.description}`, key, part: 'value' });
        } else {
            const problem = rule.check?.(value);
            if (problem) {
                errors.push({ message: `"${key}": ${problem}`, key, part: 'value' });
            } else if (key !== '$schema') {
                config[key] = value;
            }
        }
    }
    return { config: errors.length === 0 ? config as SegmentConfig : undefined, errors };
}

function jsonPath(value: string): string | undefined {
    return value.trim() === '' ? 'must not be empty' : undefined;
}

function isoInstant(value: string): string | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/u.exec(value);
    const ok = match !== null && !Number.isNaN(Date.parse(value)) && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return ok ? undefined : `"${value}" is not an ISO-8601 instant with offset, such as "2026-11-23T12:00:00Z"`;
}

/** `Date.parse` rolls "2026-02-30" over to March 2 instead of rejecting it. */
function isCalendarDay(year: number, month: number, day: number): boolean {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function memorySize(value: string): string | undefined {
    return isMemorySize(value) ? undefined : `"${value}" is not a size such as "512MB" or "2GB"`;
}

/** A size DuckDB's `memory_limit` takes (the CLI's --memory-limit checks the same). */
export function isMemorySize(value: string): boolean {
    return /^\d+(\.\d+)?\s*[KMGT]i?B$/iu.test(value);
}

function timeZone(value: string): string | undefined {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: value });
        return undefined;
    } catch {
        return `"${value}" is not an IANA time zone such as "UTC" or "Europe/Berlin"`;
    }
}
