import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { DefaultLexerErrorMessageProvider } from 'langium';

const EXPRESSION = 'an expression (a field path, a literal, a function call, select/exists/forall, chain(…) …)';

/** What the parser was reading, in the words of a PQL author, for rules where "expected X" needs context. */
const RULE_CONTEXT: Record<string, string> = {
    TimeSpec: "a time after 'occurs', such as '<= 30 days before now', 'before today', 'between … and …' or 'last month'",
    OnTimeSpec: "a time after 'occurs', such as '<= 30 days before now', 'before today', 'between … and …' or 'last month'",
    TimeRef: "a time reference: now, today, yesterday, tomorrow, this/last/next <unit>, date(y, m, d) or a timestamp field",
    CalendarRef: "a time reference: now, today, yesterday, tomorrow, this/last/next <unit>, date(y, m, d) or a timestamp field",
    TimeUnit: 'a time unit (seconds, minutes, hours, days, weeks, months, years …)',
    Direction: "'before', 'after' or 'from'",
    ...Object.fromEntries(['Expression', 'LogicalExpression', 'NotExpression', 'Comparison', 'ArithmeticExpression',
        'UnaryExpression', 'PostfixExpression', 'PrimaryExpression'].map(rule => [rule, EXPRESSION])),
    ChainStep: "a chain step such as 'C0: WHAT(eventType = \"search\")'",
    SegmentDefinition: "a segment property ('name:', 'description:', 'evaluation:', 'aepId:', 'where:') or '}'",
    SegmentFile: "'segment <id> { … }'",
    EvaluationMethod: "'batch', 'streaming' or 'edge'",
};

const TERMINALS: Record<string, string> = {
    ID: 'a name', MEMBER_WORD: "a field or function name after '.'", STRING: 'a string', SQ_STRING: 'a string', NUMBER: 'a number', PARAMETER: 'a parameter such as $1',
};

/** Langium suffixes Chevrotain rule names with a zero-width space; the table is keyed by the grammar's names. */
function ruleContext(ruleName: string): string | undefined {
    return RULE_CONTEXT[ruleName.replace(/\u200B$/u, '')];
}

function describeType(type: TokenType): string {
    if (type.name === 'EOF') {
        return "'segment <id> { … }' or the end of the file";
    }
    return TERMINALS[type.name] ?? `'${type.name.replace(/:KW$/u, '')}'`;
}

function describeToken(token: IToken): string {
    return token.tokenType?.name === 'EOF' || token.image === '' ? 'the end of the file' : `'${token.image}'`;
}

function firstTokens(paths: TokenType[][][]): string {
    const names = [...new Set(paths.flat().map(path => path[0]).filter(Boolean).map(describeType))];
    // Whatever the grammar rule, a place where literals may start is a place for an expression.
    if (names.includes('a string') && names.includes('a number')) {
        return EXPRESSION;
    }
    if (names.includes("'days'")) {
        return RULE_CONTEXT.TimeUnit;
    }
    return names.length > 8 ? `${names.slice(0, 8).join(', ')} …` : names.join(', ');
}

function oneOf(tokens: string): string {
    return tokens === EXPRESSION || tokens === RULE_CONTEXT.TimeUnit || !tokens.includes(',') ? tokens : `one of ${tokens}`;
}

/** Parser messages of the form "Expected X but found Y", naming the construct when the token list alone would not help. */
export class SegmentParserErrorMessageProvider implements IParserErrorMessageProvider {

    buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeType(options.expected)} but found ${describeToken(options.actual)}.`;
    }

    buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${describeToken(options.firstRedundant)}: expected 'segment <id> { … }' or the end of the file.`;
    }

    buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const context = ruleContext(options.ruleName);
        const expected = context ?? oneOf(firstTokens(options.expectedPathsPerAlt));
        return `Expected ${expected} but found ${describeToken(options.actual[0])}.`;
    }

    buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const context = ruleContext(options.ruleName);
        const expected = context ?? oneOf(firstTokens([options.expectedIterationPaths]));
        return `Expected ${expected} but found ${describeToken(options.actual[0])}.`;
    }
}

/**
 * Lexer messages name the whole character: Chevrotain's show one UTF-16 unit, half of an emoji's
 * surrogate pair ('\uD83D' printed as '�').
 */
export class SegmentLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number, line?: number, column?: number): string {
        const character = String.fromCodePoint(fullText.codePointAt(startOffset) ?? 0xFFFD);
        return `unexpected character: ->${character}<- at offset: ${startOffset}, skipped ${length} characters (line ${line}, column ${column}).`;
    }
}
