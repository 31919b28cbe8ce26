import type { RunResult } from '../shared/segment-protocol.js';
import { RESULTS_SCRIPT } from './segment-results-script.js';
import { tablePage } from './segment-results-table.js';

/**
 * The results page of a segment run, as an HTML string. Pure (no `vscode` import) so that the
 * escaping and the Content-Security-Policy are unit-tested. Profile data never goes through this
 * string as markup: it travels as JSON in a non-executable script element and the page's script
 * builds the table with `textContent`. Everything else interpolated here goes through `escapeHtml`.
 */

/** What one page shows: a run's result, tagged so the webview can tell a new run from a reload. */
export interface ResultsViewModel {
    /** Changes with every run; the webview keeps its sorting, page and selection only for the same run. */
    runId: string;
    result?: RunResult;
}

export interface RenderOptions {
    /** `webview.cspSource`. */
    cspSource: string;
    /** A fresh random value per rendering; allows exactly this page's style and script. */
    nonce: string;
    pageSize?: number;
}

/** Profile table columns: key in `ProfileRow`, header text. */
export const PROFILE_COLUMNS: ReadonlyArray<[string, string]> = [
    ['id', 'Id'], ['name', 'Name'], ['email', 'Email'], ['country', 'Country'],
    ['loyaltyTier', 'Loyalty tier'], ['birthYear', 'Birth year'], ['events', '# Events'], ['matched', 'Match'],
];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
    return String(value ?? '').replace(/[&<>"']/gu, c => ESCAPES[c]);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u…`
 * escapes so that no `</script>` or `<!--` can close the element early; U+2028/9 likewise.
 */
export function jsonForScript(value: unknown): string {
    return JSON.stringify(value ?? null).replace(/[<>&\u2028\u2029]/gu, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "7.1 %": one decimal, as in the output channel summary; 0 % for an empty dataset. */
export function formatPercent(part: number, total: number): string {
    return `${total === 0 ? '0.0' : (part * 100 / total).toFixed(1)} %`;
}

export function renderResultsHtml(model: ResultsViewModel, options: RenderOptions): string {
    const { cspSource, nonce } = options;
    const pageSize = options.pageSize ?? 50;
    const result = model.result;
    const title = result ? `Segment: ${result.title ?? result.segment}` : 'Segment results';
    const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
    const script = RESULTS_SCRIPT.replace('__TABLE_PAGE__', () => tablePage.toString());
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
${result ? renderBody(result, pageSize) : '<p data-testid="no-result">Run a segment ("Segment: Run Against Sample Profiles") to see its results here.</p>'}
<script type="application/json" id="segment-state">${jsonForScript({ runId: model.runId, result })}</script>
<script nonce="${escapeHtml(nonce)}">${script}</script>
</body>
</html>
`;
}

function renderBody(result: RunResult, pageSize: number): string {
    const nonMatchingRows = result.rows.filter(row => !row.matched).length;
    const heading = result.title
        ? `${escapeHtml(result.title)} <code data-testid="segment-id">${escapeHtml(result.segment)}</code>`
        : `<code data-testid="segment-id">${escapeHtml(result.segment)}</code>`;
    return `<header>
<h1 data-testid="segment-title">${heading}</h1>
<p data-testid="matched-count" data-matched="${result.matched}" data-total="${result.total}"><strong>${result.matched} / ${result.total}</strong> profiles matched (${escapeHtml(formatPercent(result.matched, result.total))})</p>
<dl class="facts">
<dt>now</dt><dd><time data-testid="now" datetime="${escapeHtml(result.now)}">${escapeHtml(result.now)}</time> <span class="muted">(${escapeHtml(NOW_SOURCES[result.nowSource] ?? result.nowSource)})</span></dd>
<dt>time zone</dt><dd>${escapeHtml(result.timeZone)}</dd>
<dt>sample</dt><dd><code>${escapeHtml(result.samplePath)}</code> <span class="muted">(${escapeHtml(result.sampleSource)})</span>${result.skipped > 0 ? ` <span class="warn">${result.skipped} invalid line(s) skipped</span>` : ''}</dd>
<dt>time</dt><dd>${result.elapsedMs} ms</dd>
</dl>
<button id="rerun" type="button">Run again</button>
${renderNotes(result)}
</header>
${renderClauses(result)}
<section>
<h2>Profiles</h2>
<label><input type="checkbox" data-testid="toggle-nonmatching"${nonMatchingRows === 0 ? ' disabled' : ''}> Show non-matching profiles (${result.total - result.matched})</label>
${result.rowsTruncated ? `<p class="warn">Only the first ${result.rows.filter(row => row.matched).length} rows of each kind are listed; counts and ids cover the whole dataset.</p>` : ''}
<table id="profiles" data-testid="profiles" data-page-size="${pageSize}">
<thead><tr>${PROFILE_COLUMNS.map(([key, label]) => `<th data-sort="${escapeHtml(key)}" aria-sort="none"><button type="button">${escapeHtml(label)}</button></th>`).join('')}</tr></thead>
<tbody id="rows"></tbody>
</table>
<p id="no-rows" hidden>No profile to show.</p>
<nav class="pager"><button type="button" data-testid="page-prev">‹ Previous</button> <span data-testid="page-info"></span> <button type="button" data-testid="page-next">Next ›</button></nav>
</section>
<section id="details" data-testid="profile-details" hidden>
<h2>Profile <code id="details-title"></code></h2>
<p id="details-status"></p>
<h3>Why</h3>
<div id="explanation" data-testid="explanation"></div>
<h3>JSON</h3>
<pre id="profile-json" data-testid="profile-json"></pre>
</section>`;
}

/** The evaluator's warnings and the first invalid records of the dataset. */
function renderNotes(result: RunResult): string {
    const notes = [...(result.warnings ?? []), ...(result.problems ?? [])];
    return notes.length === 0 ? '' : `<ul class="warn" data-testid="warnings">${notes.map(n => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
}

const NOW_SOURCES: Record<string, string> = {
    setting: 'from the segment.now setting',
    config: 'from segment.config.json',
    dataset: 'declared by the dataset',
    clock: 'the clock',
};

function renderClauses(result: RunResult): string {
    if (result.clauses.length === 0) {
        return '';
    }
    const rows = result.clauses.map(clause => `<tr data-testid="clause-row" data-path="${escapeHtml(clause.path)}">`
        + `<td><code>${escapeHtml(clause.text)}</code></td><td class="number">${clause.matched}</td>`
        + `<td class="number">${escapeHtml(formatPercent(clause.matched, result.total))}</td></tr>`).join('\n');
    return `<section>
<h2>Clauses</h2>
<table data-testid="clauses"><thead><tr><th>Clause</th><th>Matched</th><th>%</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; }
code, pre { font-family: var(--vscode-editor-font-family); }
.muted { opacity: 0.7; }
.warn { color: var(--vscode-editorWarning-foreground); }
.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { text-align: left; padding: 0.2em 0.6em; border-bottom: 1px solid var(--vscode-panel-border); }
td.number { text-align: right; }
th button { all: unset; cursor: pointer; font-weight: bold; }
th[aria-sort="ascending"] button::after { content: ' ▲'; }
th[aria-sort="descending"] button::after { content: ' ▼'; }
tbody#rows tr { cursor: pointer; }
tbody#rows tr:hover { background: var(--vscode-list-hoverBackground); }
tr.selected { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
tr.nonmatching { opacity: 0.75; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 0.3em 0.8em; cursor: pointer; }
button:disabled { opacity: 0.5; cursor: default; }
pre { background: var(--vscode-textCodeBlock-background); padding: 0.5em; overflow: auto; }
.tree, .tree ul { list-style: none; padding-left: 1.2em; }
.mark.ok { color: var(--vscode-testing-iconPassed); }
.mark.fail { color: var(--vscode-testing-iconFailed); }
.value { opacity: 0.8; }
`;
