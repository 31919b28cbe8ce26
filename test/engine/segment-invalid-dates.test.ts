/** A timestamp naming a day the month lacks is not a date: it never occurs, and the run counts it (issue 13). */
import { expect, test } from 'vitest';
import { toEpoch } from '../../src/engine/runtime/segment-values.js';
import { run } from './engine-helpers.js';

test.each(['2026-02-30T10:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T10:00:00.000+02:00', '2100-02-29T00:00:00Z', '2026-06-31'])('%s is not a date', text => {
    expect(toEpoch(text)).toBeNull();
});

test.each(['2024-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-01-31T23:59:59Z', '2026-04-30T10:00:00Z', '2026-12-31'])('%s is a date', text => {
    expect(toEpoch(text)).not.toBeNull();
});

test('an impossible date never occurs, and the run reports how many it saw', async () => {
    const result = await run('xEvent[timestamp occurs between date(2026, 3, 1) and date(2026, 3, 31)]', [
        { _id: 'rolled', xEvent: [{ timestamp: '2026-02-30T10:00:00Z' }, { timestamp: '2026-02-31T10:00:00Z' }] },
        { _id: 'real', xEvent: [{ timestamp: '2026-03-02T10:00:00Z' }] },
    ], { now: new Date('2026-11-01T12:00:00Z'), dataChecks: { numbers: [], timestamps: ['xEvent.timestamp'] } });
    expect(result.ids).toEqual(['real']);
    expect(result.dataWarnings?.invalidTimestamps).toEqual([{ path: 'xEvent.timestamp', count: 2 }]);
    expect(result.warnings?.join('\n')).toContain('invalid timestamps (not a date, such as 2026-02-30 or text; they never occur): xEvent.timestamp (2).');
});
