import { isReference, type AstNode, type LangiumParser } from 'langium';

/** The tokens `parser` looks at (lookahead included) while parsing `text`: its work, counted instead of timed. */
export function tokensRead(parser: LangiumParser, text: string): number {
    const wrapper = (parser as unknown as { wrapper: { LA(i: number): unknown } }).wrapper;
    const la = Object.getPrototypeOf(wrapper).LA as (this: unknown, i: number) => unknown;
    let count = 0;
    wrapper.LA = function (this: unknown, i: number) {
        count++;
        return la.call(this, i);
    };
    try {
        parser.parse(text);
    } finally {
        delete (wrapper as { LA?: unknown }).LA;
    }
    return count;
}

/** A tree without positions or containers; references by their text (to compare two parsers' trees). */
export function shape(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(shape);
    }
    if (isReference(value)) {
        return { ref: value.$refText };
    }
    if (value && typeof value === 'object') {
        const node = value as AstNode;
        return Object.fromEntries([['type', node.$type], ...Object.entries(node).filter(([key]) => !key.startsWith('$')).map(([key, v]) => [key, shape(v)])]);
    }
    return value;
}
