import type { ResultsView } from './segment-results-model.js';
import { RESULTS_SCRIPT } from './segment-results-script.js';
import { RESULTS_STYLE } from './segment-results-style.js';
import { statusChrome } from './segment-results-status.js';
import { tablePage } from './segment-results-table.js';

/**
 * The results page, as an HTML string: a fixed shell, filled by the page's script from the view
 * model. Pure (no `vscode` import) so that the escaping and the Content-Security-Policy are
 * unit-tested. Run data never goes through this string as markup: the initial view travels as JSON
 * in a non-executable script element, later ones as messages, and the script builds every
 * data-bearing node with `textContent`. Everything else interpolated here goes through `escapeHtml`.
 */

export interface RenderOptions {
    /** `webview.cspSource`. */
    cspSource: string;
    /** A fresh random value per rendering; allows exactly this page's style and script. */
    nonce: string;
}

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

export function renderResultsHtml(view: ResultsView, options: RenderOptions): string {
    const { cspSource, nonce } = options;
    const title = view.result ? `Segment: ${view.result.title ?? view.result.segment}` : 'Segment results';
    // No inline handlers, no eval, no remote anything: only this page's nonce'd style and script.
    const csp = `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
    const script = RESULTS_SCRIPT.replace('__TABLE_PAGE__', () => tablePage.toString()).replace('__STATUS_CHROME__', () => statusChrome.toString());
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(nonce)}">${RESULTS_STYLE}</style>
</head>
<body>
<p class="placeholder" id="placeholder" data-testid="no-result">Run a segment (<b>Segment: Run Against Sample Profiles</b>, or the <b>▶ Run against sample</b> lens above it) to see its results here.</p>
<div id="app" hidden>
<header>
  <h1 data-testid="segment-title"><span class="title" id="title"></span> <code data-testid="segment-id" id="segment-id"></code></h1>
  <div class="headline" data-testid="matched-count" id="matched-count"><strong id="matched"></strong><span id="matched-of"></span><span class="share" id="share"></span></div>
  <span class="spacer"></span>
  <button type="button" class="toolbar-button" id="rerun" data-testid="rerun" title="Run the segment again (keeps sorting, filter and selection)">Run again</button>
  <div class="facts" id="facts"></div>
</header>
<div class="progress" id="progress" data-testid="running" hidden></div>
<div class="banner running" id="running-banner" hidden></div>
<div class="banner stale" id="stale-banner" data-testid="stale" hidden><span>The document changed since this run: these results are out of date.</span><button type="button" class="link" id="stale-rerun">Re-run</button></div>
<div class="banner error" id="error-banner" data-testid="run-error" hidden></div>
<ul class="notes" id="notes" data-testid="warnings" hidden></ul>
<div class="section-title"><button type="button" class="twisty" id="tree-toggle" aria-expanded="true" title="Show or hide the clauses"></button>Clauses <span class="count" id="tree-note"></span></div>
<div id="clauses" data-testid="clauses" role="tree" aria-label="Clauses with the number of profiles for which each held"></div>
<div id="split">
  <section class="pane" id="master" aria-label="Profiles">
    <div class="section-title">Profiles <span class="count" id="list-count"></span></div>
    <div class="list-tools">
      <label class="filter" title="Filter by id or any text shown in the row"><span id="filter-icon"></span><input id="filter" data-testid="filter" type="search" placeholder="Filter profiles (id, name, any value)" aria-label="Filter profiles"></label>
      <label class="check"><input type="checkbox" id="toggle" data-testid="toggle-nonmatching"> <span id="toggle-label">Non-matching too</span></label>
    </div>
    <div class="table-wrap" id="table-wrap" tabindex="0" role="grid" aria-label="Profiles: up and down arrows select, Enter opens the JSON">
      <table id="profiles" data-testid="profiles"><thead><tr id="head"></tr></thead><tbody id="rows"></tbody></table>
      <p class="empty" id="no-rows" hidden>No profile to show.</p>
    </div>
    <div class="list-foot" id="list-foot"></div>
  </section>
  <div id="splitter" role="separator" aria-orientation="vertical" tabindex="0" title="Drag to resize (arrow keys too)" data-testid="splitter"></div>
  <section class="pane" id="detail" data-testid="profile-details" aria-label="The selected profile">
    <div class="details-head"><h2><span id="details-verdict"></span><code id="details-title">No profile selected</code><span class="name" id="details-name"></span></h2><span class="spacer"></span><button type="button" class="toolbar-button secondary" id="open-json" data-testid="open-json" disabled>Open JSON in editor</button></div>
    <div class="details-body" id="details-body">
      <p class="empty" id="details-status">Select a profile to see why it matches or not.</p>
      <ul class="why" id="explanation" data-testid="explanation"></ul>
      <div class="json-title" id="json-title" hidden>JSON</div>
      <pre class="json" id="profile-json" data-testid="profile-json" hidden></pre>
    </div>
  </section>
</div>
</div>
<script type="application/json" id="segment-state">${jsonForScript(view)}</script>
<script nonce="${escapeHtml(nonce)}">${script}</script>
</body>
</html>
`;
}
