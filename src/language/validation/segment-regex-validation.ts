import type { ValidationAcceptor } from 'langium';
import { isStringLiteral, type ComparisonExpression, type Expression, type MemberAccess } from '../generated/ast.js';
import { compileJavaRegex } from '../../engine/regex/segment-regex.js';
import { report } from './segment-diagnostics.js';

/**
 * A constant regular expression must be one the evaluator runs: the same compilation as `segment run`
 * (engine/segment-regex.ts), so `check` and the editor report at the pattern what a run would refuse.
 */
export class SegmentRegexValidation {
    matchedPatternMustCompile = (node: ComparisonExpression, accept: ValidationAcceptor): void => {
        if (node.operator === 'matches') {
            this.check(node.right, accept);
        }
    };

    methodPatternMustCompile = (node: MemberAccess, accept: ValidationAcceptor): void => {
        const name = node.member.toLowerCase();
        if (node.isCall && (name === 'matches' || name === 'regexgroup') && node.arguments.length > 0) {
            this.check(node.arguments[0], accept);
        }
    };

    private check(pattern: Expression, accept: ValidationAcceptor): void {
        if (!isStringLiteral(pattern)) {
            return;
        }
        const compiled = compileJavaRegex(pattern.value);
        if (compiled.kind === 'invalid') {
            report(accept, 'regex/invalid', compiled.problem!, { node: pattern });
        } else if (compiled.kind === 'unsupported') {
            report(accept, 'regex/unsupported', compiled.problem!, { node: pattern });
        }
    }
}
