
type Handler = (...args: unknown[]) => unknown;
type Logger = (message: string) => void;

/**
 * Wraps a connection so that every request/notification handler registered through it (`onHover`,
 * `languages.semanticTokens.on`, …) survives an internal exception: the failure is logged once per
 * distinct message, the request answers "no result", and the server keeps serving. Cancellation
 * still propagates, so the client sees a cancelled request as such.
 */
export function guardConnection<T extends object>(connection: T, log: Logger): T {
    const seen = new Set<string>();
    const fail = (method: string, error: unknown): null => {
        if (isCancellation(error)) {
            throw error;
        }
        const message = error instanceof Error ? error.message : String(error);
        if (!seen.has(`${method}: ${message}`)) {
            seen.add(`${method}: ${message}`);
            const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
            log(`Segment language server: '${method}' failed; the server keeps running. ${message}${stack}`);
        }
        return null;
    };
    const guard = (method: string, handler: Handler): Handler => function (this: unknown, ...args: unknown[]) {
        try {
            const result = handler.apply(this, args);
            return result instanceof Promise ? result.catch(error => fail(method, error)) : result;
        } catch (error) {
            return fail(method, error);
        }
    };
    const wrap = <O extends object>(target: O, path: string): O => new Proxy(target, {
        get(object, property, receiver) {
            const value = Reflect.get(object, property, receiver);
            const name = `${path}${String(property)}`;
            if (typeof value === 'function' && typeof property === 'string' && /^on[A-Z]|^on$/u.test(property)) {
                return (handler: unknown, ...rest: unknown[]) =>
                    value.call(object, typeof handler === 'function' ? guard(name, handler as Handler) : handler, ...rest);
            }
            if (typeof value === 'function') {
                return value.bind(object);
            }
            // Feature namespaces (`languages`, `workspace`, `languages.semanticTokens` …) register handlers too.
            return value && typeof value === 'object' && ['languages', 'workspace', 'window', 'semanticTokens', 'callHierarchy',
                'typeHierarchy', 'inlayHint', 'inlineValue', 'diagnostics', 'moniker', 'notebooks', 'synchronization', 'tracer', 'telemetry', 'client']
                .includes(String(property)) ? wrap(value as object, name + '.') : value;
        },
    });
    return wrap(connection, '');
}

function isCancellation(error: unknown): boolean {
    return typeof error === 'object' && error !== null && (error as { code?: number }).code === -32800;
}

