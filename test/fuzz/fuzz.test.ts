import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fuzzLanguageServer, WARM_UP_DOCS, warmUpFor, type LspFuzzOptions } from './lsp-fuzz.js';
import { failed, RSS_GROWTH_LIMIT, rssGrowth } from './report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Far beyond any answer time of a small document: in the suite the harness only tells hangs
 * (the 2 s target of `npm run fuzz` is a performance figure, measured there, not here).
 */
const HANG = 30_000;

const options = (docs: number, command?: string[]): LspFuzzOptions => ({
    root: ROOT, seed: 3, docs, command, lateMs: HANG, hangMs: HANG, rssEvery: 0, log: () => undefined,
});

const fake = (fault: string) => [process.execPath, path.join(ROOT, 'test/fuzz/fake-server.mjs'), fault];

describe('npm run fuzz, a few dozen documents', () => {
    // Documents of at most 20,000 characters keep this well under a minute on a loaded machine.
    test('the bundled server answers every request without an internal error or a crash', async () => {
        const report = await fuzzLanguageServer({ ...options(40), maxChars: 20_000 });
        const failures = report.failures.map(f => `doc ${f.document.index} (${f.document.origin}): ${f.kind}: ${f.detail}`);
        expect(failures).toEqual([]);
        expect(report.docs).toBe(40);
        expect(report.requests).toBeGreaterThan(80);
    }, 60 * HANG);
});

describe('the harness reports what goes wrong', () => {
    test('a healthy server passes', async () => {
        const report = await fuzzLanguageServer(options(12, fake('none')));
        expect(failed(report)).toBe(false);
        expect(report.requests).toBeGreaterThan(0);
    }, 4 * HANG);

    test('a request that is never answered', async () => {
        const report = await fuzzLanguageServer({ ...options(12, fake('drop-highlight')), hangMs: 1_000 });
        expect(failed(report)).toBe(true);
        expect(report.unanswered).toBeGreaterThan(0);
        expect(report.failures.every(f => f.kind === 'unanswered' && f.method === 'textDocument/documentHighlight')).toBe(true);
    }, 4 * HANG);

    test('a crash, after which the run goes on with a new server at once', async () => {
        // The requests pending when the server died end with it: waiting for an hour would time this test out.
        const report = await fuzzLanguageServer({ ...options(8, fake('crash-on-third-document')), hangMs: 3_600_000 });
        expect(report.crashes).toBeGreaterThanOrEqual(1);
        expect(report.restarts).toBeGreaterThanOrEqual(1);
        expect(report.docs).toBe(8);
    }, 4 * HANG);

    test('memory that grows with every document, after the warm-up', async () => {
        const report = await fuzzLanguageServer({ ...options(20, fake('leak')), warmUp: 2 });
        expect(report.rss.first).toBeDefined();
        expect(rssGrowth(report)).toBeGreaterThan(RSS_GROWTH_LIMIT);
        expect(failed(report)).toBe(true);
    }, 4 * HANG);

    test('memory that grows during the warm-up only (180 MB over its first 60 edits) is no leak', async () => {
        const report = await fuzzLanguageServer(options(WARM_UP_DOCS + 10, fake('warm-up-growth')));
        expect(rssGrowth(report)).toBeLessThan(RSS_GROWTH_LIMIT);
        expect(failed(report)).toBe(false);
    }, 4 * HANG);

    test('the warm-up is a tenth of the run, at least WARM_UP_DOCS documents', () => {
        expect([warmUpFor(40), warmUpFor(1_000), warmUpFor(10_000)]).toEqual([WARM_UP_DOCS, WARM_UP_DOCS, 1_000]);
    });

    test('a run shorter than the warm-up does not measure growth', async () => {
        const report = await fuzzLanguageServer({ ...options(3, fake('leak')), warmUp: 5 });
        expect(report.rss).toEqual({});
        expect(rssGrowth(report)).toBeUndefined();
    }, 4 * HANG);

    test('an internal error in the log', async () => {
        const report = await fuzzLanguageServer(options(3, fake('log-internal-error')));
        // One per edit: each document, and a follow-up edit now and then.
        expect(report.internalErrors).toBeGreaterThanOrEqual(3);
        expect(report.failures[0].detail).toContain('TypeError: boom');
    }, 4 * HANG);
});
