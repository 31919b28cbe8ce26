/**
 * The semantics rows of the reference (§2): one row per construct, condition and expected result on
 * SEMANTICS_PROFILE. Shared by the js evaluator's test (segment-semantics.test.ts) and the DuckDB
 * differential test (sql/sql-semantics.test.ts), so both engines answer the same questions.
 */
import type { Profile } from '../../src/engine/segment-engine.js';

export const SEMANTICS_PROFILE: Profile = {
    _id: 'p1',
    X: 'a field named like a variable',
    person: { birthYear: 1985, gender: 'female', name: { firstName: 'John', lastName: 'Smith' }, tags: ['a', 'b'], favoriteColors: ['red', 'blue', 'red'] },
    homeAddress: { countryCode: 'US', city: 'Austin' },
    personalEmail: { address: 'john.smith@gmail.com' },
    n: 0, s: 'abc', numStr: '5', flag: true, off: false, emptyList: [],
    items: [{ SKU: 'A', price: 10, qty: 2 }, { SKU: 'B', price: 30, qty: 1 }, { SKU: 'C', price: 20 }],
    segmentMembership: { ups: { 'u-1': { status: 'realized' }, 'u-2': { status: 'exited' } } },
    xEvent: [
        { eventType: 'view', timestamp: '2026-10-01T10:00:00Z', productListItems: [{ SKU: 'PS' }] },
        { eventType: 'buy', timestamp: '2026-10-02T10:00:00Z', productListItems: [{ SKU: 'Q' }] },
    ],
};

