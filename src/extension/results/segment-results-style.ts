/**
 * The results page's style: VS Code's theme variables only, so it follows Dark Modern, Light and
 * high-contrast themes. The page fills the panel (no page scroll): the header and clause tree on
 * top, then the profile list and the selected profile's details side by side, each scrolling on its own.
 */
export const RESULTS_STYLE = `
:root { --row: 22px; --split: 50%; --tree: 34vh; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; padding: 0; overflow: hidden; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
code, pre, .code { font-family: var(--vscode-editor-font-family); font-size: calc(var(--vscode-editor-font-size, 13px) * 0.95); }
button { font: inherit; }
svg.icon { width: 16px; height: 16px; fill: currentColor; flex: none; vertical-align: text-bottom; }
#app { display: flex; flex-direction: column; height: 100vh; }
#app[hidden] { display: none; }
.placeholder { padding: 2em; opacity: 0.8; }

/* Header */
header { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; padding: 8px 12px 6px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
header h1 { font-size: 1.15em; font-weight: 600; margin: 0; display: flex; align-items: center; gap: 6px; min-width: 0; }
header h1 .title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header h1 code { font-weight: normal; opacity: 0.75; }
.headline { display: flex; align-items: baseline; gap: 6px; }
.headline strong { font-size: 1.35em; font-variant-numeric: tabular-nums; }
.headline .share { color: var(--vscode-descriptionForeground); }
.facts { display: flex; flex-wrap: wrap; gap: 2px 14px; color: var(--vscode-descriptionForeground); font-size: 0.92em; flex-basis: 100%; }
.facts span { white-space: nowrap; }
.facts b { font-weight: 600; color: var(--vscode-foreground); opacity: 0.85; }
.spacer { flex: 1; }
.toolbar-button { display: inline-flex; align-items: center; gap: 4px; border: none; border-radius: 2px; padding: 3px 10px; cursor: pointer; color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.toolbar-button:hover { background: var(--vscode-button-hoverBackground); }
.toolbar-button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
.toolbar-button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
.toolbar-button:disabled { opacity: 0.5; cursor: default; }
.toolbar-button:focus-visible, .link:focus-visible, [tabindex]:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }

/* Status banners: running, out of date, refused */
.banner { display: flex; align-items: center; gap: 8px; padding: 4px 12px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.banner[hidden] { display: none; }
.banner.stale { background: var(--vscode-inputValidation-warningBackground); border-color: var(--vscode-inputValidation-warningBorder); }
.banner.error { background: var(--vscode-inputValidation-errorBackground); border-color: var(--vscode-inputValidation-errorBorder); }
.banner.running { color: var(--vscode-descriptionForeground); }
.banner .link { margin-left: auto; }
.progress { position: relative; height: 2px; overflow: hidden; }
.progress[hidden] { display: none; }
.progress::after { content: ''; position: absolute; left: -30%; width: 30%; height: 2px; background: var(--vscode-progressBar-background); animation: slide 1.2s linear infinite; }
@keyframes slide { to { left: 100%; } }
.link { border: none; background: none; padding: 0; cursor: pointer; color: var(--vscode-textLink-foreground); }
.link:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
.notes { margin: 0; padding: 4px 12px 4px 28px; color: var(--vscode-editorWarning-foreground); font-size: 0.92em; max-height: 5em; overflow: auto; }

/* Section headings */
.section-title { display: flex; align-items: center; gap: 8px; padding: 0 12px; height: 26px; flex: none; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-sideBarSectionHeader-foreground, var(--vscode-foreground)); background: var(--vscode-sideBarSectionHeader-background, transparent); border-top: 1px solid var(--vscode-sideBarSectionHeader-border, var(--vscode-panel-border, transparent)); }
.section-title .count { font-weight: normal; text-transform: none; letter-spacing: 0; color: var(--vscode-descriptionForeground); }
.section-title .twisty { border: none; background: none; color: inherit; padding: 0; cursor: pointer; display: inline-flex; }

/* Clause tree */
#clauses { flex: none; max-height: var(--tree); overflow: auto; padding: 2px 0 4px; }
#clauses[hidden] { display: none; }
.clause { display: grid; grid-template-columns: minmax(0, 1fr) auto 3.5em 72px 4.2em; align-items: center; gap: 8px; min-height: var(--row); padding: 0 12px 0 calc(12px + var(--depth, 0) * 16px); cursor: pointer; }
.clause:hover { background: var(--vscode-list-hoverBackground); }
.clause.selected { background: var(--vscode-list-inactiveSelectionBackground); }
.clause .label { display: flex; align-items: center; gap: 6px; min-width: 0; }
.clause .label code { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kind { flex: none; font-size: 10px; padding: 0 4px; border-radius: 2px; line-height: 15px; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); text-transform: lowercase; }
.clause .events { color: var(--vscode-descriptionForeground); white-space: nowrap; font-size: 0.92em; font-variant-numeric: tabular-nums; }
.clause .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { height: 8px; border-radius: 1px; background: var(--vscode-editorWidget-border, rgba(128,128,128,0.25)); overflow: hidden; }
.bar > div { height: 100%; background: var(--vscode-charts-blue, var(--vscode-progressBar-background)); }
.clause.step .bar > div { background: var(--vscode-charts-purple, var(--vscode-charts-blue)); }
.clause .drop { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.funnel-title { padding: 2px 12px 0 calc(12px + var(--depth, 0) * 16px); color: var(--vscode-descriptionForeground); font-size: 0.9em; }

/* Master-detail split */
#split { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(180px, var(--split)) 4px minmax(220px, 1fr); border-top: 1px solid var(--vscode-panel-border, transparent); }
#splitter { cursor: col-resize; background: var(--vscode-panel-border, transparent); opacity: 0.6; }
#splitter:hover, #splitter.dragging { background: var(--vscode-sash-hoverBorder, var(--vscode-focusBorder)); opacity: 1; }
.pane { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
@media (max-width: 720px) {
    #split { grid-template-columns: 1fr; grid-template-rows: minmax(120px, var(--split)) 4px minmax(160px, 1fr); }
    #splitter { cursor: row-resize; }
}

/* Profile list */
.list-tools { display: flex; align-items: center; gap: 8px; padding: 4px 8px; flex: none; flex-wrap: wrap; }
.filter { flex: 1; min-width: 120px; display: flex; align-items: center; gap: 4px; padding: 2px 6px; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); border-radius: 2px; }
.filter:focus-within { border-color: var(--vscode-focusBorder); }
.filter input { flex: 1; min-width: 0; border: none; outline: none; color: inherit; background: transparent; font: inherit; }
.check { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; color: var(--vscode-descriptionForeground); }
.check input { accent-color: var(--vscode-checkbox-background); margin: 0; }
.table-wrap { flex: 1; min-height: 0; overflow: auto; outline: none; }
table { border-collapse: collapse; width: 100%; }
thead th { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); box-shadow: inset 0 -1px 0 var(--vscode-panel-border, rgba(128,128,128,0.35)); text-align: left; font-weight: 600; padding: 0; white-space: nowrap; }
thead th button { all: unset; box-sizing: border-box; width: 100%; padding: 3px 8px; cursor: pointer; }
thead th.num button { text-align: right; }
thead th[aria-sort="ascending"] button::after { content: ' \\25B4'; }
thead th[aria-sort="descending"] button::after { content: ' \\25BE'; }
td { padding: 0 8px; height: var(--row); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 22em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: var(--vscode-list-hoverBackground); }
tbody tr.selected { background: var(--vscode-list-inactiveSelectionBackground); color: var(--vscode-list-inactiveSelectionForeground); }
.table-wrap:focus tbody tr.selected { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); outline: 1px solid var(--vscode-list-focusOutline, transparent); outline-offset: -1px; }
tr.nonmatching td { color: var(--vscode-descriptionForeground); }
.verdict { display: inline-flex; }
.ok { color: var(--vscode-testing-iconPassed, #73c991); }
.fail { color: var(--vscode-testing-iconFailed, #f14c4c); }
.neutral { color: var(--vscode-descriptionForeground); }
.empty { padding: 12px; color: var(--vscode-descriptionForeground); }
.list-foot { flex: none; padding: 3px 8px; color: var(--vscode-descriptionForeground); font-size: 0.9em; border-top: 1px solid var(--vscode-panel-border, transparent); }

/* Details */
.details-head { display: flex; align-items: center; gap: 8px; padding: 6px 12px; flex: none; flex-wrap: wrap; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.details-head h2 { margin: 0; font-size: 1.05em; font-weight: 600; display: flex; align-items: center; gap: 6px; min-width: 0; }
.details-head .name { color: var(--vscode-descriptionForeground); font-weight: normal; }
.details-body { flex: 1; min-height: 0; overflow: auto; padding: 6px 0 12px; }
.why { list-style: none; margin: 0; padding: 0; }
.why ul { list-style: none; margin: 0; padding: 0 0 0 18px; }
.why li > .line { display: grid; grid-template-columns: 1.1em minmax(0, 1fr); column-gap: 6px; padding: 2px 12px; line-height: 1.45; }
.why .mark { grid-row: span 2; text-align: center; font-weight: 700; }
.why .words { grid-column: 2; }
.why .line.good .mark { color: var(--vscode-testing-iconPassed, #73c991); }
.why .line.bad .mark { color: var(--vscode-testing-iconFailed, #f14c4c); }
.why .line.neutral .mark { color: var(--vscode-descriptionForeground); }
.why .line.bad .words { color: var(--vscode-errorForeground); }
.why .required { font-size: 0.85em; margin-left: 6px; padding: 0 5px; border-radius: 8px; color: var(--vscode-testing-iconPassed, #73c991); border: 1px solid currentColor; white-space: nowrap; }
.why .code { grid-column: 2; justify-self: start; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--vscode-descriptionForeground); cursor: pointer; }
.why .code:hover { text-decoration: underline; }
.json-title { margin: 12px 12px 4px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-descriptionForeground); }
pre.json { margin: 0 12px; padding: 8px; background: var(--vscode-textCodeBlock-background); border-radius: 2px; overflow: auto; max-height: 40vh; white-space: pre; }
`;
