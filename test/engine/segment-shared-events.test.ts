/**
 * The run's events-by-type index (segment-shared-events.ts): loops over `xEvent` that require one event
 * type visit only those events during `evaluateSegments`. The run must select exactly what the closure
 * evaluator selects profile by profile, on odd event types too, and the index must never carry one
 * profile's events over to the next.
 */
import { describe, expect, test } from 'vitest';
import { compileSegment, evaluateSegments } from '../../src/engine/segment-engine.js';
import type { Profile } from '../../src/engine/runtime/segment-values.js';
import { NOW, parseSegments } from './engine-helpers.js';

const CONDITIONS = [
    'exists V from xEvent where V.eventType = "v", B from xEvent where B.eventType = "b" and B.n > V.n',
    'select X from xEvent where (X.eventType == "v") and X.n >= 2',
    '(sum X.n over X from xEvent where X.eventType = "b") > 3',
    'xEvent[eventType = "b"].sum(n) >= 4 and xEvent[eventType = "v" and n > 0].average(n) < 3',
    'xEvent[eventType = "v" and n > 1].count() >= 2 or xEvent[eventType = "b"]',
    '(forall E from xEvent : E.eventType = "v" and E.n > 0) and xEvent.count() > 0',
    'not (exists E from xEvent where E.eventType = "V")',
    'chain(xEvent, timestamp, [A: WHAT(eventType = "v") COUNT(2), B: WHAT(eventType = "b") WHEN(<= 2 days before now)])',
    'chain(xEvent, timestamp, [A: WHAT(eventType = "v" and n > 0) WHEN(before today), B: WHAT(eventType.equals("B", false))])',
    'CHAIN(xEvent, timestamp, [A: WHAT(eventType = "b") WHERE(n > 3)])',
]

const T = (day: number, hour = 10): string => `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

const PROFILES: unknown[] = [
    // Chains: in order, out of order, equal times, times as numbers and other offsets, no or odd timestamps.
    { xEvent: [{ eventType: 'v', n: 1, timestamp: T(1) }, { eventType: 'v', n: 1, timestamp: T(2) }, { eventType: 'b', n: 5, timestamp: T(31) }] },
    { xEvent: [{ eventType: 'b', n: 5, timestamp: T(31) }, { eventType: 'v', n: 1, timestamp: T(2) }, { eventType: 'v', n: 1, timestamp: T(1) }] },
    { xEvent: [{ eventType: 'v', n: 1, timestamp: T(2) }, { eventType: 'b', n: 5, timestamp: T(2) }, { eventType: 'v', n: 1, timestamp: T(2) }] },
    { xEvent: [{ eventType: 'v', n: 1, timestamp: Date.parse(T(3)) }, { eventType: 'v', n: 1, timestamp: '2026-10-04T12:00:00+02:00' }, { eventType: 'B', n: 4, timestamp: T(5) }] },
    { xEvent: [{ eventType: 'v', n: 1 }, { eventType: 'v', n: 1, timestamp: 'soon' }, { eventType: 'v', n: 1, timestamp: [T(1)] }, { eventType: 'b', n: 9, timestamp: T(31) }] },
    { xEvent: Array.from({ length: 150 }, (_, i) => ({ eventType: i % 3 === 0 ? 'b' : 'v', n: i % 7, timestamp: T(30 - (i % 30), i % 24) })) },
    {}, { xEvent: null }, { xEvent: [] }, { xEvent: { eventType: 'v', n: 3 } }, { xEvent: 'v' },
    { xEvent: [{ eventType: 'v', n: 1 }, { eventType: 'b', n: 2 }, { eventType: 'v', n: 3 }, { eventType: 'b', n: 4 }] },
    { xEvent: [{ eventType: 'b', n: 9 }, { eventType: 'v', n: 0 }, { n: 5 }, null, 7, 'v'] },
    // Types that are not strings: a comparison may still hold (a list holds when some element does).
    { xEvent: [{ eventType: ['v', 'x'], n: 2 }, { eventType: 'v', n: 3 }, { eventType: 'b', n: 4 }] },
    { xEvent: [{ eventType: 5, n: 2 }, { eventType: 'v', n: 2 }] },
    { xEvent: [{ eventType: ['x', 'v'], n: 5 }, { eventType: 'b', n: 9 }] },
    { xEvent: [new Map<string, unknown>([['eventType', 'v'], ['n', 2]])] },
    { xEvent: [[{ eventType: 'v', n: 3 }]] },
    { xEvent: [[{ eventType: 'v', n: 2 }], { eventType: 'b', n: 1 }] },
    { xEvent: [new Map<string, unknown>([['eventType', 'v'], ['n', 2]]), { eventType: 'v', n: 2 }] },
    { xEvent: [{ eventType: 'V', n: 2 }, { eventType: 'v ', n: 2 }] },
];

describe('events by type during a run', () => {
    test('the run selects what the closures select, profile by profile', async () => {
        const segments = await parseSegments(CONDITIONS.map((c, i) => `segment s${i} { where: ${c} }`).join('\n'));
        const results = await evaluateSegments(segments, PROFILES as Profile[], { now: NOW });
        for (const [i, segment] of segments.entries()) {
            const { compiled } = compileSegment(segment, { now: NOW });
            const expected = (PROFILES as Profile[]).flatMap((p, k) => (compiled.evaluateClauses(p).matched ? [`#${k + 1}`] : []));
            expect(results[i].ids, CONDITIONS[i]).toEqual(expected);
        }
    });

    test('one events list changed between two profiles is indexed afresh', async () => {
        const [segment] = await parseSegments('segment s { where: exists E from xEvent where E.eventType = "b" }');
        const shared = [{ eventType: 'v' }];
        function* profiles(): Generator<Profile> {
            yield { _id: 'first', xEvent: shared };
            shared[0].eventType = 'b';
            yield { _id: 'second', xEvent: shared };
            shared.push({ eventType: 'v' });
            shared[0].eventType = 'v';
            yield { _id: 'third', xEvent: shared };
        }
        const [result] = await evaluateSegments([segment], profiles(), { now: NOW });
        expect(result.ids).toEqual(['second']);
    });
});
