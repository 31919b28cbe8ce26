import { describe, expect, test } from 'vitest';
import { escapeHtml, jsonForScript, renderResultsHtml } from '../../src/extension/results/segment-results-html.js';
import { summarize, type ResultsView } from '../../src/extension/results/segment-results-model.js';
import type { ProfileRow, RunResult } from '../../src/shared/segment-protocol.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const NONCE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function row(id: string, matched: boolean, extra: Partial<ProfileRow> = {}): ProfileRow {
    return { id, matched, events: 0, fields: {}, ...extra };
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
        clauses: [{ path: '$', kind: 'comparison', text: 'homeAddress.countryCode = "US"', matched: 120 }],
        columns: [{ key: 'homeAddress.countryCode', label: 'homeAddress.countryCode' }],
        elapsedMs: 41,
        skipped: 0,
        rows: [row('p1', true, { name: 'Ada', events: 3, fields: { 'homeAddress.countryCode': 'US' } }), row('p9', false, { name: 'Bob' })],
        rowsTruncated: false,
        ...overrides,
    };
}

function render(model = result()): string {
    const view: ResultsView = { seq: 1, status: 'done', stale: false, result: summarize(model, 'sample-profiles.jsonl') };
    return renderResultsHtml(view, { cspSource: CSP_SOURCE, nonce: NONCE });
}

/** The JSON the page's script reads its first view from. */
function embeddedState(html: string): ResultsView {
    const match = /<script type="application\/json" id="segment-state">([\s\S]*?)<\/script>/u.exec(html);
    expect(match).not.toBeNull();
    return JSON.parse(match![1]);
}

describe('escaping hostile data', () => {
    test('a profile name with markup stays data: no tag in the page, same text after parsing', () => {
        const html = render(result({ rows: [row('p1', true, { name: HOSTILE, fields: { email: `"><script>alert(2)</script>` } })] }));
        expect(html.toLowerCase()).not.toContain('<img');
        expect(html).not.toContain('<script>alert(2)');
        expect(embeddedState(html).result!.rows[0].name).toBe(HOSTILE);
        expect(embeddedState(html).result!.rows[0].fields.email).toBe(`"><script>alert(2)</script>`);
    });

    test('the title is entity-escaped; clause texts and paths travel as data only', () => {
        const html = render(result({ title: HOSTILE, clauses: [{ path: '$', kind: 'comparison', text: `name = "${HOSTILE}"`, matched: 1 }], samplePath: `/tmp/${HOSTILE}.jsonl` }));
        expect(html.toLowerCase()).not.toContain('<img');
        expect(html).toContain('<title>Segment: &lt;img src=x onerror=alert(1)&gt;</title>');
        expect(embeddedState(html).result!.tree!.text).toBe(`name = "${HOSTILE}"`);
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

    test('the page script never parses markup: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
        const html = render();
        expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/u);
    });
});

describe('content security policy', () => {
    test('a CSP meta allows only this page\'s nonce for scripts and no inline code', () => {
        const html = render();
        // The browser decodes character references in attribute values before applying the policy.
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/u.exec(html)?.[1]?.replace(/&#39;/gu, '\'');
        expect(csp).toBe(`default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
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
    test('the shell has the contract\'s test ids: matched count, profile list, non-matching toggle, filter, details', () => {
        const html = render();
        for (const id of ['matched-count', 'profiles', 'toggle-nonmatching', 'filter', 'clauses', 'profile-details', 'explanation', 'profile-json', 'open-json', 'rerun', 'stale', 'running']) {
            expect(html).toContain(`data-testid="${id}"`);
        }
    });

    test('the view carries the display texts: now in the run\'s zone, the sample path as given, the clause tree', () => {
        const view = embeddedState(render(result({ timeZone: 'Europe/Paris' })));
        expect(view.result).toMatchObject({ nowLabel: '2026-11-01 13:00 Europe/Paris', sampleLabel: 'sample-profiles.jsonl', nowSourceLabel: 'segment.now setting' });
        expect(view.result!.tree).toEqual({ path: '$', kind: 'comparison', text: 'homeAddress.countryCode = "US"', profiles: 120 });
        expect(view.result).not.toHaveProperty('explanations');
    });

    test('the inlined script parses and embeds the table logic', () => {
        const html = render();
        const script = new RegExp(`<script nonce="${NONCE}">([\\s\\S]*?)</script>`, 'u').exec(html)?.[1] ?? '';
        expect(script).toContain('shownKinds');
        expect(script).not.toContain('__TABLE_PAGE__');
        expect(() => new Function(script)).not.toThrow();
    });

    test('without a result the page invites to run a segment and embeds no data', () => {
        const html = renderResultsHtml({ seq: 0, status: 'idle', stale: false }, { cspSource: CSP_SOURCE, nonce: NONCE });
        expect(html).toContain('data-testid="no-result"');
        expect(embeddedState(html)).toEqual({ seq: 0, status: 'idle', stale: false });
    });
});

describe('warnings about the data', () => {
    test('reach the page with the result, in the warnings list above the clauses', () => {
        const warnings = ['duplicate ids: 1 profile repeats the _id of an earlier profile (p1); each record is evaluated and counted as a profile of its own.'];
        const html = render(result({ warnings }));
        expect(embeddedState(html).result!.warnings).toEqual(warnings);
        expect(html.indexOf('data-testid="warnings"')).toBeGreaterThan(0);
        expect(html.indexOf('data-testid="warnings"')).toBeLessThan(html.indexOf('data-testid="clauses"'));
    });
});
