import { CstUtils, GrammarAST, isLeafCstNode, type AstNode, type CstNode, type Reference } from 'langium';
import * as ast from './generated/ast.js';

/**
 * Typed accessors for the properties of `segment` and `test` declarations. The grammar keeps each
 * property as a node of its own (`properties+=…`), so that properties may come in any order without
 * the grammar assigning one value several times; a property given twice is an error
 * (`segment/duplicate-property`, `test/duplicate-property`, reported at the later ones); the last one
 * is the one in effect, as when the grammar assigned each property in place.
 */
function last<P extends AstNode, T extends P>(properties: readonly P[], is: (node: unknown) => node is T): T | undefined {
    for (let i = properties.length - 1; i >= 0; i--) {
        const property = properties[i];
        if (is(property)) {
            return property;
        }
    }
    return undefined;
}

/** The `name:` property node (the display name), when given. */
export function segmentTitleProperty(segment: ast.SegmentDefinition): ast.TitleProperty | undefined {
    return last(segment.properties, ast.isTitleProperty);
}

/** The display name (`name: "…"`). */
export function segmentTitle(segment: ast.SegmentDefinition): string | undefined {
    return segmentTitleProperty(segment)?.title;
}

/** The `description: "…"` text. */
export function segmentDescription(segment: ast.SegmentDefinition): string | undefined {
    return last(segment.properties, ast.isDescriptionProperty)?.description;
}

/** The `evaluation:` property node, when given. */
export function segmentEvaluationProperty(segment: ast.SegmentDefinition): ast.EvaluationProperty | undefined {
    return last(segment.properties, ast.isEvaluationProperty);
}

/** The `evaluation:` method (`batch`, `streaming` or `edge`). */
export function segmentEvaluation(segment: ast.SegmentDefinition): ast.EvaluationMethod | undefined {
    return segmentEvaluationProperty(segment)?.evaluation;
}

/** The `aepId:` property node, when given. */
export function segmentAepIdProperty(segment: ast.SegmentDefinition): ast.AepIdProperty | undefined {
    return last(segment.properties, ast.isAepIdProperty);
}

/** The AEP audience id (`aepId: "…"`). */
export function segmentAepId(segment: ast.SegmentDefinition): string | undefined {
    return segmentAepIdProperty(segment)?.aepId;
}

/** The PQL condition (`where: …`). */
export function segmentCondition(segment: ast.SegmentDefinition): ast.Expression | undefined {
    return last(segment.properties, ast.isConditionProperty)?.condition;
}

/** Whether `node` is a segment's whole condition (the value of its `where:`). */
export function isSegmentCondition(node: AstNode): boolean {
    return ast.isConditionProperty(node.$container) && node.$container.condition === node;
}

/**
 * The properties given again after one of the same kind, each with its keyword leaf (`where`, `now` …),
 * for the duplicate-property diagnostics.
 */
export function repeatedProperties(properties: readonly AstNode[]): Array<{ keyword: string; leaf: CstNode }> {
    const seen = new Set<string>();
    const repeated: Array<{ keyword: string; leaf: CstNode }> = [];
    for (const property of properties) {
        // The property's node wraps its rule's node (`SegmentProperty` calls `TitleProperty`): the keyword is the first leaf.
        const leaf = property.$cstNode && CstUtils.streamCst(property.$cstNode).find(n => isLeafCstNode(n) && !n.hidden);
        if (seen.has(property.$type) && leaf && GrammarAST.isKeyword(leaf.grammarSource)) {
            repeated.push({ keyword: leaf.grammarSource.value, leaf });
        }
        seen.add(property.$type);
    }
    return repeated;
}

/** The `segment:` reference of a test. */
export function testSegment(test: ast.SegmentTest): Reference<ast.SegmentDefinition> | undefined {
    return last(test.properties, ast.isTestSegmentProperty)?.segment;
}

/** The `now:` property node of a test, when given. */
export function testNowProperty(test: ast.SegmentTest): ast.TestNowProperty | undefined {
    return last(test.properties, ast.isTestNowProperty);
}

/** The pinned `now:` of a test, as written. */
export function testNow(test: ast.SegmentTest): string | undefined {
    return testNowProperty(test)?.now;
}

/** The `timeZone:` property node of a test, when given. */
export function testTimeZoneProperty(test: ast.SegmentTest): ast.TestTimeZoneProperty | undefined {
    return last(test.properties, ast.isTestTimeZoneProperty);
}

/** The `timeZone:` of a test. */
export function testTimeZone(test: ast.SegmentTest): string | undefined {
    return testTimeZoneProperty(test)?.timeZone;
}

/** What a test expects (`expect: …`). */
export function testExpectation(test: ast.SegmentTest): ast.Expectation | undefined {
    return last(test.properties, ast.isTestExpectProperty)?.expectation;
}
