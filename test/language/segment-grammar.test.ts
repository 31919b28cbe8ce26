import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { createTestServices } from '../helpers/segment-test-services.js';

const grammar = createTestServices().Segment.Grammar;
const rule = (name: string) => grammar.rules.find(r => r.name === name)!;

/** The keywords a rule accepts, through the rules it calls, and whether it accepts a plain identifier. */
function words(name: string): Set<string> {
    const found = new Set<string>();
    const visit = (ruleName: string) => {
        for (const node of AstUtils.streamAllContents(rule(ruleName))) {
            if (GrammarAST.isKeyword(node)) {
                found.add(node.value);
            } else if (GrammarAST.isRuleCall(node)) {
                const called = node.rule.ref!;
                if (GrammarAST.isTerminalRule(called)) {
                    found.add(`<${called.name}>`);
                } else {
                    visit(called.name);
                }
            }
        }
    };
    visit(name);
    return found;
}

describe('the grammar', () => {
    // MemberName spells out HeadName's words for speed (see the comment on it in segment.langium).
    test('every word that heads a path is also a member name', () => {
        const heads = words('HeadName');
        expect(heads).toContain('<ID>');
        expect([...heads].filter(word => !words('MemberName').has(word))).toEqual([]);
    });

    test('member names call no other rule', () => {
        expect(AstUtils.streamAllContents(rule('MemberName')).filter(node => GrammarAST.isRuleCall(node) && !GrammarAST.isTerminalRule(node.rule.ref)).count()).toBe(0);
    });
});
