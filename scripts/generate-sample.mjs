// Generates examples/sample-profiles.jsonl: deterministic (the project's seeded PRNG), needs only the dev dependencies.
// Run: node scripts/generate-sample.mjs [output] — the same seed always gives the same bytes.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const DAY = 86_400_000;
const PROFILES = 520;

/**
 * The project's one seeded generator (mulberry32, src/shared/segment-random.ts), bundled for this
 * script by esbuild (a dev dependency; Node 20 runs no TypeScript): the sample, the fuzzer and the
 * benchmarks draw the same sequences from the same code.
 */
async function loadSeededRandom() {
    const source = fileURLToPath(new URL('../src/shared/segment-random.ts', import.meta.url));
    const { outputFiles } = await build({ entryPoints: [source], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
    const module = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
    return module.seededRandom;
}
const random = (await loadSeededRandom())(20261101);
const pick = list => list[Math.floor(random() * list.length)];
const chance = p => random() < p;
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const money = (lo, hi) => Math.round((lo + random() * (hi - lo)) * 100) / 100;

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Sophia', 'Mateo', 'Mia', 'Elijah', 'Amelia', 'Hiro', 'Chloé', 'Luca',
    'Aisha', 'Mohammed', 'Ingrid', 'Sven', 'Priya', 'Arjun', 'Camila', 'Diego', 'Zoë', 'Finn', 'Hannah', 'Jonas', 'Léa', 'Marco', 'Yuki', 'Grace'];
const LAST = ['Smith', 'Johnson', 'Martin', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Tanaka', 'Nguyen', 'Kowalski', 'Silva', 'Andersson',
    'Murphy', 'Patel', "O'Brien", 'Schmidt', 'Moreau', 'Lopez', 'Kim', 'Novak', 'Meyer', 'Costa', 'Jensen', 'Miller', 'Moore'];
const PLACES = [
    ['US', 'New York', 'NY'], ['US', 'San Francisco', 'CA'], ['US', 'Austin', 'TX'], ['US', 'Seattle', 'WA'], ['US', 'Chicago', 'IL'],
    ['CA', 'Toronto', 'ON'], ['CA', 'Vancouver', 'BC'], ['GB', 'London', 'ENG'], ['GB', 'Manchester', 'ENG'], ['FR', 'Paris', 'IDF'],
    ['FR', 'Lyon', 'ARA'], ['DE', 'Berlin', 'BE'], ['DE', 'Munich', 'BY'], ['ES', 'Madrid', 'MD'], ['IT', 'Milan', 'MI'],
    ['JP', 'Tokyo', '13'], ['AU', 'Sydney', 'NSW'], ['BR', 'São Paulo', 'SP'], ['NL', 'Amsterdam', 'NH'], ['SE', 'Stockholm', 'AB'],
];
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'example.org'];
const PRODUCTS = [
    ['SKU-SNK-001', 'Trail Runner Sneakers', 120], ['SKU-SNK-002', 'Classic White Sneakers', 85], ['SKU-JKT-010', 'Montana Wind Jacket', 180],
    ['SKU-JKT-011', 'Rain Shell Jacket', 140], ['SKU-TEE-020', 'Organic Cotton Tee', 25], ['SKU-BAG-030', 'Weekender Bag', 95],
    ['SKU-SOC-040', 'Merino Socks', 15], ['SKU-CAP-050', 'Running Cap', 22], ['SKU-WAT-060', 'Sport Watch', 249],
];
const SEARCHES = ['sneakers', 'running sneakers', 'white sneakers', 'rain jacket', 'wind jacket', 'merino socks', 'weekender bag', 'sport watch'];
const PAGES = [['Home', 'https://shop.example.com/'], ['Sneakers', 'https://shop.example.com/sneakers'], ['Jackets', 'https://shop.example.com/jackets'],
    ['Sale', 'https://shop.example.com/sale'], ['Help', 'https://shop.example.com/help']];
const AUDIENCES = ['7deb246a-49b4-4687-95f9-6316df049948', '9e1646bb-57ff-4309-ba59-17d6c5bab6a1'];

const iso = ms => new Date(ms).toISOString();

function item(product, quantity = int(1, 3)) {
    return { SKU: product[0], name: product[1], quantity, priceTotal: Math.round(product[2] * quantity * 100) / 100 };
}

