/**
 * A seeded generator of random, well-typed PQL conditions over the bundled XDM schema (the fields of
 * examples/sample-profiles.jsonl) and of random profiles to run them on. The same seed always gives
 * the same segments and profiles, so a disagreement found by a differential test is reproducible.
 * Used by the DuckDB differential tests (test/engine/sql/) and reusable by any test that wants many
 * valid segments: `generateCondition(random)` is source text for `segment s { where: … }`.
 */

// The one seeded generator of the project (mulberry32), shared with the witness search.
import { seededRandom, type Random } from '../../src/shared/segment-random.js';

export type { Random };
export const createRandom = seededRandom;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (random: Random, lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
const chance = (random: Random, p: number): boolean => random() < p;

/** The reference now of generated data: Sunday 2026-11-01 12:00 UTC. */
export const GENERATED_NOW = '2026-11-01T12:00:00.000Z';
const NOW = Date.parse(GENERATED_NOW);
const DAY = 86_400_000;

const FIRST = ['Ann', 'anna', 'Bob', 'John', 'JOHN', 'Zoë', 'Émile', 'Mia', ''];
const LAST = ['Smith', 'smith', 'Miller', 'Müller', 'Martin', "O'Brien", 'M_x', 'M%'];
const COUNTRIES = ['US', 'CA', 'GB', 'FR', 'us'];
const CITIES = ['Austin', 'Paris', 'London', 'New York'];
const DOMAINS = ['gmail.com', 'GMAIL.com', 'outlook.com', 'example.org'];
const TIERS = ['bronze', 'silver', 'gold', 'platinum', 'Gold'];
const EVENT_TYPES = ['search', 'commerce.productViews', 'commerce.productListAdds', 'commerce.checkouts', 'commerce.purchases', 'directMarketing.emailOpened'];
const DEVICES = ['mobile', 'desktop', 'tablet'];
const SKUS = ['SKU-1', 'SKU-2', 'sku-3', 'SKU-4'];
const NAMES = ['Trail Sneakers', 'Rain Jacket', 'jacket', 'Socks'];
const KEYWORDS = ['sneakers', 'running sneakers', 'Sneakers', 'rain jacket', ''];

/** Profile string fields, with values the generator compares them to. */
const STRING_FIELDS: Array<[string, readonly string[]]> = [
    ['person.name.firstName', FIRST], ['person.name.lastName', LAST], ['person.gender', ['female', 'male']],
    ['homeAddress.countryCode', COUNTRIES], ['homeAddress.city', CITIES], ['loyalty.tier', TIERS],
    ['consents.marketing.email.val', ['y', 'n']], ['personalEmail.address', ['ann@gmail.com', 'x@outlook.com', 'smith']],
];
const NUMBER_FIELDS: Array<[string, number, number]> = [['person.birthYear', 1950, 2010], ['loyalty.points', 0, 5000]];
const EVENT_STRINGS: Array<[string, readonly string[]]> = [
    ['eventType', EVENT_TYPES], ['device.type', DEVICES], ['search.keywords', KEYWORDS],
];
const EVENT_NUMBERS: Array<[string, number, number]> = [['commerce.order.priceTotal', 0, 500]];
const UNITS = ['hours', 'days', 'weeks', 'months', 'year'];
const CALENDAR = ['today', 'yesterday', 'this week', 'last week', 'this month', 'last month', 'this year', 'last year'];

const quote = (s: string): string => JSON.stringify(s);

/** A string test on `path` (a profile or event path): equality, a string method with or without the case flag, like, matches, in. */
function stringTest(random: Random, path: string, values: readonly string[]): string {
    const value = pick(random, values);
    switch (int(random, 0, 7)) {
        case 0: return `${path} ${pick(random, ['=', '!='])} ${quote(value)}`;
        case 1: {
            const method = pick(random, ['startsWith', 'endsWith', 'contains', 'equals', 'doesNotStartWith', 'doesNotEndWith', 'doesNotContain', 'notEqualTo']);
            const part = value.slice(0, int(random, 0, Math.min(4, value.length)));
            const flag = pick(random, ['', ', false', ', true']);
            return `${path}.${method}(${quote(chance(random, 0.5) ? part : value)}${flag})`;
        }
        case 2: return `${path} like ${quote(pick(random, [value.slice(0, 2) + '%', '%' + value.slice(-2), value.slice(0, 1) + '_%', '%', value]))}`;
        case 3: return `${path} matches ${quote(pick(random, ['^' + value.slice(0, 2), value.slice(-2) + '$', '(?i)' + value.slice(0, 3), '[a-m]', '^[A-Z]']))}`;
        case 4: return `${path} ${pick(random, ['in', 'notIn'])} [${[value, pick(random, values)].map(quote).join(', ')}]`;
        case 5: return `${path}.${pick(random, ['isNull', 'isNotNull'])}()`;
        case 6: return `${path} ${pick(random, ['=', '!='])} ${path}`;
        default: return `${path}.${pick(random, ['equals', 'contains'])}(${quote(value.toUpperCase())}, false)`;
    }
}

function numberTest(random: Random, path: string, lo: number, hi: number): string {
    const k = int(random, lo, hi);
    switch (int(random, 0, 4)) {
        case 0: return `${path} ${pick(random, ['<', '<=', '>', '>=', '=', '!='])} ${k}`;
        case 1: return `${path} ${pick(random, ['+', '-', '*'])} ${int(random, 1, 3)} > ${k}`;
        case 2: return `${path} in [${k}, ${int(random, lo, hi)}]`;
        case 3: return `(${path} % ${int(random, 2, 5)}) = ${int(random, 0, 2)}`;
        default: return `${path}.${pick(random, ['isNull', 'isNotNull'])}()`;
    }
}

/** A time specification for `occurs` or `WHEN(…)`. */
function timeSpec(random: Random): string {
    switch (int(random, 0, 4)) {
        case 0: return `${pick(random, ['<=', '<', '>=', '>'])} ${int(random, 1, 40)} ${pick(random, UNITS)} before now`;
        case 1: return pick(random, CALENDAR);
        case 2: return `${pick(random, ['before', 'after'])} ${pick(random, ['now', 'today', 'last month'])}`;
        case 3: return `between date(2026, ${int(random, 1, 9)}, 1) and date(2026, ${int(random, 9, 12)}, ${int(random, 1, 28)})`;
        default: return `= ${int(random, 0, 5)} ${pick(random, ['days', 'weeks', 'months'])} before ${pick(random, ['now', 'today'])}`;
    }
}

/** A condition on an event, written against the variable `v` (`V.` prefix) or the implicit element (`''`). */
function eventCondition(random: Random, v: string, depth: number): string {
    const parts: string[] = [];
    const n = int(random, 1, depth > 1 ? 2 : 3);
    for (let i = 0; i < n; i++) {
        switch (int(random, 0, 5)) {
            case 0: case 1: {
                const [path, values] = pick(random, EVENT_STRINGS);
                parts.push(stringTest(random, v + path, values));
                break;
            }
            case 2: parts.push(`${v}timestamp occurs ${timeSpec(random)}`); break;
            case 3: {
                const [path, lo, hi] = pick(random, EVENT_NUMBERS);
                parts.push(numberTest(random, v + path, lo, hi));
                break;
            }
            case 4: parts.push(`${v}productListItems.SKU ${pick(random, ['=', '!='])} ${quote(pick(random, SKUS))}`); break;
            default: parts.push(`${v}productListItems[priceTotal > ${int(random, 0, 200)}].count() >= ${int(random, 0, 2)}`); break;
        }
    }
    return parts.join(pick(random, [' and ', ' or ']));
}

/** An event clause: select/exists/forall, a filter count, a chain, or an aggregation. */
function eventClause(random: Random, depth: number): string {
    const v = pick(random, ['X', 'E', 'Ev']);
    switch (int(random, 0, 6)) {
        case 0: return `(select ${v} from xEvent where ${eventCondition(random, v + '.', depth)})`;
        case 1: return `(exists ${v} from xEvent where ${eventCondition(random, v + '.', depth)})`;
        case 2: return `(forall ${v} from xEvent : ${eventCondition(random, v + '.', depth)})`;
        case 3: return `xEvent[${eventCondition(random, '', depth)}].count() ${pick(random, ['>', '>=', '=', '<'])} ${int(random, 0, 3)}`;
        case 4: {
            const steps = int(random, 1, 3);
            const parts: string[] = [];
            for (let i = 0; i < steps; i++) {
                const when = chance(random, 0.4) ? ` WHEN(${timeSpec(random)})` : '';
                const count = chance(random, 0.25) ? ` COUNT(${int(random, 1, 3)})` : '';
                parts.push(`S${i}: WHAT(eventType = ${quote(pick(random, EVENT_TYPES))})${when}${count}`);
            }
            return `chain(xEvent, timestamp, [${parts.join(', ')}])`;
        }
        case 5: return `(${pick(random, ['sum', 'max', 'min'])} ${v}.commerce.order.priceTotal over ${v} from xEvent where ${eventCondition(random, v + '.', depth)}) > ${int(random, 0, 600)}`;
        default: return `xEvent.count() ${pick(random, ['>', '>=', '<', '='])} ${int(random, 0, 6)}`;
    }
}

function leaf(random: Random, depth: number): string {
    switch (int(random, 0, 5)) {
        case 0: case 1: {
            const [path, values] = pick(random, STRING_FIELDS);
            return stringTest(random, path, values);
        }
        case 2: {
            const [path, lo, hi] = pick(random, NUMBER_FIELDS);
            return numberTest(random, path, lo, hi);
        }
        case 3: return `loyalty.joinDate occurs ${timeSpec(random)}`;
        default: return eventClause(random, depth);
    }
}

/** A random condition: leaves combined with and/or/not, nested up to `maxDepth`. */
export function generateCondition(random: Random, maxDepth = 3, depth = 0): string {
    if (depth >= maxDepth || chance(random, 0.35 + depth * 0.15)) {
        return leaf(random, depth);
    }
    const left = generateCondition(random, maxDepth, depth + 1);
    const right = generateCondition(random, maxDepth, depth + 1);
    switch (int(random, 0, 3)) {
        case 0: return `(${left} and ${right})`;
        case 1: return `(${left} or ${right})`;
        case 2: return `not (${left})`;
        default: return `(${left} and not ${right.startsWith('(') ? right : `(${right})`})`;
    }
}

/** `segment <id> { where: <condition> }`. */
export function segmentSource(id: string, condition: string): string {
    return `segment ${id} {\n    where: ${condition}\n}\n`;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function event(random: Random, profileId: string, n: number): Record<string, unknown> {
    const ms = NOW - Math.floor(random() * 400 * DAY) + (chance(random, 0.1) ? 3 * DAY : 0);
    const e: Record<string, unknown> = { _id: `${profileId}-e${n}`, eventType: pick(random, EVENT_TYPES) };
    if (chance(random, 0.95)) {
        // Some timestamps are epoch ms numbers, as the reference allows.
        e.timestamp = chance(random, 0.1) ? ms : iso(ms);
    }
    if (chance(random, 0.8)) {
        e.device = { type: pick(random, DEVICES) };
    }
    if (e.eventType === 'search' && chance(random, 0.9)) {
        e.search = { keywords: pick(random, KEYWORDS) };
    }
    if (String(e.eventType).startsWith('commerce') && chance(random, 0.85)) {
        const items = Array.from({ length: int(random, 0, 3) }, () => ({ SKU: pick(random, SKUS), name: pick(random, NAMES), quantity: int(random, 1, 3), priceTotal: int(random, 5, 250) }));
        e.productListItems = items;
        if (e.eventType === 'commerce.purchases') {
            e.commerce = { order: { priceTotal: items.reduce((s, i) => s + i.priceTotal, 0), currencyCode: 'USD' } };
        }
    }
    return e;
}

/** `count` random profiles (ids `g0001`…): any field may be missing, events unordered, some without a timestamp. */
export function generateProfiles(random: Random, count: number): Array<Record<string, unknown>> {
    const profiles: Array<Record<string, unknown>> = [];
    for (let i = 1; i <= count; i++) {
        const id = `g${String(i).padStart(4, '0')}`;
        const p: Record<string, unknown> = { _id: id };
        if (chance(random, 0.9)) {
            const person: Record<string, unknown> = { gender: pick(random, ['female', 'male', 'Female']) };
            if (chance(random, 0.9)) {
                person.name = { firstName: pick(random, FIRST), lastName: pick(random, LAST) };
            }
            if (chance(random, 0.8)) {
                person.birthYear = int(random, 1950, 2010);
            }
            p.person = person;
        }
        if (chance(random, 0.85)) {
            p.homeAddress = { countryCode: pick(random, COUNTRIES), city: pick(random, CITIES) };
        }
        if (chance(random, 0.8)) {
            p.personalEmail = { address: `${pick(random, FIRST).toLowerCase() || 'x'}@${pick(random, DOMAINS)}` };
        }
        if (chance(random, 0.6)) {
            p.loyalty = { tier: pick(random, TIERS), points: int(random, 0, 5000), joinDate: iso(NOW - int(random, 0, 900) * DAY - int(random, 0, DAY)) };
        }
        if (chance(random, 0.8)) {
            p.consents = { marketing: { email: { val: pick(random, ['y', 'n', 'Y']) } } };
        }
        if (chance(random, 0.92)) {
            p.xEvent = Array.from({ length: int(random, 0, 8) }, (_, n) => event(random, id, n + 1));
        }
        profiles.push(p);
    }
    return profiles;
}

/** One reproducible case: `segments` conditions and `profiles` profiles from `seed`. */
export function generateCase(seed: number, segments: number, profiles: number): { conditions: string[]; profiles: Array<Record<string, unknown>> } {
    const random = createRandom(seed);
    const generated = generateProfiles(random, profiles);
    return { conditions: Array.from({ length: segments }, () => generateCondition(random)), profiles: generated };
}
