// Deterministic synthetic XDM-like profiles (the engine's dataset shape: `_id`, attributes, `xEvent`).
import { Prng } from './prng.js';

/** The pinned reference time of every benchmark run. */
export const NOW = new Date('2026-11-01T12:00:00.000Z');
const DAY = 86_400_000;

export const MEMBER_SEGMENT_ID = '7deb246a-49b4-4687-95f9-6316df049948';
const COUNTRIES = ['US', 'US', 'US', 'CA', 'DE', 'FR', 'GB', 'JP', 'BR', 'IN'];
const TIERS = ['bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum'];
const FIRST = ['Ada', 'Jon', 'Mia', 'Sam', 'Lea', 'Tom', 'Eva', 'Max'];
const LAST = ['Smith', 'Jones', 'Meyer', 'Dubois', 'Rossi', 'Tanaka', 'Silva', 'Kumar'];
/** Event types, weighted towards views so that sequences (view → add → purchase) are not trivially common. */
const EVENT_TYPES = [
    'web.webpagedetails.pageViews', 'web.webpagedetails.pageViews', 'web.webpagedetails.pageViews',
    'commerce.productViews', 'commerce.productViews', 'commerce.productListAdds',
    'commerce.purchases', 'directMarketing.emailOpened', 'application.launch',
];
const SKUS = ['PS-1', 'PS-2', 'XB-1', 'SW-1', 'HD-9'];

export type Profile = Record<string, unknown>;

/** Profile `index` of the data set with `seed`: the same arguments give the same profile. */
export function makeProfile(rng: Prng, index: number): Profile {
    const profile: Profile = {
        _id: `p${String(index).padStart(7, '0')}`,
        person: {
            name: { firstName: rng.pick(FIRST), lastName: rng.pick(LAST) },
            birthYear: rng.int(1940, 2008),
            gender: rng.chance(0.5) ? 'female' : 'male',
        },
        homeAddress: { countryCode: rng.pick(COUNTRIES), city: `City ${rng.int(1, 50)}` },
        personalEmail: { address: `user${index}@example.com` },
        loyalty: { tier: rng.pick(TIERS), points: rng.int(0, 5000) },
    };
    if (rng.chance(0.3)) {
        profile.segmentMembership = {
            ups: { [MEMBER_SEGMENT_ID]: { status: rng.pick(['realized', 'existing', 'exited']), lastQualificationTime: '2026-10-01T00:00:00Z' } },
        };
    }
    // 0–20 events in the last 120 days, in time order with distinct timestamps (as AEP exports them).
    const count = rng.int(0, 20);
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(NOW.getTime() - rng.int(1, 120 * DAY));
    times.sort((a, b) => a - b);
    const events: Profile[] = [];
    let last = -Infinity;
    for (let i = 0; i < count; i++) {
        const t = Math.max(times[i], last + 1);
        last = t;
        const eventType = rng.pick(EVENT_TYPES);
        const event: Profile = { _id: `${profile._id}-e${i}`, timestamp: new Date(t).toISOString(), eventType };
        if (eventType.startsWith('commerce.')) {
            const items = rng.int(1, 3);
            const productListItems = [];
            let total = 0;
            for (let j = 0; j < items; j++) {
                const price = rng.int(5, 300);
                total += price;
                productListItems.push({ SKU: rng.pick(SKUS), quantity: 1, priceTotal: price });
            }
            event.productListItems = productListItems;
            if (eventType === 'commerce.purchases') event.commerce = { order: { priceTotal: total, currencyCode: 'USD' } };
        } else if (eventType.startsWith('web.')) {
            event.web = { webPageDetails: { name: `page-${rng.int(1, 40)}`, URL: `https://example.com/p/${rng.int(1, 40)}` } };
        }
        events.push(event);
    }
    profile.xEvent = events;
    return profile;
}

/** `count` profiles starting at `first`, each one from its own seed so chunks can be generated independently. */
export function* profiles(seed: number, count: number, first = 0): Generator<Profile> {
    for (let i = first; i < first + count; i++) {
        yield makeProfile(new Prng((seed * 0x9e3779b1) ^ i), i);
    }
}
