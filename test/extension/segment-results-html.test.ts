import { describe, expect, test } from 'vitest';
import { escapeHtml, jsonForScript, PROFILE_COLUMNS, renderResultsHtml } from '../../src/extension/segment-results-html.js';
import type { ProfileRow, RunResult } from '../../src/shared/segment-protocol.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const NONCE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function row(id: string, matched: boolean, extra: Partial<ProfileRow> = {}): ProfileRow {
    return { id, matched, events: 0, ...extra };
}

function result(overrides: Partial<RunResult> = {}): RunResult {
    return {
        segment: 'sneaker_abandoners',
        title: 'Sneaker abandoners',
        uri: 'file:///work/segments/shoes.segment',
        now: '2026-11-01T12:00:00.000Z',
        nowSource: 'setting',
        timeZone: 'UTC',
        samplePath: '/work/examples/sample-profiles.jsonl',
        sampleSource: 'bundled',
        total: 520,
        matched: 37,
        ids: ['p1', 'p2'],
        clauses: [{ path: '0', kind: 'comparison', text: 'homeAddress.countryCode = "US"', matched: 120 }],
        elapsedMs: 41,
        skipped: 0,
        rows: [row('p1', true, { name: 'Ada', country: 'US', birthYear: 1990, events: 3 }), row('p9', false, { name: 'Bob' })],
        rowsTruncated: false,
        ...overrides,
    };
}

function render(model = result()): string {
    return renderResultsHtml({ runId: 'run-1', result: model }, { cspSource: CSP_SOURCE, nonce: NONCE });
}

/** The JSON the page's script reads its data from. */
function embeddedState(html: string): { runId: string; result?: RunResult } {
    const match = /<script type="application\/json" id="segment-state">([\s\S]*?)<\/script>/u.exec(html);
    expect(match).not.toBeNull();
    return JSON.parse(match![1]);
}

describe('escaping hostile data', () => {
    test('a profile name with markup stays data: no tag in the page, same text after parsing', () => {
        const html = render(result({ rows: [row('p1', true, { name: HOSTILE, email: `"><script>alert(2)</script>` })] }));
        expect(html.toLowerCase()).not.toContain('<img');
        expect(html).not.toContain('<script>alert(2)');
        expect(embeddedState(html).result!.rows[0].name).toBe(HOSTILE);
        expect(embeddedState(html).result!.rows[0].email).toBe(`"><script>alert(2)</script>`);
    });

    test('text rendered into the markup (title, clause, sample path, segment id) is entity-escaped', () => {
        const html = render(result({ title: HOSTILE, clauses: [{ path: '0', kind: 'comparison', text: `name = "${HOSTILE}"`, matched: 1 }], samplePath: `/tmp/${HOSTILE}.jsonl` }));
        expect(html.toLowerCase()).not.toContain('<img');
        expect(html).toContain('<title>Segment: &lt;img src=x onerror=alert(1)&gt;</title>');
        expect(html).toContain('<code>name = &quot;&lt;img src=x onerror=alert(1)&gt;&quot;</code>');
        expect(html).toContain('/tmp/&lt;img src=x onerror=alert(1)&gt;.jsonl');
    });

    test('data cannot close the JSON script element early', () => {
        const html = render(result({ rows: [row('</script><script>alert(3)</script>', true, { name: '<!-- \u2028' })] }));
        // Exactly the page's own two script elements are closed.
        expect(html.match(/<\/script>/gu)).toHaveLength(2);
        expect(embeddedState(html).result!.rows[0].id).toBe('</script><script>alert(3)</script>');
    });

    test('escapeHtml and jsonForScript cover every special character', () => {
        expect(escapeHtml(`<a href='x' title="y">&</a>`)).toBe('&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;');
        expect(jsonForScript({ s: '<>&\u2028\u2029' })).toBe('{"s":"\\u003c\\u003e\\u0026\\u2028\\u2029"}');
        expect(JSON.parse(jsonForScript({ s: '<>&\u2028\u2029' }))).toEqual({ s: '<>&\u2028\u2029' });
    });
});

describe('content security policy', () => {
    test('a CSP meta allows only this page\'s nonce for scripts and no inline code', () => {
        const html = render();
        // The browser decodes character references in attribute values before applying the policy.
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/u.exec(html)?.[1]?.replace(/&#39;/gu, '\'');
        expect(csp).toBe(`default-src 'none'; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
        expect(html).not.toContain('unsafe-inline');
        expect(html).not.toContain('unsafe-eval');
    });

    test('every executable script and style element carries the nonce; no inline handlers or style attributes', () => {
        const html = render();
        const scripts = [...html.matchAll(/<script([^>]*)>/gu)].map(m => m[1]);
        expect(scripts).toEqual([' type="application/json" id="segment-state"', ` nonce="${NONCE}"`]);
        expect([...html.matchAll(/<style([^>]*)>/gu)].map(m => m[1])).toEqual([` nonce="${NONCE}"`]);
        expect(html).not.toMatch(/\son[a-z]+=/u);
        expect(html).not.toMatch(/\sstyle=/u);
    });
});

describe('page content', () => {
    test('the matched count shows matched / total and the percentage', () => {
        const html = render();
        const counter = /<p data-testid="matched-count" data-matched="37" data-total="520">(.*?)<\/p>/u.exec(html)?.[1];
        expect(counter).toBe('<strong>37 / 520</strong> profiles matched (7.1 %)');
        expect(html).toContain('<time data-testid="now" datetime="2026-11-01T12:00:00.000Z">');
    });

    test('the table declares its page size and one sortable header per column', () => {
        const html = render();
        expect(html).toContain('<table id="profiles" data-testid="profiles" data-page-size="50">');
        const keys = [...html.matchAll(/<th data-sort="([^"]+)" aria-sort="none"><button type="button">/gu)].map(m => m[1]);
        expect(keys).toEqual(PROFILE_COLUMNS.map(([key]) => key));
        expect(html).toContain('data-testid="page-prev"');
        expect(html).toContain('data-testid="page-next"');
    });

    test('the non-matching toggle counts the others and is disabled when there are none to list', () => {
        expect(render()).toContain('<input type="checkbox" data-testid="toggle-nonmatching"> Show non-matching profiles (483)');
        const all = render(result({ matched: 2, total: 2, rows: [row('a', true), row('b', true)] }));
        expect(all).toContain('<input type="checkbox" data-testid="toggle-nonmatching" disabled> Show non-matching profiles (0)');
    });

    test('clauses are listed with their counts and share of the dataset', () => {
        expect(render()).toContain('<tr data-testid="clause-row" data-path="0"><td><code>homeAddress.countryCode = &quot;US&quot;</code></td><td class="number">120</td><td class="number">23.1 %</td></tr>');
    });

    test('the inlined script parses and embeds the table logic', () => {
        const html = render();
        const script = new RegExp(`<script nonce="${NONCE}">([\\s\\S]*?)</script>`, 'u').exec(html)?.[1] ?? '';
        expect(script).toContain('pageCount');
        expect(script).not.toContain('__TABLE_PAGE__');
        expect(() => new Function(script)).not.toThrow();
    });

    test('without a result the page invites to run a segment and embeds no data', () => {
        const html = renderResultsHtml({ runId: 'none' }, { cspSource: CSP_SOURCE, nonce: NONCE });
        expect(html).toContain('data-testid="no-result"');
        expect(html).not.toContain('data-testid="matched-count"');
        expect(embeddedState(html)).toEqual({ runId: 'none' });
    });
});
