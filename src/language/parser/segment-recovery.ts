import { EOF, MismatchedTokenException, type IToken, type TokenType } from 'chevrotain';
import type { AbstractLangiumParser } from 'langium';

/** The parts of Chevrotain's error recovery (its `Recoverable` trait) that are replaced or used here. */
interface Recoverable {
    RULE_STACK: number[];
    RULE_OCCURRENCE_STACK: number[];
    resyncFollows: Record<string, TokenType[]>;
    shortRuleNameToFullName(shortName: number): string;
    ruleInvocationStateUpdate(shortName: number, fullName: string, idxInCallingRule: number): void;
    reloadRecogState(state: unknown): void;
    LA(offset: number): IToken;
    SKIP_TOKEN(): IToken;
    tokenMatcher(token: IToken, type: TokenType): boolean;
    exportLexerState(): number;
    importLexerState(state: number): void;
    getCurrRuleFullName(): string;
    SAVE_ERROR(error: MismatchedTokenException): unknown;
    errorMessageProvider: { buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string };
    findReSyncTokenType(): TokenType;
    tryInRepetitionRecovery(rule: (...args: unknown[]) => void, args: unknown[], lookahead: () => boolean, expected: TokenType): void;
}

/**
 * Makes the parser's error recovery linear in what it skips, with the same results as Chevrotain's.
 *
 * To recover from an error, Chevrotain looks ahead for the first token that may follow one of the rules
 * being parsed (the "resync" token): with a check of every such token type, through lodash, per token
 * read, and before recovering inside a repetition it reads ahead to that token even when the repetition
 * can go on a few tokens later. When nothing ahead may follow (a `}` expected, none left), that is a
 * read to the end of the file for every error: 100 errors in a 200 KB file took 1 s of its 2 s parse.
 * Here the first follow token is found with one lookup per token read, and recovery inside a repetition
 * stops at the first token that may follow (what the read ahead found) without reading ahead first.
 */
export function useLinearRecovery(parser: AbstractLangiumParser): void {
    const recoverable = (parser as unknown as { wrapper: Recoverable }).wrapper;
    const follows = new FollowIndex(recoverable);
    recoverable.findReSyncTokenType = function (this: Recoverable): TokenType {
        const depth = follows.update();
        // Ends: EOF may always follow, and the input ends with EOF (as in Chevrotain's).
        for (let k = 1; ; k++) {
            const type = follows.find(this.LA(k).tokenTypeIdx!, depth);
            if (type) {
                return type;
            }
        }
    };
    recoverable.tryInRepetitionRecovery = function (this: Recoverable, rule, args, lookahead, expected): void {
        const depth = follows.update();
        const saved = this.exportLexerState();
        const skipped: IToken[] = [];
        const cause = this.LA(1);
        const reportCause = () => {
            const message = this.errorMessageProvider.buildMismatchTokenMessage({ expected, actual: cause, previous: this.LA(0), ruleName: this.getCurrRuleFullName() });
            const error = new MismatchedTokenException(message, cause, this.LA(0));
            // As Chevrotain's: the last token collected is where parsing resumes, not a skipped one.
            (error as { resyncedTokens?: IToken[] }).resyncedTokens = skipped.slice(0, -1);
            this.SAVE_ERROR(error);
        };
        let token = cause;
        for (;;) {
            if (this.tokenMatcher(token, expected)) {
                reportCause(); // back in step after the repetition
                return;
            }
            if (lookahead.call(this)) {
                reportCause(); // back in step for one more round of the repetition
                rule.apply(this, args);
                return;
            }
            if (follows.find(token.tokenTypeIdx!, depth)) {
                break; // Chevrotain's stop: the first token of the type its read ahead found
            }
            token = this.SKIP_TOKEN();
            if (!this.tokenMatcher(token, EOF)) {
                skipped.push(token);
            }
        }
        // A token that may follow an enclosing rule came first: the enclosing rule's recovery handles it.
        this.importLexerState(saved);
    };
    // Rule calls change the stack above its current length; a backtracking parser puts back a saved stack.
    const invoke = recoverable.ruleInvocationStateUpdate;
    recoverable.ruleInvocationStateUpdate = function (this: Recoverable, shortName, fullName, idxInCallingRule) {
        follows.changedFrom(this.RULE_STACK.length);
        invoke.call(this, shortName, fullName, idxInCallingRule);
    };
    const reload = recoverable.reloadRecogState;
    recoverable.reloadRecogState = function (this: Recoverable, state) {
        follows.changedFrom(0);
        reload.call(this, state);
    };
}

/**
 * What may follow the rules being parsed, by token type: for each token type index, the lowest frame of
 * the rule stack whose follow set matches it, and the type it matches there (Chevrotain's flattened
 * follow set lists the frames' sets bottom up, and recovery takes the first type that matches).
 *
 * Chevrotain flattens the follow sets of the whole stack for every frame an error unwinds through:
 * depth² work per error, and unclosed brackets nest deep (a 9 KB file of `((((…` on every line spent
 * 1.1 s in it). The frames below the stack's lowest change since the index was built are still
 * indexed; only the frames above are indexed again.
 */
class FollowIndex {
    private readonly entries = new Map<number, { frame: number; type: TokenType }>();
    /** Frames [0, indexed) of the current stack are in `entries`. */
    private indexed = 0;

    constructor(private readonly parser: Recoverable) {}

    /** The rule stack changes from frame `frame` up. */
    changedFrom(frame: number): void {
        if (frame < this.indexed) {
            this.indexed = frame;
        }
    }

    /** Indexes the frames of the current stack; returns its depth. */
    update(): number {
        const depth = this.parser.RULE_STACK.length;
        if (depth > this.indexed) {
            for (const [index, entry] of this.entries) {
                if (entry.frame >= this.indexed) {
                    this.entries.delete(index);
                }
            }
            for (let frame = this.indexed; frame < depth; frame++) {
                for (const [index, type] of followLookup(this.followSet(frame))) {
                    if (!this.entries.has(index)) {
                        this.entries.set(index, { frame, type });
                    }
                }
            }
            this.indexed = depth;
        }
        return depth;
    }

    /** The first type that may follow the frames below `depth` and that a token of type index `index` matches. */
    find(index: number, depth: number): TokenType | undefined {
        const entry = this.entries.get(index);
        return entry && entry.frame < depth ? entry.type : undefined;
    }

    /** As Chevrotain's `getFollowSetFromFollowKey` of the frame's key (`buildFullFollowKeyStack`). */
    private followSet(frame: number): readonly TokenType[] {
        if (frame === 0) {
            return [EOF];
        }
        const p = this.parser;
        const name = p.shortRuleNameToFullName(p.RULE_STACK[frame]) + p.RULE_OCCURRENCE_STACK[frame] + IN + p.shortRuleNameToFullName(p.RULE_STACK[frame - 1]);
        return p.resyncFollows[name] ?? [];
    }
}

/** Chevrotain's separator in follow keys (`IN` in its constants). */
const IN = '_~IN~_';

/** Token type index → the first type of the follow set that a token of that index matches (itself or a category). */
function followLookup(follows: readonly TokenType[]): Map<number, TokenType> {
    const lookup = new Map<number, TokenType>();
    for (const type of follows) {
        const matched = [type.tokenTypeIdx!, ...(type.isParent ? Object.keys(type.categoryMatchesMap ?? {}).map(Number) : [])];
        for (const index of matched) {
            if (!lookup.has(index)) {
                lookup.set(index, type);
            }
        }
    }
    return lookup;
}
