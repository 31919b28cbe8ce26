/**
 * Schemas that are small as files and huge as trees, for the schema loader's limits: definition
 * `d<i>` `$ref`s `d<i-1>` `fanOut` times, so the root expands to about fanOut^depth field paths.
 */
export function refBomb(depth: number, fanOut = 4, style: 'properties' | 'allOf' = 'properties'): Record<string, unknown> {
    const definitions: Record<string, unknown> = { d0: { type: 'object', properties: { v: { type: 'string' } } } };
    const names = 'abcdefgh'.slice(0, fanOut).split('');
    for (let i = 1; i <= depth; i++) {
        const previous = { $ref: `#/definitions/d${i - 1}` };
        definitions[`d${i}`] = style === 'properties'
            ? { type: 'object', properties: Object.fromEntries(names.map(n => [n, previous])) }
            // Each part adds the same fields under a new name, so merging them cannot collapse.
            : { type: 'object', allOf: names.map(n => ({ properties: { [n]: previous, [`${n}${i}`]: previous } })) };
    }
    return { type: 'object', properties: { person: { $ref: `#/definitions/d${depth}` } }, definitions };
}

/**
 * Wraps a JSON value so that each property read of an object in it is counted: the work a reader
 * does on the file, independent of the machine's speed. Throws once `cap` reads are exceeded, so a
 * reader that expands the file does not run for minutes before a test fails.
 */
export function countingReads<T>(json: T, cap: number): { json: T; reads: () => number } {
    let reads = 0;
    const proxies = new WeakMap<object, object>();
    const wrap = (value: unknown): unknown => {
        if (typeof value !== 'object' || value === null) {
            return value;
        }
        let proxy = proxies.get(value);
        if (!proxy) {
            proxy = new Proxy(value, {
                get(target, property, receiver) {
                    if (++reads > cap) {
                        throw new Error(`more than ${cap} reads of the schema`);
                    }
                    return wrap(Reflect.get(target, property, receiver));
                },
            });
            proxies.set(value, proxy);
        }
        return proxy;
    };
    return { json: wrap(json) as T, reads: () => reads };
}
