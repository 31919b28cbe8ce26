import type { CstNode, LangiumParser } from 'langium';

/** Langium's intermediate node for an infix rule: the operands and the operators between them. */
export interface InfixParts {
    $type: string;
    $cstNode?: CstNode;
    parts?: unknown[];
    operators?: string[];
}

/** Per operator: its precedence level (higher binds less tightly) and associativity, as Langium computes them. */
export type InfixPrecedence = Map<string, { precedence: number; rightAssoc: boolean }>;

interface BinaryNode {
    $type: string;
    $cstNode?: CstNode;
    left: unknown;
    operator: string;
    right: unknown;
}

/**
 * The tree of an infix chain (`a and b or c`, `x + y * z`), as Langium 4.2 builds it, in one pass.
 *
 * Langium splits the chain at its loosest operator and recurses into both halves, copying the
 * operands and operators at every level: a chain of n operands cost n²/2 copies and n nested calls
 * (a 16,000-operand `and` chain: 24 s and 1.6 GB, then a stack overflow). Operator precedence
 * parsing (a stack of operands, a stack of pending operators) builds the same tree in linear time
 * without recursion: same nodes, same fields, the chain's CST node shared as Langium shares it.
 */
export function constructInfix(infix: InfixParts, precedence: InfixPrecedence): unknown {
    const parts = infix.parts;
    if (!Array.isArray(parts) || parts.length === 0) {
        return undefined;
    }
    const operators = infix.operators;
    if (!Array.isArray(operators) || parts.length < 2) {
        return parts[0];
    }
    const levelOf = (operator: string) => precedence.get(operator) ?? { precedence: Infinity, rightAssoc: false };
    const operands: unknown[] = [parts[0]];
    const pending: string[] = [];
    const reduce = (): void => {
        const right = operands.pop();
        const left = operands.pop();
        const node: BinaryNode = { $type: infix.$type, $cstNode: infix.$cstNode, left, operator: pending.pop()!, right };
        operands.push(node);
    };
    for (let i = 0; i < operators.length; i++) {
        const next = levelOf(operators[i]);
        // Pending operators that bind tighter, or as tight and left-associative, take their operands first.
        while (pending.length > 0) {
            const top = levelOf(pending[pending.length - 1]).precedence;
            if (top < next.precedence || (top === next.precedence && !next.rightAssoc)) {
                reduce();
            } else {
                break;
            }
        }
        pending.push(operators[i]);
        operands.push(parts[i + 1]);
    }
    while (pending.length > 0) {
        reduce();
    }
    return operands[0];
}

type Construct = (infix: InfixParts, precedence: InfixPrecedence) => unknown;

/**
 * Makes `parser` build infix chains with `constructInfix` (Langium's own method is private). A chain
 * that error recovery left with an operator lacking its right operand keeps Langium's construction,
 * whose tree for it differs (the operand-less operator is dropped).
 */
export function useLinearInfix(parser: LangiumParser): void {
    const internals = parser as unknown as { constructInfix: Construct };
    const langiums = internals.constructInfix.bind(parser);
    internals.constructInfix = (infix, precedence) => Array.isArray(infix.parts) && Array.isArray(infix.operators)
        && infix.operators.length >= infix.parts.length && infix.parts.length > 1
        ? langiums(infix, precedence)
        : constructInfix(infix, precedence);
}