export const ROWS: Record<string, Array<[string, boolean]>> = {
    'comparisons (§2.2)': [
        ['person.birthYear = 1985', true], ['person.birthYear == 1985', true], ['person.birthYear != 1985', false],
        ['missing = 1', false], ['missing != 1', false], ['not (missing = 1)', true],
        ['person.birthYear > 1980 and person.birthYear >= 1985 and person.birthYear < 1986 and person.birthYear <= 1985', true],
        ['s < 5', false], ['numStr > 4', false], ['numStr = 5', true], ['flag = "true"', true], ['person.birthYear = "1985"', true],
        ['s = "ABC"', false], ['person.tags = ["a", "b"]', true], ['person.tags = ["b", "a"]', false],
        ['homeAddress.countryCode = homeAddress.countryCode', true], ['homeAddress.countryCode != homeAddress.city', true],
    ],
    'paths through arrays: some element (§2.0 [I])': [
        ['items.SKU = "B"', true], ['items.SKU = "Z"', false], ['items.SKU != "A"', true], ['items.price > 25', true],
        ['items.price > 100', false], ['xEvent.productListItems.SKU = "Q"', true], ['items.qty.count() = 2', true],
    ],
    'in / notIn (§2.4)': [
        ['homeAddress.countryCode in ["US", "CA"]', true], ['homeAddress.countryCode notIn ["US", "CA"]', false],
        ['homeAddress.countryCode notIn ["FR"]', true], ['missing in ["US"]', false], ['missing notIn ["US"]', false],
        ['"a" in person.tags', true], ['"z" in person.tags', false], ['n in [0, 1]', true], ['numStr in [5]', true],
        ['items.SKU in ["C"]', true], ['homeAddress.city in person.tags', false],
    ],
    'like and matches (§2.6)': [
        ['person.name.firstName like "Jo%"', true], ['person.name.firstName like "jo%"', false], ['person.name.firstName like "J_hn"', true],
        ['person.name.firstName like "%oh%"', true], ['person.name.firstName like "oh%"', false], ['missing like "%"', false],
        ['s matches "b"', true], ['s matches "^b"', false], ['s.matches("(?i)ABC")', true], ['s.matches("^[a-c]+$")', true],
        ['personalEmail.address matches "\\\\.com$"', true], ['missing matches ".*"', false],
    ],
    'string methods and the case flag (§2.6)': [
        ['s.startsWith("ab")', true], ['s.startsWith("AB")', false], ['s.startsWith("AB", false)', true], ['s.startsWith("AB", true)', false],
        ['s.doesNotStartWith("b")', true], ['s.doesNotStartWith("A", false)', false], ['s.endsWith("bc")', true], ['s.endsWith("BC", false)', true],
        ['s.doesNotEndWith("bc")', false], ['s.contains("b")', true], ['s.contains("B")', false], ['s.contains("B", false)', true],
        ['s.doesNotContain("z")', true], ['s.equals("abc")', true], ['s.equals("ABC")', false], ['s.equals("ABC", false)', true],
        ['s.notEqualTo("abc")', false], ['s.notEqualTo("ABC")', true], ['s.notEqualTo("ABC", false)', false],
        ['missing.contains("a")', false], ['missing.doesNotContain("a")', false], ['s.contains(missing)', false],
        ['n.contains("0")', false], ['items.SKU.contains("B")', true],
        ['personalEmail.address.regexGroup("@(\\\\w+)", 1) = "gmail"', true], ['s.regexGroup("(z)", 1).isNull()', true],
    ],
    'array and set functions (§2.4)': [
        ['person.favoriteColors.intersects(["red", "green"])', true], ['person.favoriteColors.intersects(["green"])', false],
        ['person.favoriteColors.intersection(["blue", "red", "x"]) = ["red", "blue"]', true],
        ['person.favoriteColors.intersection(["green"]).isNull()', true], ['person.tags.subsetOf(["a", "b", "c"])', true],
        ['person.tags.subsetOf(["a"])', false], ['person.tags.supersetOf(["a"])', true], ['person.tags.supersetOf(["a", "z"])', false],
        ['person.tags.includes("b")', true], ['person.tags.includes("z")', false], ['person.favoriteColors.distinct().count() = 2', true],
        ['items.groupBy(SKU).keys().count() = 3', true], ['items.filter(price > 15).count() = 2', true],
        ['items.map(price) = [10, 30, 20]', true], ['items.topN(price, 1).head().SKU = "B"', true], ['items.topN(price, 2).SKU = ["B", "C"]', true],
        ['items.bottomN(price, 1).head().SKU = "A"', true], ['items.head().SKU = "A"', true], ['emptyList.head().isNull()', true],
        ['items.exists(price > 25)', true], ['items.exists(price > 99)', false], ['items.count() = 3', true], ['missing.count() = 0', false], ['missing.count().isNull()', true],
        ['person.tags.intersects(missing)', false],
    ],
    'aggregation (§2.8)': [
        ['items.sum(price) = 60', true], ['items.average(price) = 20', true], ['items.min(price) = 10', true], ['items.max(price) = 30', true],
        ['items.sum(qty) = 3', true], ['emptyList.sum() = 0', true], ['emptyList.average().isNull()', true], ['[1, 2, 3].sum() = 6', true],
        ['(sum I.price over I from items where I.price > 15) = 50', true], ['(average I.price over I from items) = 20', true],
        ['(min I.price over I from items) = 10', true], ['(max I.price over I from items) = 30', true],
        ['(sum X from [1, 2, 3] where X > 1) = 5', true], ['(max I.price over I from emptyList).isNull()', true],
        ['(sum I.price over I from emptyList) = 0', true],
        ['(sum A + B over A from [1, 2], B from [10, 20] where B > A * 10) = 21', true],
    ],
    'maps (§2.5)': [
        ['segmentMembership.get("ups").keys().count() = 2', true], ['segmentMembership.get("ups").get("u-1").status = "realized"', true],
        ['segmentMembership.get("nope").isNull()', true], ['segmentMembership.values().count() = 1', true],
        ['items.groupBy(SKU).map((K, G) => mapEntry(K, G.count())).get("A") = 1', true],
        ['items.groupBy(SKU).get("B").head().price = 30', true],
    ],
    'objects, arithmetic, if, let (§2.1, §2.3, §2.7, §2.13)': [
        ['homeAddress.isNotNull()', true], ['missing.isNull()', true], ['emptyList.isNull()', false], ['homeAddress.isNull()', false],
        ['person.birthYear + 1 = 1986', true], ['person.birthYear - 5 * 2 = 1975', true], ['(person.birthYear - 5) * 2 = 3960', true],
        ['7 % 3 = 1', true], ['7 / 2 = 3.5', true], ['(n / 0).isNull()', true], ['1 / n > 0', false], ['(5 % n).isNull()', true],
        ['(missing + 1).isNull()', true], ['(s * 2).isNull()', true], ['-person.birthYear < 0', true],
        ['if(flag, 1, 2) = 1', true], ['if(missing, 1, 2) = 2', true], ['if(off, "a", "b") = "b"', true],
        ['let S = items.sum(price) in (S > 50 and S < 100)', true], ['let S = items.sum(price) in S > 60', false],
    ],
    'Boolean coercion (§2.0)': [
        ['homeAddress', true], ['missing', false], ['emptyList', false], ['person.tags', true], ['off', false], ['flag', true],
        ['n', true], ['s', true], ['not missing', true], ['!homeAddress', false], ['homeAddress and not emptyList', true],
        ['missing or flag', true], ['homeAddress.countryCode = "US" && flag || missing', true],
    ],
    'lambdas, $1, filters and up references (§1.3, §2.10)': [
        ['(Profile) => Profile.homeAddress.countryCode = "US"', true], ['$1.homeAddress.city = "Austin"', true], ['$2.homeAddress.isNull()', true],
        ['items.filter((I) => I.price > 15).count() = 2', true], ['items[price > 15].count() = 2', true], ['items[SKU = "A"]', true],
        ['items[SKU = "Z"]', false], ['xEvent[productListItems[SKU = "PS"]].count() = 1', true],
        ['xEvent[productListItems[SKU = "none" or ^^.person.gender = "female"]].count() = 2', true],
        ['xEvent[productListItems[^.eventType = "buy"]].count() = 1', true], ['xEvent[eventType = "view"].head().productListItems.SKU = "PS"', true],
        ['items[price > ^.n].count() = 3', true],
    ],
    'select, exists, forall and variables (§2.11, §2.12)': [
        ['select I from items where I.price > 25', true], ['select I from items where I.price > 99', false],
        ['(select I from items where I.price > 15).SKU = ["B", "C"]', true],
        ['(select A from [1, 2], B from [3, 4] where A + B = 5).count() = 2', true],
        ['(select A from [1, 2], B from [3, 4] where A + B = 5).head() = [1, 4]', true],
        ['select X from items where X.price > 25', true], ['X = "a field named like a variable"', true],
        ['exists I from items where I.price > 25', true], ['exists I from items : I.price > 99', false],
        ['exists E from xEvent where E.eventType = "view", I from E.productListItems where I.SKU = "PS"', true],
        ['exists E from xEvent where E.eventType = "buy", I from E.productListItems where I.SKU = "PS"', false],
        ['forall I from items : I.price > 5', true], ['forall I from items : I.price > 15', false], ['forall I from emptyList : I.price > 99', true],
        ['forall E from xEvent where E.timestamp occurs before now, I from E.productListItems where I.SKU.startsWith("P")', false],
        ['forall E from xEvent where E.timestamp occurs before now, I from E.productListItems where I.SKU.length.isNull()', true],
        ['select A from xEvent, B from xEvent where B.timestamp occurs > 12 hours after A.timestamp', true],
    ],
};

/** Profiles of odd shapes (wrong types, nulls in lists) on which evaluation must never throw. */
export const ODD_PROFILES: Profile[] = [
    { _id: 'o1', xEvent: 'not a list', person: 42, items: [null, 1, 'x', { price: 'ten' }] },
    { _id: 'o2', xEvent: [null, 5, { timestamp: 'yesterday' }, { timestamp: { nested: true } }] },
    { _id: 'o3' },
];
