import type { NowSource, RunInputs, SampleSource } from '../../shared/segment-protocol.js';
import { daysInMonth } from '../time/segment-time.js';

/**
 * How a run's inputs are chosen. Each has one precedence, the same for the editor and the CLI:
 *   sample:   `segment.sample.path` setting > `sample` of segment.config.json > the bundled sample;
 *   now:      `segment.now` setting > `now` of segment.config.json > the dataset's declared now > the clock;
 *   timeZone: `segment.timeZone` setting > `timeZone` of segment.config.json > the dataset's declared
 *             time zone (`$meta.timeZone`, which goes with its declared now) > UTC (as AEP evaluates).
 * Pure functions: reading files is the caller's business.
 */

/** The run-related part of segment.config.json, with `sample` already absolute. */
export interface ProjectRunConfig {
    sample?: string;
    now?: string;
    timeZone?: string;
    /** Events in their own file (absolute) and their profile-id column (`segment run`, DuckDB engine). */
    events?: string;
    eventsKey?: string;
    /** DuckDB's memory limit for runs ("memoryLimit"). */
    memoryLimit?: string;
    /** Why `sample` or `events` may not be read (a path outside the workspace, language/schema/segment-config-paths.ts). */
    refused?: { sample?: string; events?: string };
}

/** An input the user gave is unusable; the message names where it came from. */
export class RunInputError extends Error {}

export function resolveSample(request: RunInputs, config: ProjectRunConfig | undefined, bundled: string): { path: string; source: SampleSource } {
    if (request.samplePath) {
        return { path: request.samplePath, source: 'setting' };
    }
    if (config?.sample) {
        if (config.refused?.sample) {
            throw new RunInputError(config.refused.sample);
        }
        return { path: config.sample, source: 'config' };
    }
    return { path: bundled, source: 'bundled' };
}

/** The events file of the config, if any; a RunInputError when it may not be read. */
export function configEvents(config: ProjectRunConfig | undefined): string | undefined {
    if (config?.events && config.refused?.events) {
        throw new RunInputError(config.refused.events);
    }
    return config?.events;
}

/** `declared` is the dataset's `$meta.now`; it is only parsed when neither setting nor config gives a now. */
export function resolveNow(
    request: RunInputs,
    config: ProjectRunConfig | undefined,
    declared: string | undefined,
    clock: () => Date,
): { now: Date; source: NowSource } {
    if (request.now) {
        return { now: parseInstant(request.now, 'the segment.now setting'), source: 'setting' };
    }
    if (config?.now) {
        return { now: parseInstant(config.now, '`now` in segment.config.json'), source: 'config' };
    }
    if (declared) {
        return { now: parseInstant(declared, 'the dataset\'s `$meta.now`'), source: 'dataset' };
    }
    return { now: clock(), source: 'clock' };
}

export function resolveTimeZone(request: RunInputs, config: ProjectRunConfig | undefined, declared?: string): string {
    return resolveZone(request, config, declared).timeZone;
}

/** Where the time zone came from, in the same precedence as now; `default` is UTC. */
export type ZoneSource = 'setting' | 'config' | 'dataset' | 'default';

/** The instant "now" and the time zone a run evaluates with, and where each came from. */
export interface RunClock {
    now: Date;
    nowSource: NowSource;
    timeZone: string;
    timeZoneSource: ZoneSource;
}

/**
 * The one place that settles a run's now and time zone, used by every run (editor, CLI, SQL) and by
 * the hover of `occurs` windows, so that what hover shows and what a run computes cannot disagree.
 * `declared` is the dataset's `$meta` (undefined when there is no dataset to read).
 */
export function resolveRunClock(
    request: RunInputs,
    config: ProjectRunConfig | undefined,
    declared: { now?: unknown; timeZone?: unknown } | undefined,
    clock: () => Date,
): RunClock {
    const declaredNow = typeof declared?.now === 'string' ? declared.now : undefined;
    const declaredZone = typeof declared?.timeZone === 'string' ? declared.timeZone : undefined;
    const { timeZone, source: timeZoneSource } = resolveZone(request, config, declaredZone);
    const { now, source: nowSource } = resolveNow(request, config, declaredNow, clock);
    return { now, nowSource, timeZone, timeZoneSource };
}

function resolveZone(request: RunInputs, config: ProjectRunConfig | undefined, declared?: string): { timeZone: string; source: ZoneSource } {
    const [zone, source, origin]: [string, ZoneSource, string] = request.timeZone
        ? [request.timeZone, 'setting', 'the segment.timeZone setting']
        : config?.timeZone
            ? [config.timeZone, 'config', '`timeZone` in segment.config.json']
            : declared ? [declared, 'dataset', 'the dataset\'s `$meta`'] : ['UTC', 'default', ''];
    try {
        // Throws a RangeError for a zone the runtime does not know.
        return { timeZone: new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone, source };
    } catch {
        throw new RunInputError(`Unknown time zone '${zone}' in ${origin}: expected an IANA name such as Europe/Paris or UTC.`);
    }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/iu;

/**
 * An ISO-8601 date or instant. Without an offset it is read as UTC, not as the server's local
 * time: a setting must mean the same on every machine.
 */
export function parseInstant(text: string, origin: string): Date {
    const trimmed = text.trim();
    if (INSTANT.test(trimmed)) {
        const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/iu.test(trimmed) && trimmed.includes('T');
        const date = new Date(trimmed.includes('T') && !hasOffset ? `${trimmed}Z` : trimmed);
        // `Date` rolls 2026-02-30 over to March 2; a calendar date that does not exist is an input error.
        const [year, month, day] = trimmed.slice(0, 10).split('-').map(Number);
        const exists = month >= 1 && month <= 12 && day <= daysInMonth(year, month);
        if (!Number.isNaN(date.getTime()) && exists) {
            return date;
        }
    }
    throw new RunInputError(`'${text}' in ${origin} is not an ISO-8601 instant such as 2026-11-01T12:00:00Z.`);
}
