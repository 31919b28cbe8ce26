import type { AstNode } from 'langium';

/**
 * Properties the grammar always assigns once a node's first tokens are read. When the text stops
 * early (`person.`, `occurs <= 3`, `not`), the parser's error recovery still builds the node, with
 * the property unset, and reports the syntax error; code that reads these properties as present
 * would then fail on `undefined`. Rules skip such nodes and types are `unknown` for them.
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
    MemberAccess: ['member'],
    UpReference: ['name'],
    FilterExpression: ['condition'],
    LogicalExpression: ['left', 'right'],
    ComparisonExpression: ['left', 'right'],
    ArithmeticExpression: ['left', 'right'],
    NotExpression: ['operand'],
    NegationExpression: ['operand'],
    OccursExpression: ['subject', 'time'],
    ParenthesizedExpression: ['expression'],
    Lambda: ['body'],
    ObjectEntry: ['value'],
    Declaration: ['variable', 'source'],
    LetExpression: ['variable', 'value', 'body'],
    ChainExpression: ['events', 'orderBy'],
    ChainStep: ['label', 'what'],
    RelativeTimeSpec: ['comparator', 'amount', 'unit', 'direction', 'anchor'],
    DirectionalTimeSpec: ['direction', 'anchor'],
    BetweenTimeSpec: ['start', 'end'],
    OnTimeSpec: ['anchor'],
    ExpressionRef: ['expression'],
};

/** The AST types and properties above, for a test that keeps the table in step with the grammar. */
export const REQUIRED_PROPERTIES = REQUIRED;

/** True when error recovery left a property of `node` that the grammar requires unset. */
export function isIncomplete(node: AstNode): boolean {
    const required = REQUIRED[node.$type];
    if (!required) {
        return false;
    }
    const record = node as unknown as Record<string, unknown>;
    return required.some(property => record[property] === undefined);
}
