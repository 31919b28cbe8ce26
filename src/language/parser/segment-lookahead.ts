import { getLookaheadPaths, type BaseParser, type IOrAlt, type LookaheadSequence, type TokenType } from 'chevrotain';
import { LLStarLookaheadStrategy } from 'chevrotain-allstar';

type AlternationOptions = Parameters<LLStarLookaheadStrategy['buildLookaheadForAlternation']>[0];
type Prediction = (this: BaseParser, orAlts?: IOrAlt<unknown>[]) => number | undefined;

/**
 * Langium's ALL(*) lookahead, except where one alternative can end after its first token and another
 * continues: a name (`count`) and a call (`count(…)`). ALL(*) keeps the shorter alternative alive
 * while it reads the longer one to its end, so choosing between them reads each call to its closing
 * parenthesis: quadratic in how deeply calls nest, and to the end of the file when one is left open
 * (`count(` × 3,000 took hours). Here the second token decides, as the longest match: the longer
 * alternative when it continues with that token (a name is never followed by `(` in PQL), ALL(*)
 * otherwise. The same holds for a list item, a lone literal or an expression starting with one
 * (`1,` or `1 + 2`: the literal, when it ends the item, is the same tree either way). No other
 * choice of the grammar changes (test/language/segment-lookahead.test.ts).
 */
export class SegmentLookaheadStrategy extends LLStarLookaheadStrategy {
    constructor() {
        // Ambiguity reports are for grammar authors (Langium silences them too); the grammar build checks the grammar.
        super({ logging: () => undefined });
    }

    override buildLookaheadForAlternation(options: AlternationOptions): Prediction {
        const predict = super.buildLookaheadForAlternation(options) as Prediction;
        const longer = longerAlternatives(getLookaheadPaths({
            occurrence: options.prodOccurrence, rule: options.rule, prodType: 'Alternation', maxLookahead: 2,
        }));
        if (longer.size === 0 || options.hasPredicates) {
            return predict;
        }
        return function (this: BaseParser, orAlts) {
            const alternative = longer.get(this.LA(1).tokenTypeIdx)?.get(this.LA(2).tokenTypeIdx);
            return alternative ?? predict.call(this, orAlts);
        };
    }
}

/**
 * First token → second token → the one alternative that continues with them, for first tokens after
 * which another alternative can end. `paths` holds each alternative's shortest distinguishing token
 * sequences (up to two): a one-token sequence that is not unique is an alternative ending there.
 */
export function longerAlternatives(paths: LookaheadSequence[]): Map<number, Map<number, number>> {
    const endings = new Set(paths.flatMap(alternative => alternative.filter(path => path.length === 1).flatMap(path => indices(path[0]))));
    const table = new Map<number, Map<number, number>>();
    const ambiguous = new Set<string>();
    paths.forEach((alternative, index) => {
        for (const path of alternative.filter(sequence => sequence.length === 2)) {
            for (const first of indices(path[0]).filter(token => endings.has(token))) {
                const next = table.get(first) ?? new Map<number, number>();
                table.set(first, next);
                for (const second of indices(path[1])) {
                    const chosen = next.get(second);
                    if (chosen !== undefined && chosen !== index) {
                        ambiguous.add(`${first} ${second}`);
                    }
                    next.set(second, index);
                }
            }
        }
    });
    for (const pair of ambiguous) {
        const [first, second] = pair.split(' ').map(Number);
        table.get(first)?.delete(second);
    }
    return table;
}

/** The token type and the types in its category (a keyword usable as a name matches the name's type). */
function indices(type: TokenType): number[] {
    return [type.tokenTypeIdx!, ...(type.categoryMatches ?? [])];
}
