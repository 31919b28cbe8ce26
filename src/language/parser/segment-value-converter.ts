import { DefaultValueConverter, ValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/** Single-quoted strings (accepted with a warning, see docs/semantics.md) get the same unquoting and escapes as double-quoted ones. */
export class SegmentValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        return rule.name === 'SQ_STRING' ? ValueConverter.convertString(input) : super.runConverter(rule, input, cstNode);
    }
}
