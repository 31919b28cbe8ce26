import { NoViableAltException, type IToken, type TokenType } from 'chevrotain';
import type { AbstractLangiumParser } from 'langium';

type AltMessageOptions = { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string };

interface ErrorHandler {
    maxLookahead: number;
    errorMessageProvider: { buildNoViableAltMessage(options: AltMessageOptions): string };
    raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never;
    getCurrRuleFullName(): string;
    LA(offset: number): IToken;
    SAVE_ERROR(error: NoViableAltException): Error;
}

/**
 * Remembers, per alternation of the grammar, the token sequences its message lists as expected.
 * Chevrotain computes them from the grammar again for every "no viable alternative" error (its own
 * comment asks for a cache): a 9 KB file of unclosed brackets with 84 errors spent a third of its
 * parse there. The paths depend only on the rule, the alternation and the lookahead, so the first
 * error at an alternation computes them, through Chevrotain's own method, and later ones reuse them.
 */
export function useCachedAltPaths(parser: AbstractLangiumParser): void {
    const handler = (parser as unknown as { wrapper: ErrorHandler }).wrapper;
    const paths = new Map<string, TokenType[][][]>();
    const raise = handler.raiseNoAltException;
    handler.raiseNoAltException = function (this: ErrorHandler, occurrence, errMsgTypes): never {
        const ruleName = this.getCurrRuleFullName();
        const key = `${ruleName} ${occurrence}`;
        const known = paths.get(key);
        if (!known) {
            const provider = this.errorMessageProvider;
            const build = provider.buildNoViableAltMessage;
            provider.buildNoViableAltMessage = options => {
                paths.set(key, options.expectedPathsPerAlt);
                return build.call(provider, options);
            };
            try {
                return raise.call(this, occurrence, errMsgTypes);
            } finally {
                provider.buildNoViableAltMessage = build;
            }
        }
        // As Chevrotain's `raiseNoAltException`, with the remembered paths.
        const actual = Array.from({ length: this.maxLookahead }, (_, i) => this.LA(i + 1));
        const previous = this.LA(0);
        const message = this.errorMessageProvider.buildNoViableAltMessage({ expectedPathsPerAlt: known, actual, previous, customUserDescription: errMsgTypes, ruleName });
        throw this.SAVE_ERROR(new NoViableAltException(message, this.LA(1), previous));
    };
}
