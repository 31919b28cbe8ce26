/**
 * Test cases as the runner sees them: a `test` declaration of a `.segment` file (docs/testing.md)
 * read into plain data. The profiles written in the declaration become plain JSON values here, so
 * the runner, the coverage and the generator never look at the syntax.
 */
import type { JsonObject, JsonValue, SegmentDefinition, SegmentTest } from '../../language/generated/ast.js';
import type { Profile } from '../runtime/segment-values.js';
import { testExpectation, testNow, testSegment, testTimeZone } from '../../language/segment-properties.js';

/** What the test expects of its profiles. */
export type TestExpectation =
    | { kind: 'match' }
    | { kind: 'no match' }
    /** Exactly these profile ids match, the others do not. */
    | { kind: 'ids'; ids: string[] };

/** A test ready to run; `problem` says why it cannot run (the file's diagnostics say it too). */
export interface TestCase {
    name: string;
    segment: SegmentDefinition | undefined;
    /** The segment id as written, for reports when it does not resolve. */
    segmentId: string;
    now: string | undefined;
    timeZone: string | undefined;
    profiles: Profile[];
    /** Fixture paths as written (relative to the test's file). */
    fixtures: string[];
    expectation: TestExpectation | undefined;
    /** The test's declaration, for locations. */
    node: SegmentTest;
}

/** The test case of a declaration. */
export function toTestCase(test: SegmentTest): TestCase {
    return {
        name: test.name,
        segment: testSegment(test)?.ref,
        segmentId: testSegment(test)?.$refText ?? '',
        now: testNow(test),
        timeZone: testTimeZone(test),
        profiles: test.profiles.map(p => jsonValue(p) as Profile),
        fixtures: test.fixtures,
        expectation: toExpectation(test),
        node: test,
    };
}

function toExpectation(test: SegmentTest): TestExpectation | undefined {
    const expectation = testExpectation(test);
    if (!expectation) {
        return undefined;
    }
    if (expectation.list) {
        return { kind: 'ids', ids: [...expectation.ids] };
    }
    return { kind: expectation.negated ? 'no match' : 'match' };
}

/** The JSON value a profile literal writes. */
export function jsonValue(node: JsonValue): unknown {
    switch (node.$type) {
        case 'JsonObject': return Object.fromEntries((node as JsonObject).members.map(m => [m.key, m.value ? jsonValue(m.value) : null]));
        case 'JsonArray': return node.items.map(jsonValue);
        default:
            if (node.string !== undefined) {
                return node.string;
            }
            if (node.number !== undefined) {
                return node.negative ? -node.number : node.number;
            }
            if (node.boolean !== undefined) {
                return node.boolean;
            }
            return null;
    }
}

/** How an expectation reads in reports. */
export function expectationText(expectation: TestExpectation): string {
    return expectation.kind === 'ids' ? `exactly [${expectation.ids.map(id => JSON.stringify(id)).join(', ')}] match` : expectation.kind;
}
