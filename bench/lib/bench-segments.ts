// The segments the evaluator and end-to-end benchmarks run (one per shape the targets name).
import { MEMBER_SEGMENT_ID, NOW, type Profile } from './profiles.js';

export type Predicate = (p: Profile) => boolean;
const DAY = 86_400_000;
const nowMs = NOW.getTime();

export const SOURCE = `
segment attributes {
    name: "Attributes only"
    where: homeAddress.countryCode in ["US", "CA"] and person.birthYear >= 1980 and loyalty.points > 1000
}
segment eventWindow {
    name: "Event window and count"
    where: xEvent[eventType = "commerce.purchases" and timestamp occurs <= 30 days before now].count() >= 2
}
segment sequence {
    name: "CHAIN sequence"
    where: chain(xEvent, timestamp, [
        C0: what(eventType = "commerce.productViews"),
        C1: what(eventType = "commerce.productListAdds") when(<= 60 days before now),
        C2: what(eventType = "commerce.purchases")
    ])
}
segment nested {
    name: "Segment of segments"
    where: (inSegment("attributes") or inSegment("${MEMBER_SEGMENT_ID}")) and person.gender = "female"
}
`;

// Hand-written predicates: what a developer would write for each condition, null-safe like PQL.
const cutoff30 = nowMs - 30 * DAY;
const cutoff60 = nowMs - 60 * DAY;
type Event = { timestamp?: string; eventType?: string };
export const attributes: Predicate = p => {
    const country = (p.homeAddress as { countryCode?: string } | undefined)?.countryCode;
    const year = (p.person as { birthYear?: number } | undefined)?.birthYear;
    const points = (p.loyalty as { points?: number } | undefined)?.points;
    return (country === 'US' || country === 'CA') && year !== undefined && year >= 1980 && points !== undefined && points > 1000;
};
export const eventWindow: Predicate = p => {
    const events = p.xEvent as Event[] | undefined;
    if (!events) return false;
    let n = 0;
    for (const e of events) {
        if (e.eventType === 'commerce.purchases') {
            const t = Date.parse(e.timestamp as string);
            if (t >= cutoff30 && t <= nowMs && ++n >= 2) return true;
        }
    }
    return false;
};
export const sequence: Predicate = p => {
    // Events are in time order with distinct timestamps in this data set, so one greedy pass decides it.
    const events = p.xEvent as Event[] | undefined;
    if (!events) return false;
    let step = 0;
    for (const e of events) {
        if (step === 0 && e.eventType === 'commerce.productViews') step = 1;
        else if (step === 1 && e.eventType === 'commerce.productListAdds') {
            const t = Date.parse(e.timestamp as string);
            if (t >= cutoff60 && t <= nowMs) step = 2;
        } else if (step === 2 && e.eventType === 'commerce.purchases') return true;
    }
    return false;
};
export const nested: Predicate = p => {
    const ups = (p.segmentMembership as { ups?: Record<string, { status?: string }> } | undefined)?.ups;
    const status = ups?.[MEMBER_SEGMENT_ID]?.status;
    return (attributes(p) || status === 'realized' || status === 'existing') && (p.person as { gender?: string } | undefined)?.gender === 'female';
};

