import type { AstNode } from 'langium';

/**
 * A value remembered per AST node, stored on the node under a symbol of its own: the same life as the
 * node, like a WeakMap entry, but without the WeakMap. The garbage collector processes each WeakMap
 * entry as an ephemeron, and memos with an entry per node of a 185 KB document of member paths
 * (types, roots, scopes) made collection a third of the time spent on it. Symbol-keyed properties
 * are invisible to Langium's walks over a node's properties (`Object.entries`) and to JSON.
 */
export class NodeMemo<T> {
    private readonly key: symbol;

    constructor(name: string) {
        this.key = Symbol(name);
    }

    get(node: AstNode): T | undefined {
        return (node as unknown as Record<symbol, T | undefined>)[this.key];
    }

    set(node: AstNode, value: T): void {
        (node as unknown as Record<symbol, T>)[this.key] = value;
    }
}
