import { describe, expect, test } from 'vitest';
import { BoundedCache } from '../../src/shared/segment-bounded-cache.js';
import { compileJavaRegex } from '../../src/engine/regex/segment-regex.js';

describe('BoundedCache', () => {
    test('forgets the oldest entries beyond its number of entries', () => {
        const cache = new BoundedCache<number>(2, 100);
        cache.set('a', 1);
        cache.set('b', 2);
        cache.set('c', 3);
        expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
    });

    test('forgets the oldest entries beyond its total key length, and never keeps a key longer than that', () => {
        const cache = new BoundedCache<number>(100, 10);
        cache.set('aaaa', 1);
        cache.set('bbbb', 2);
        cache.set('cccc', 3);
        expect([cache.get('aaaa'), cache.get('bbbb'), cache.get('cccc')]).toEqual([undefined, 2, 3]);
        cache.set('x'.repeat(11), 4);
        expect([cache.get('x'.repeat(11)), cache.size]).toEqual([undefined, 2]);
    });

    test('counts a key set again once', () => {
        const cache = new BoundedCache<number>(100, 8);
        cache.set('aaaa', 1);
        cache.set('aaaa', 2);
        cache.set('bbbb', 3);
        expect([cache.get('aaaa'), cache.get('bbbb')]).toEqual([2, 3]);
    });

    test('weighs entries as told', () => {
        const cache = new BoundedCache<number>(100, 10, (_key, value) => value);
        cache.set('a', 6);
        cache.set('b', 5);
        cache.set('c', 11);
        expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 5, undefined]);
    });

    test('makes a value once per key', () => {
        const cache = new BoundedCache<number>(10, 100);
        let made = 0;
        const make = () => ++made;
        expect([cache.getOrMake('k', make), cache.getOrMake('k', make), made]).toEqual([1, 1, 1]);
    });
});

describe('the compiled-regex cache', () => {
    test('keeps an ordinary pattern, not one of hundreds of KB', () => {
        expect(compileJavaRegex('ab+c')).toBe(compileJavaRegex('ab+c'));
        expect(compileJavaRegex('(ab){3000}').regex!.size).toBeGreaterThan(6000);
        const huge = `[${'a'.repeat(300_000)}]`;
        expect(compileJavaRegex(huge)).not.toBe(compileJavaRegex(huge));
    });
});