/** One event of the given type at `ms`; a few timestamps are epoch ms numbers, as the reference allows. */
function event(id, type, ms, device) {
    const e = { _id: id, eventType: type, timestamp: chance(0.05) ? ms : iso(ms), device: { type: device } };
    const product = pick(PRODUCTS);
    switch (type) {
        case 'search': e.search = { keywords: pick(SEARCHES) }; break;
        case 'web.webpagedetails.pageViews': {
            const [name, URL] = pick(PAGES);
            e.web = { webPageDetails: { name, URL } };
            break;
        }
        case 'commerce.productViews': case 'commerce.productListAdds': case 'commerce.checkouts':
            e.productListItems = [item(product, 1)];
            break;
        case 'commerce.purchases': {
            const items = [item(product), ...(chance(0.4) ? [item(pick(PRODUCTS))] : [])];
            const total = Math.round(items.reduce((s, i) => s + i.priceTotal, 0) * 100) / 100;
            e.commerce = { order: { priceTotal: total, currencyCode: 'USD' }, purchases: { value: 1 } };
            e.productListItems = items;
            break;
        }
        default: break;
    }
    return e;
}

/** A shopping journey: some browsing, maybe a search, cart, checkout and purchase, in time order. */
function journey(profileId, count, device) {
    const events = [];
    let n = 0;
    for (let j = 0; j < count; j++) {
        // Recent days are denser, so windows of 30/90 days hold a realistic share.
        let ms = NOW - Math.floor(Math.pow(random(), 1.6) * 365 * DAY) - int(0, DAY);
        const add = type => {
            events.push(event(`${profileId}-e${++n}`, type, ms, device));
            ms += int(60_000, 3_600_000);
        };
        add(pick(['web.webpagedetails.pageViews', 'application.launch', 'directMarketing.emailOpened']));
        if (chance(0.55)) add('search');
        if (chance(0.7)) add('commerce.productViews');
        if (chance(0.5)) add('commerce.productViews');
        if (chance(0.45)) {
            add('commerce.productListAdds');
            if (chance(0.6)) {
                add('commerce.checkouts');
                if (chance(0.75)) add('commerce.purchases');
            }
        }
        if (chance(0.2)) add('directMarketing.emailClicked');
    }
    // Some activity in the last 24 hours, for the streaming and edge examples.
    if (chance(0.12)) {
        let ms = NOW - int(1, 11) * 3_600_000;
        for (const type of ['commerce.productViews', 'commerce.productListAdds', 'commerce.checkouts']) {
            events.push(event(`${profileId}-e${++n}`, type, ms, device));
            ms += 600_000;
            if (chance(0.3)) break;
        }
    }
    return events
        .filter(e => (typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp)) < NOW)
        .sort((a, b) => (typeof a.timestamp === 'number' ? a.timestamp : Date.parse(a.timestamp)) - (typeof b.timestamp === 'number' ? b.timestamp : Date.parse(b.timestamp)));
}

function profile(index) {
    const id = `p${String(index).padStart(4, '0')}`;
    const first = index === 7 ? '<img src=x onerror=alert(1)>' : pick(FIRST);
    const last = pick(LAST);
    const [countryCode, city, stateProvince] = pick(PLACES);
    const p = { _id: id, person: { name: { firstName: first, lastName: last }, gender: pick(['female', 'male', 'non_specific']) } };
    if (chance(0.9)) p.person.birthYear = int(1950, 2007);
    if (chance(0.93)) p.homeAddress = { countryCode, city, stateProvince };
    if (chance(0.9)) {
        const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase() || 'user';
        p.personalEmail = { address: `${local}${chance(0.3) ? int(1, 99) : ''}@${pick(DOMAINS)}` };
    }
    if (chance(0.6)) {
        const tier = pick(['bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum']);
        p.loyalty = { tier, points: int(0, 60_000), joinDate: iso(NOW - int(30, 3000) * DAY) };
    }
    p.consents = { marketing: { email: { val: pick(['y', 'y', 'n', 'dy']) } } };
    if (chance(0.25)) {
        p.segmentMembership = { ups: {} };
        for (const audience of AUDIENCES) {
            if (chance(0.6)) {
                p.segmentMembership.ups[audience] = {
                    status: pick(['realized', 'existing', 'exited']),
                    lastQualificationTime: iso(NOW - int(1, 200) * DAY),
                };
            }
        }
    }
    const device = pick(['mobile', 'mobile', 'desktop', 'tablet']);
    p.xEvent = chance(0.08) ? [] : journey(id, int(1, 7), device);
    return p;
}

const lines = [JSON.stringify({ $meta: { now: iso(NOW), description: 'Synthetic sample profiles for the .segment examples (scripts/generate-sample.mjs).' } })];
for (let i = 1; i <= PROFILES; i++) {
    lines.push(JSON.stringify(profile(i)));
}
const target = process.argv[2] ?? fileURLToPath(new URL('../examples/sample-profiles.jsonl', import.meta.url));
writeFileSync(target, lines.join('\n') + '\n');
console.log(`Wrote ${PROFILES} profiles to ${target}`);
