/**
 * `segment run` says when the data looks suspicious (issue 13): `warnings` in the text and JSON
 * output (with the counts in `dataWarnings`), the same from `--engine js` and `--engine duckdb`.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { runCli, temporaryFolder } from './segment-cli-helpers.js';

const PROFILES = [
    { _id: 'p1', person: { birthYear: 1990 }, loyalty: { points: 9007199254740993 }, xEvent: [{ eventType: 'search', timestamp: 1772445600 }] },
    { _id: 'p1', person: { birthYear: 1970 }, xEvent: [{ eventType: 'search', timestamp: '2026-02-30T10:00:00Z' }] },
];

const WARNINGS = [
    'duplicate ids: 1 profile repeats the _id of an earlier profile (p1); each record is evaluated and counted as a profile of its own.',
    'unsafe integers (beyond ±(2^53 − 1) = ±9007199254740991 numbers lose their last digits and may compare wrong): loyalty.points (1).',
    'timestamps before 1990 read from numbers (read as epoch milliseconds; likely epoch seconds): xEvent.timestamp (1).',
    'invalid timestamps (not a date, such as 2026-02-30 or text; they never occur): xEvent.timestamp (1).',
];

test('text and JSON output carry the same warnings whichever engine ran', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'profiles.jsonl'), PROFILES.map(p => JSON.stringify(p)).join('\n') + '\n');
    writeFileSync(path.join(folder, 'a.segment'), 'segment a {\n    where: person.birthYear > 1980\n}\n');
    for (const engine of ['js', 'duckdb']) {
        const json = runCli(['run', 'a.segment', '--data', 'profiles.jsonl', '--engine', engine, '--format', 'json'], folder);
        expect(json.status).toBe(0);
        const result = JSON.parse(json.stdout) as { engine: string; warnings: string[]; dataWarnings: Record<string, unknown> };
        expect(result.engine).toBe(engine);
        expect(result.warnings).toEqual(WARNINGS);
        expect(result.dataWarnings).toEqual({
            duplicateIds: { count: 1, first: ['p1'] },
            unsafeIntegers: [{ path: 'loyalty.points', count: 1 }],
            earlyTimestamps: [{ path: 'xEvent.timestamp', count: 1 }],
            invalidTimestamps: [{ path: 'xEvent.timestamp', count: 1 }],
        });
        const text = runCli(['run', 'a.segment', '--data', 'profiles.jsonl', '--engine', engine], folder);
        expect(text.stdout.split('\n').filter(l => l.startsWith('  warning: '))).toEqual(WARNINGS.map(w => `  warning: ${w}`));
    }
});
