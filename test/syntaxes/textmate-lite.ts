/**
 * A small TextMate tokenizer for tests: `match`, `begin`/`end` (across lines), `captures`,
 * `patterns`, `include` of `#repository` keys and `$self`. Regexes run as JavaScript RegExps, with a
 * leading `(?i)` turned into the `i` flag, so the grammar must stay within the syntax both engines
 * share. It is not vscode-textmate (Oniguruma semantics, scope priorities); it checks that patterns
 * compile and that sample lines get the intended scopes.
 */

export interface Rule {
    name?: string;
    match?: string;
    begin?: string;
    end?: string;
    include?: string;
    captures?: Record<string, { name?: string }>;
    beginCaptures?: Record<string, { name?: string }>;
    endCaptures?: Record<string, { name?: string }>;
    patterns?: Rule[];
}

export interface Grammar {
    scopeName: string;
    patterns: Rule[];
    repository: Record<string, Rule>;
}

export interface Token {
    text: string;
    scopes: string[];
}

/** Compiles a TextMate regex as a sticky-free global RegExp with match indices. */
export function compile(source: string): RegExp {
    const insensitive = source.startsWith('(?i)');
    return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'gdi' : 'gd');
}

export class LiteTokenizer {
    private readonly regexes = new Map<string, RegExp>();

    constructor(private readonly grammar: Grammar) {}

    /** Tokenizes lines; begin/end rules carry over to following lines. */
    tokenize(text: string): Token[][] {
        const stack: Rule[] = [];
        return text.split('\n').map(line => this.tokenizeLine(line, stack));
    }

    private tokenizeLine(line: string, stack: Rule[]): Token[] {
        const tokens: Token[] = [];
        const scopes = (): string[] => [this.grammar.scopeName, ...stack.map(rule => rule.name).filter((n): n is string => !!n)];
        const push = (text: string, extra: Array<string | undefined>): void => {
            if (text.length > 0) {
                tokens.push({ text, scopes: [...scopes(), ...extra.filter((s): s is string => !!s)] });
            }
        };
        let pos = 0;
        while (pos < line.length) {
            const current = stack.at(-1);
            let best: { rule: Rule; match: RegExpExecArray; isEnd: boolean } | undefined;
            if (current?.end) {
                const match = this.exec(current.end, line, pos);
                if (match) {
                    best = { rule: current, match, isEnd: true };
                }
            }
            for (const rule of this.flatten(current ? current.patterns ?? [] : this.grammar.patterns)) {
                const match = this.exec(rule.match ?? rule.begin!, line, pos);
                if (match && (!best || match.index < best.match.index)) {
                    best = { rule, match, isEnd: false };
                }
            }
            if (!best) {
                push(line.slice(pos), []);
                break;
            }
            const { rule, match, isEnd } = best;
            push(line.slice(pos, match.index), []);
            if (isEnd) {
                this.emitCaptures(match, rule.endCaptures, [], push);
                stack.pop();
            } else if (rule.begin) {
                stack.push(rule);
                this.emitCaptures(match, rule.beginCaptures, [], push);
            } else {
                this.emitCaptures(match, rule.captures, [rule.name], push);
            }
            const end = match.index + match[0].length;
            // A zero-length match would never advance: step over one character.
            if (end === pos && match[0].length === 0) {
                push(line.slice(pos, pos + 1), []);
                pos++;
            } else {
                pos = end;
            }
        }
        // An end pattern such as `"|$` closes an unterminated string at the end of the line.
        const last = stack.at(-1);
        if (last?.end) {
            const match = this.exec(last.end, line, line.length);
            if (match && match.index === line.length) {
                stack.pop();
            }
        }
        return tokens;
    }

    /** Splits a match into the text before, inside and after each (non-nested) capture group. */
    private emitCaptures(
        match: RegExpExecArray, captures: Rule['captures'], outer: Array<string | undefined>,
        push: (text: string, extra: Array<string | undefined>) => void,
    ): void {
        const whole = captures?.['0']?.name;
        let at = match.index;
        const groups = (match.indices ?? []).map((range, i) => ({ range, i })).slice(1)
            .filter(g => g.range && captures?.[String(g.i)]?.name).sort((a, b) => a.range![0] - b.range![0]);
        for (const { range, i } of groups) {
            push(match.input.slice(at, range![0]), [...outer, whole]);
            push(match.input.slice(range![0], range![1]), [...outer, whole, captures![String(i)].name]);
            at = range![1];
        }
        push(match.input.slice(at, match.index + match[0].length), [...outer, whole]);
    }

    private exec(source: string, line: string, pos: number): RegExpExecArray | null {
        let regex = this.regexes.get(source);
        if (!regex) {
            regex = compile(source);
            this.regexes.set(source, regex);
        }
        regex.lastIndex = pos;
        return regex.exec(line);
    }

    private flatten(rules: Rule[], seen = new Set<string>()): Rule[] {
        return rules.flatMap(rule => {
            if (rule.include) {
                if (seen.has(rule.include)) {
                    return [];
                }
                const next = new Set(seen).add(rule.include);
                const target = rule.include === '$self' ? { patterns: this.grammar.patterns } : this.grammar.repository[rule.include.slice(1)];
                if (!target) {
                    throw new Error(`Unknown include ${rule.include}`);
                }
                return target.match || target.begin ? [target] : this.flatten(target.patterns ?? [], next);
            }
            return [rule];
        });
    }
}
