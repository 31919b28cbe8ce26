/**
 * The golden files are only as good as the engine that wrote them, so several examples are
 * re-implemented here by hand in plain JavaScript and must select exactly the same profiles.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateSegment } from '../../src/engine/segment-engine.js';
import { readDataset } from '../../src/engine/data/segment-dataset.js';
import type { Profile } from '../../src/engine/runtime/segment-values.js';
import { parseSegments } from './engine-helpers.js';
import { readFileSync } from 'node:fs';

type Event = Record<string, any>;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-01T12:00:00Z');
const time = (e: Event): number => (typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp));
const events = (p: Profile): Event[] => (p.xEvent as Event[] | undefined) ?? [];

const HAND_WRITTEN: Record<string, [string, (p: Profile) => boolean]> = {
    sneaker_abandoners: ['sneakers.segment', p => {
        const recent = (e: Event): boolean => time(e) >= NOW - 30 * DAY && time(e) < NOW;
        return events(p).some(e => e.eventType === 'search' && String(e.search?.keywords).includes('sneakers') && recent(e))
            && !events(p).some(e => e.eventType === 'commerce.purchases' && recent(e));
    }],
    loyal_customers: ['loyalty.segment', (p: any) => ['gold', 'platinum'].includes(p.loyalty?.tier) && p.consents?.marketing?.email?.val === 'y'],
    big_spenders: ['big-spenders.segment', p => events(p)
        .filter(e => e.eventType === 'commerce.purchases' && time(e) >= NOW - 90 * DAY && time(e) < NOW)
        .reduce((s, e) => s + (e.commerce?.order?.priceTotal ?? 0), 0) > 500],
    checkout_today: ['checkout-funnel.segment', p => events(p).some(e => e.eventType === 'commerce.checkouts'
        && time(e) >= Date.parse('2026-11-01T00:00:00Z') && time(e) < Date.parse('2026-11-02T00:00:00Z'))],
    lapsed_buyers: ['lapsed-buyers.segment', p => {
        const buys = events(p).filter(e => e.eventType === 'commerce.purchases').map(time);
        return buys.some(t => t >= Date.parse('2026-01-01T00:00:00Z') && t < Date.parse('2026-07-01T00:00:00Z'))
            && !buys.some(t => t >= Date.parse('2026-07-01T00:00:00Z'));
    }],
    last_month_buyers: ['lapsed-buyers.segment', p => events(p).some(e => e.eventType === 'commerce.purchases'
        && time(e) >= Date.parse('2026-10-01T00:00:00Z') && time(e) < Date.parse('2026-11-01T00:00:00Z'))],
    checkout_funnel: ['checkout-funnel.segment', p => {
        // Greedy: two views in the window, then a later cart add, then a later checkout.
        const sorted = [...events(p)].sort((a, b) => time(a) - time(b));
        let last = -Infinity;
        let views = 0;
        let step = 0;
        for (const e of sorted) {
            const t = time(e);
            if (t <= last) continue;
            if (step === 0 && e.eventType === 'commerce.productViews' && t >= NOW - 60 * DAY && t < NOW && ++views === 2) { step = 1; last = t; }
            else if (step === 1 && e.eventType === 'commerce.productListAdds') { step = 2; last = t; }
            else if (step === 2 && e.eventType === 'commerce.checkouts') { return true; }
        }
        return false;
    }],
};

let profiles: Profile[] = [];
beforeAll(async () => {
    profiles = (await readDataset(path.resolve(__dirname, '../../examples/sample-profiles.jsonl'))).profiles;
});

describe('engine agrees with hand-written predicates on the sample dataset', () => {
    test.each(Object.keys(HAND_WRITTEN))('%s', async name => {
        const [file, predicate] = HAND_WRITTEN[name];
        const text = readFileSync(path.resolve(__dirname, '../../examples', file), 'utf8');
        const segment = (await parseSegments(text)).find(s => s.name === name)!;
        const result = await evaluateSegment(segment, profiles, { now: new Date(NOW) });
        const expected = profiles.filter(predicate).map(p => p._id as string);
        expect(expected.length).toBeGreaterThan(0);
        expect(result.ids).toEqual(expected);
    });
});
