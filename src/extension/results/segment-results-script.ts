import { RESULTS_RENDER } from './segment-results-render.js';

/**
 * The results page's script, as text: it runs in the webview, not in the extension host.
 * It builds every data-bearing node with `textContent`, never `innerHTML`, so profile data
 * (names, emails, JSON) cannot become markup whatever it contains.
 *
 * The page is rendered once per panel; runs arrive as `view` messages, so sorting, the filter, the
 * selection, the split and the list's scroll position survive a re-run. They are also saved with
 * `setState`, so they survive the panel being hidden or the window reloaded.
 *
 * `__TABLE_PAGE__` is replaced by the source of `tablePage` (segment-results-table.ts), so the
 * filtering and sorting that unit tests check is the code the webview runs; `__STATUS_CHROME__`
 * likewise by `statusChrome` (segment-results-status.ts), the running, stale and error states.
 */
export const RESULTS_SCRIPT = String.raw`(function () {
    'use strict';
    const vscode = acquireVsCodeApi();
    const tablePage = (__TABLE_PAGE__);
    const statusChrome = (__STATUS_CHROME__);
    const el = id => document.getElementById(id);
    const post = message => vscode.postMessage(message);
    const initial = JSON.parse(el('segment-state').textContent);
    const saved = vscode.getState() || {};
    let view = saved.view && saved.view.seq >= initial.seq ? saved.view : initial;
    const ui = Object.assign({
        showNonMatching: false, filter: '', sortKey: undefined, sortDescending: false,
        selectedId: undefined, selectedClause: undefined, split: 0.5, treeOpen: true, scroll: 0,
    }, saved.ui);
    let flatRows = [];
    let shownRows = [];
    let columns = [];
    let selectTimer;
${RESULTS_RENDER}
    function save() {
        vscode.setState({ view, ui });
    }

    function renderView() {
        const result = view.result;
        const chrome = statusChrome(view);
        el('placeholder').hidden = !chrome.placeholder;
        el('app').hidden = !chrome.app;
        el('progress').hidden = !chrome.progress;
        el('running-banner').hidden = chrome.running === undefined;
        el('running-banner').textContent = chrome.running || '';
        el('rerun').disabled = chrome.rerunDisabled;
        el('stale-banner').hidden = !chrome.stale;
        el('error-banner').hidden = chrome.error === undefined;
        el('error-banner').textContent = chrome.error || '';
        document.body.dataset.status = view.status;
        document.body.dataset.seq = String(view.seq);
        document.body.dataset.stale = String(Boolean(view.stale));
        if (!result) {
            save();
            return;
        }
        renderHeader(result);
        renderTree(result);
        el('clauses').hidden = !ui.treeOpen;
        el('tree-toggle').replaceChildren(icon(ui.treeOpen ? 'down' : 'right'));
        el('tree-toggle').setAttribute('aria-expanded', String(ui.treeOpen));
        columns = [{ key: 'id', label: 'Id' }, { key: 'name', label: 'Name' }]
            .concat(result.columns.map(c => ({ key: 'f:' + c.key, label: c.label, title: c.key })))
            .concat([{ key: 'events', label: 'Events', numeric: true }, { key: 'matched', label: 'Match' }]);
        flatRows = result.rows.map(row => {
            const flat = { id: row.id, name: row.name, events: row.events, matched: row.matched };
            for (const c of result.columns) {
                flat['f:' + c.key] = row.fields[c.key];
            }
            return flat;
        });
        for (const c of columns) {
            c.numeric = c.numeric || flatRows.some(r => typeof r[c.key] === 'number') && flatRows.every(r => r[c.key] === undefined || typeof r[c.key] === 'number');
        }
        const nonMatching = result.rows.filter(row => !row.matched).length;
        el('toggle').disabled = nonMatching === 0;
        el('toggle-label').textContent = 'Non-matching too (' + (result.total - result.matched) + ')';
        renderHead();
        renderRows();
        el('table-wrap').scrollTop = ui.scroll;
        if (ui.selectedId !== undefined && !flatRows.some(r => r.id === ui.selectedId)) {
            ui.selectedId = undefined;
        }
        if (ui.selectedId !== undefined) {
            select(ui.selectedId, { reveal: false });
        } else {
            clearDetails();
        }
        save();
    }

    function renderHeader(result) {
        el('title').textContent = result.title || result.segment;
        el('segment-id').textContent = result.title ? result.segment : '';
        el('matched').textContent = String(result.matched);
        el('matched-count').dataset.matched = String(result.matched);
        el('matched-count').dataset.total = String(result.total);
        el('matched-of').textContent = ' / ' + result.total + ' profiles matched';
        el('share').textContent = '· ' + percent(result.matched, result.total);
        const facts = [
            ['now', result.nowLabel, result.nowSourceLabel],
            ['sample', result.sampleLabel, result.sampleSourceLabel],
            ['took', result.elapsedMs + ' ms'],
        ];
        if (result.skipped > 0) {
            facts.push(['skipped', result.skipped + ' invalid record(s)']);
        }
        el('facts').replaceChildren(...facts.map(([name, value, title]) => {
            const span = document.createElement('span');
            const b = document.createElement('b');
            b.textContent = name + ' ';
            span.append(b, value);
            span.dataset.fact = name;
            if (title) {
                span.title = 'from ' + title;
            }
            return span;
        }));
        const notes = (result.warnings || []).concat(result.problems || []);
        el('notes').hidden = notes.length === 0;
        el('notes').replaceChildren(...notes.map(note => {
            const li = document.createElement('li');
            li.textContent = note;
            return li;
        }));
    }

    function renderHead() {
        el('head').replaceChildren(...columns.map(column => {
            const th = document.createElement('th');
            th.dataset.sort = column.key;
            th.className = column.numeric ? 'num' : '';
            th.setAttribute('aria-sort', ui.sortKey === column.key ? (ui.sortDescending ? 'descending' : 'ascending') : 'none');
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = column.label;
            button.title = 'Sort by ' + (column.title || column.label);
            th.append(button);
            return th;
        }));
    }

    function cell(row, column) {
        const td = document.createElement('td');
        td.dataset.key = column.key;
        const value = row[column.key];
        if (column.key === 'matched') {
            const mark = document.createElement('span');
            mark.className = 'verdict ' + (value ? 'ok' : 'fail');
            mark.append(icon(value ? 'check' : 'close'));
            mark.title = value ? 'matches' : 'does not match';
            td.append(mark);
        } else {
            td.textContent = value === undefined || value === null ? '' : String(value);
            td.title = td.textContent;
        }
        if (column.numeric) {
            td.className = 'num';
        }
        return td;
    }

    function renderRows() {
        const page = tablePage(flatRows, ui);
        shownRows = page.rows;
        el('rows').replaceChildren(...shownRows.map(row => {
            const tr = document.createElement('tr');
            tr.dataset.testid = 'profile-row';
            tr.dataset.id = row.id;
            tr.dataset.matched = String(row.matched);
            tr.classList.toggle('nonmatching', !row.matched);
            tr.classList.toggle('selected', row.id === ui.selectedId);
            tr.setAttribute('aria-selected', String(row.id === ui.selectedId));
            tr.append(...columns.map(column => cell(row, column)));
            return tr;
        }));
        el('no-rows').hidden = shownRows.length > 0;
        const result = view.result;
        const cut = result.rowsTruncated ? ' · the list holds the first ' + result.rows.filter(r => r.matched).length + ' of each kind' : '';
        el('list-count').textContent = shownRows.length === page.shownKinds ? String(shownRows.length) : shownRows.length + ' of ' + page.shownKinds;
        el('list-foot').textContent = shownRows.length + ' shown · ↑↓ select · Enter opens the JSON' + cut;
        for (const th of el('head').children) {
            th.setAttribute('aria-sort', ui.sortKey === th.dataset.sort ? (ui.sortDescending ? 'descending' : 'ascending') : 'none');
        }
        el('filter').value = ui.filter;
        el('toggle').checked = ui.showNonMatching;
        save();
    }

    function clearDetails() {
        el('details-verdict').replaceChildren();
        el('details-title').textContent = 'No profile selected';
        el('details-name').textContent = '';
        el('details-status').hidden = false;
        el('details-status').textContent = 'Select a profile to see why it matches or not.';
        el('explanation').replaceChildren();
        el('json-title').hidden = true;
        el('profile-json').hidden = true;
        el('open-json').disabled = true;
    }

    /** Selects a profile: marks its row, shows its details (asked of the host after a short pause while arrows are held). */
    function select(id, options) {
        ui.selectedId = id;
        const row = flatRows.find(r => r.id === id);
        for (const tr of el('rows').children) {
            const on = tr.dataset.id === id;
            tr.classList.toggle('selected', on);
            tr.setAttribute('aria-selected', String(on));
            if (on && (!options || options.reveal !== false)) {
                tr.scrollIntoView({ block: 'nearest' });
            }
        }
        el('details-verdict').replaceChildren(icon(row && row.matched ? 'check' : 'close', row && row.matched ? 'ok' : 'fail'));
        el('details-title').textContent = id;
        el('details-name').textContent = row && row.name ? row.name : '';
        el('details-status').hidden = false;
        el('details-status').textContent = 'Loading…';
        el('open-json').disabled = false;
        clearTimeout(selectTimer);
        selectTimer = setTimeout(() => post({ type: 'select', profileId: id }), 80);
        save();
    }

    function showProfile(message) {
        el('details-status').hidden = true;
        el('details-verdict').replaceChildren(icon(message.matched ? 'check' : 'close', message.matched ? 'ok' : 'fail'));
        el('details-verdict').title = message.matched ? 'matches the segment' : 'does not match the segment';
        el('explanation').replaceChildren(...(message.lines ? [explanationItem(message.lines)] : []));
        el('json-title').hidden = false;
        el('profile-json').hidden = false;
        el('profile-json').textContent = message.json;
    }

    function move(delta) {
        if (shownRows.length === 0) {
            return;
        }
        const index = shownRows.findIndex(r => r.id === ui.selectedId);
        const next = index < 0 ? (delta > 0 ? 0 : shownRows.length - 1) : Math.max(0, Math.min(shownRows.length - 1, index + delta));
        select(shownRows[next].id);
    }

    function reveal(target) {
        const holder = target.closest('[data-range]');
        if (holder) {
            post({ type: 'reveal', range: JSON.parse(holder.dataset.range) });
        }
    }

    window.addEventListener('message', event => {
        const message = event.data;
        if (!message) {
            return;
        }
        if (message.type === 'view') {
            view = message.view;
            renderView();
        } else if (message.type === 'profile' && message.profileId === ui.selectedId) {
            showProfile(message);
        } else if (message.type === 'profileError' && message.profileId === ui.selectedId) {
            el('details-status').hidden = false;
            el('details-status').textContent = message.message;
        }
    });

    el('head').addEventListener('click', event => {
        const th = event.target.closest('th[data-sort]');
        if (th) {
            ui.sortDescending = ui.sortKey === th.dataset.sort ? !ui.sortDescending : false;
            ui.sortKey = th.dataset.sort;
            renderRows();
        }
    });
    el('rows').addEventListener('click', event => {
        const tr = event.target.closest('tr[data-id]');
        if (tr) {
            el('table-wrap').focus({ preventScroll: true });
            select(tr.dataset.id);
        }
    });
    el('rows').addEventListener('dblclick', event => {
        const tr = event.target.closest('tr[data-id]');
        if (tr) {
            post({ type: 'openJson', profileId: tr.dataset.id });
        }
    });
    el('table-wrap').addEventListener('keydown', event => {
        const steps = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
        if (event.key in steps) {
            event.preventDefault();
            const delta = steps[event.key];
            if (Math.abs(delta) === Infinity && shownRows.length > 0) {
                select(shownRows[delta < 0 ? 0 : shownRows.length - 1].id);
            } else {
                move(delta);
            }
        } else if (event.key === 'Enter' && ui.selectedId !== undefined) {
            event.preventDefault();
            post({ type: 'openJson', profileId: ui.selectedId });
        }
    });
    el('table-wrap').addEventListener('scroll', () => {
        ui.scroll = el('table-wrap').scrollTop;
        clearTimeout(el('table-wrap').saveTimer);
        el('table-wrap').saveTimer = setTimeout(save, 150);
    });
    el('filter').addEventListener('input', () => {
        ui.filter = el('filter').value;
        renderRows();
    });
    el('filter').addEventListener('keydown', event => {
        if (event.key === 'ArrowDown') {
            event.preventDefault();
            el('table-wrap').focus();
            move(1);
        }
    });
    el('toggle').addEventListener('change', () => {
        ui.showNonMatching = el('toggle').checked;
        renderRows();
    });
    el('clauses').addEventListener('click', event => {
        const row = event.target.closest('.clause');
        if (row) {
            ui.selectedClause = row.dataset.path;
            for (const r of el('clauses').children) {
                r.classList.toggle('selected', r === row);
            }
            save();
            reveal(row);
        }
    });
    el('explanation').addEventListener('click', event => {
        if (event.target.closest('.code')) {
            reveal(event.target);
        }
    });
    el('explanation').addEventListener('keydown', event => {
        if (event.key === 'Enter' && event.target.closest('.code')) {
            reveal(event.target);
        }
    });
    el('tree-toggle').addEventListener('click', () => {
        ui.treeOpen = !ui.treeOpen;
        renderView();
    });
    el('rerun').addEventListener('click', () => post({ type: 'rerun' }));
    el('stale-rerun').addEventListener('click', () => post({ type: 'rerun' }));
    el('open-json').addEventListener('click', () => ui.selectedId !== undefined && post({ type: 'openJson', profileId: ui.selectedId }));

    /** The splitter: drag, or arrows when focused; the share is kept with the rest of the state. */
    function applySplit() {
        document.documentElement.style.setProperty('--split', (ui.split * 100).toFixed(1) + '%');
    }
    el('splitter').addEventListener('pointerdown', event => {
        const splitter = el('splitter');
        splitter.setPointerCapture(event.pointerId);
        splitter.classList.add('dragging');
        const box = el('split').getBoundingClientRect();
        // Side by side the splitter moves left and right; stacked (a narrow panel), up and down.
        const stacked = window.matchMedia('(max-width: 720px)').matches;
        const onMove = e => {
            const share = stacked ? (e.clientY - box.top) / box.height : (e.clientX - box.left) / box.width;
            ui.split = Math.max(0.2, Math.min(0.8, share));
            applySplit();
        };
        const onUp = () => {
            splitter.classList.remove('dragging');
            splitter.removeEventListener('pointermove', onMove);
            splitter.removeEventListener('pointerup', onUp);
            save();
        };
        splitter.addEventListener('pointermove', onMove);
        splitter.addEventListener('pointerup', onUp);
    });
    el('splitter').addEventListener('keydown', event => {
        const delta = event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -0.05 : event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 0.05 : 0;
        if (delta !== 0) {
            ui.split = Math.max(0.2, Math.min(0.8, ui.split + delta));
            applySplit();
            save();
        }
    });

    el('filter-icon').replaceChildren(icon('filter'));
    el('rerun').prepend(icon('refresh'));
    el('open-json').prepend(icon('file'));
    applySplit();
    renderView();
    post({ type: 'ready' });
})();`;
