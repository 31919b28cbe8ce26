import type { SegmentFile } from '../../language/generated/ast.js';
import { printPql } from '../../language/segment-pql-printer.js';
import type { SegmentServices } from '../../language/segment-module.js';
import { segmentCondition } from '../../language/segment-properties.js';

/**
 * The largest `expression.value` import accepts. AEP's own definitions are far smaller; a bigger
 * one would take the parser minutes and gigabytes (a 6.8 MB value ran out of memory).
 */
export const MAX_EXPRESSION_LENGTH = 256 * 1024;

/** An imported condition, printed from its parse tree, or why it cannot be imported. */
export type ImportedCondition =
    | { text: string; unresolved: string[] }
    | { reason: string };

/**
 * Parses an AEP `expression.value` as exactly one PQL condition and prints it from the parse tree,
 * so nothing in the value can add to the written file: not a second segment (`} segment evil {`),
 * not a property (`aepId: "…"`), not a comment hiding the rest of the condition (`// and …`, which
 * PQL does not have). `inSegment` arguments naming a known AEP id become the local segment id;
 * `unresolved` lists the references that name neither a definition of the batch nor a segment of
 * the output folder.
 */
export function importCondition(services: SegmentServices, value: string, localIds: ReadonlyMap<string, string>, knownIds: ReadonlySet<string>): ImportedCondition {
    if (value.length > MAX_EXPRESSION_LENGTH) {
        return { reason: `its expression is ${value.length} characters long; import accepts up to ${MAX_EXPRESSION_LENGTH}.` };
    }
    const comment = services.parser.Lexer.tokenize(value).hidden.find(token => /COMMENT/u.test(token.tokenType.name));
    if (comment) {
        return { reason: `its expression contains ${comment.image.slice(0, 2)} at offset ${comment.startOffset}: PQL has no comments, and in a .segment file it would hide the rest of the condition.` };
    }
    // The value goes where a condition goes; the parse shows whether it is one and nothing more.
    const prefix = 'segment imported {\n    where: ';
    const file = services.parser.LangiumParser.parse<SegmentFile>(`${prefix}${value}\n}\n`);
    const [segment, ...others] = file.value.segments;
    const problem = file.lexerErrors[0]?.message ?? file.parserErrors[0]?.message;
    if (problem !== undefined) {
        return { reason: `its expression is not a PQL condition: ${problem}` };
    }
    const condition = segment && segmentCondition(segment);
    if (!condition || others.length > 0 || segment.properties.length > 1) {
        return { reason: 'its expression is not exactly one PQL condition (it continues past the condition).' };
    }
    const unresolved: string[] = [];
    const text = printPql(condition, {
        keepLineBreaks: true,
        inSegmentId: expression => {
            const reference = expression.segment.$refText;
            const local = localIds.get(reference);
            if (local === undefined && !knownIds.has(reference)) {
                unresolved.push(reference);
            }
            return local;
        },
    });
    return { text, unresolved: [...new Set(unresolved)] };
}
