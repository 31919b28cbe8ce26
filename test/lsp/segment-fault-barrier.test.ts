import { describe, expect, test } from 'vitest';
import { guardConnection } from '../../src/language/segment-fault-barrier.js';

/** A stand-in for the LSP connection that records registered handlers. */
function fakeConnection() {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const register = (name: string) => (handler: (...args: unknown[]) => unknown) => { handlers.set(name, handler); };
    return {
        handlers,
        connection: {
            onHover: register('hover'),
            onCompletion: register('completion'),
            languages: { semanticTokens: { on: register('semanticTokens') } },
            sendNotification: () => 'sent',
        },
    };
}

describe('guardConnection', () => {
    test('a throwing handler answers null and is logged once per distinct failure', async () => {
        const { connection, handlers } = fakeConnection();
        const logs: string[] = [];
        const guarded = guardConnection(connection, message => logs.push(message));
        guarded.onHover(() => { throw new Error('boom'); });
        guarded.onCompletion(async () => { throw new Error('async boom'); });
        guarded.languages.semanticTokens.on(() => { throw new Error('tokens'); });
        expect(handlers.get('hover')!()).toBeNull();
        expect(handlers.get('hover')!()).toBeNull();
        expect(await handlers.get('completion')!()).toBeNull();
        expect(handlers.get('semanticTokens')!()).toBeNull();
        expect(logs.map(l => l.split('\n')[0])).toEqual([
            "Segment language server: 'onHover' failed; the server keeps running. boom",
            "Segment language server: 'onCompletion' failed; the server keeps running. async boom",
            "Segment language server: 'languages.semanticTokens.on' failed; the server keeps running. tokens",
        ]);
    });

    test('results and cancellations pass through unchanged', async () => {
        const { connection, handlers } = fakeConnection();
        const guarded = guardConnection(connection, () => undefined);
        guarded.onHover(() => ({ contents: 'ok' }));
        guarded.onCompletion(async () => { throw Object.assign(new Error('cancelled'), { code: -32800 }); });
        expect(handlers.get('hover')!()).toEqual({ contents: 'ok' });
        await expect(handlers.get('completion')!()).rejects.toThrow('cancelled');
        expect(guarded.sendNotification()).toBe('sent');
    });
});
