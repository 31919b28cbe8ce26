/**
 * The results webview's script, as text: it runs in the webview, not in the extension host.
 * It builds every data-bearing node with `textContent`, never `innerHTML`, so profile data
 * (names, emails, JSON) cannot become markup whatever it contains.
 *
 * `__TABLE_PAGE__` is replaced by the source of `tablePage` (segment-results-table.ts), so the
 * sorting and paging that unit tests check is the code the webview runs.
 */
export const RESULTS_SCRIPT = String.raw`(function () {
    'use strict';
    const vscode = acquireVsCodeApi();
    const tablePage = (__TABLE_PAGE__);
    const data = JSON.parse(document.getElementById('segment-state').textContent);
    if (!data.result) {
        vscode.setState(undefined);
        return;
    }
    const saved = vscode.getState();
    const ui = saved && saved.runId === data.runId && saved.ui
        ? saved.ui
        : { showNonMatching: false, sortKey: undefined, sortDescending: false, page: 0, selectedId: undefined };
    const table = document.getElementById('profiles');
    const pageSize = Number(table.dataset.pageSize) || 50;
    const headers = Array.from(table.querySelectorAll('th[data-sort]'));
    const columns = headers.map(th => th.dataset.sort);
    const tbody = document.getElementById('rows');
    const toggle = document.querySelector('[data-testid="toggle-nonmatching"]');
    const prev = document.querySelector('[data-testid="page-prev"]');
    const next = document.querySelector('[data-testid="page-next"]');
    const pageInfo = document.querySelector('[data-testid="page-info"]');
    const empty = document.getElementById('no-rows');
    const details = document.getElementById('details');
    const detailsTitle = document.getElementById('details-title');
    const detailsStatus = document.getElementById('details-status');
    const explanation = document.getElementById('explanation');
    const profileJson = document.getElementById('profile-json');

    function save() {
        vscode.setState({ runId: data.runId, result: data.result, ui });
    }

    function cellText(row, key) {
        const value = row[key];
        if (key === 'matched') {
            return value ? '✓' : '✗';
        }
        return value === undefined || value === null ? '' : String(value);
    }

    function render() {
        const view = tablePage(data.result.rows, Object.assign({}, ui, { pageSize }));
        ui.page = view.page;
        tbody.replaceChildren(...view.rows.map(row => {
            const tr = document.createElement('tr');
            tr.dataset.testid = 'profile-row';
            tr.dataset.id = row.id;
            tr.dataset.matched = String(row.matched);
            tr.tabIndex = 0;
            tr.classList.toggle('nonmatching', !row.matched);
            tr.classList.toggle('selected', row.id === ui.selectedId);
            for (const key of columns) {
                const td = document.createElement('td');
                td.dataset.key = key;
                td.textContent = cellText(row, key);
                tr.append(td);
            }
            return tr;
        }));
        for (const th of headers) {
            const sorted = th.dataset.sort === ui.sortKey;
            th.setAttribute('aria-sort', sorted ? (ui.sortDescending ? 'descending' : 'ascending') : 'none');
        }
        toggle.checked = ui.showNonMatching;
        empty.hidden = view.filtered > 0;
        pageInfo.textContent = 'Page ' + (view.page + 1) + ' of ' + view.pageCount + ' · ' + view.filtered + ' profile(s)';
        pageInfo.dataset.page = String(view.page + 1);
        pageInfo.dataset.pageCount = String(view.pageCount);
        prev.disabled = view.page === 0;
        next.disabled = view.page >= view.pageCount - 1;
        save();
    }

    function select(id) {
        ui.selectedId = id;
        details.hidden = false;
        detailsTitle.textContent = id;
        detailsStatus.textContent = 'Loading…';
        explanation.replaceChildren();
        profileJson.textContent = '';
        vscode.postMessage({ type: 'select', profileId: id });
        render();
    }

    /** A value a clause looked at, shortened: profiles can hold long arrays. */
    function shown(value) {
        const text = value === undefined ? 'undefined' : JSON.stringify(value);
        return text.length > 120 ? text.slice(0, 119) + '…' : text;
    }

    /** Counts inside iterations in words ("2 of 23 …", like the CLI), any other value as key = JSON. */
    function valueText(values) {
        const rest = Object.assign({}, values);
        const parts = [];
        const take = key => {
            const value = rest[key];
            delete rest[key];
            return value;
        };
        const elements = take('elements');
        const satisfied = take('satisfied');
        const of = take('of');
        const withPrevious = take('withPrevious');
        if (elements !== undefined) {
            parts.push(satisfied + ' of ' + elements + ' satisfied the condition');
        } else if (of !== undefined) {
            parts.push(satisfied + ' of ' + of + (withPrevious === undefined ? '' : ', ' + withPrevious + ' with the conjuncts before'));
        }
        const example = take('example');
        const counterexample = take('counterexample');
        const explainedFor = take('explainedFor');
        if (example !== undefined) {
            parts.push('e.g. ' + shown(example));
        }
        if (counterexample !== undefined) {
            parts.push('not: ' + shown(counterexample));
        }
        if (explainedFor !== undefined) {
            parts.push('below for ' + shown(explainedFor));
        }
        parts.push(...Object.entries(rest).map(([key, value]) => key + ' = ' + shown(value)));
        return parts.join('; ');
    }

    function treeNode(node) {
        const li = document.createElement('li');
        li.dataset.path = node.path;
        const mark = document.createElement('span');
        mark.className = node.result ? 'mark ok' : 'mark fail';
        mark.textContent = node.result ? '✓' : '✗';
        const code = document.createElement('code');
        code.textContent = node.text;
        li.append(mark, ' ', code);
        const values = valueText(node.values || {});
        if (values) {
            const span = document.createElement('span');
            span.className = 'value';
            span.textContent = '  ' + values;
            li.append(span);
        }
        if (node.children && node.children.length > 0) {
            const ul = document.createElement('ul');
            ul.append(...node.children.map(treeNode));
            li.append(ul);
        }
        return li;
    }

    window.addEventListener('message', event => {
        const message = event.data;
        if (!message || message.profileId !== ui.selectedId) {
            return;
        }
        if (message.type === 'profile') {
            const result = message.result;
            detailsStatus.textContent = result.matched ? 'Matches the segment.' : 'Does not match the segment.';
            const ul = document.createElement('ul');
            ul.className = 'tree';
            if (result.explanation) {
                ul.append(treeNode(result.explanation));
            }
            explanation.replaceChildren(ul);
            profileJson.textContent = JSON.stringify(result.profile, undefined, 2);
        } else if (message.type === 'profileError') {
            detailsStatus.textContent = message.message;
        }
    });

    toggle.addEventListener('change', () => {
        ui.showNonMatching = toggle.checked;
        ui.page = 0;
        render();
    });
    prev.addEventListener('click', () => { ui.page -= 1; render(); });
    next.addEventListener('click', () => { ui.page += 1; render(); });
    for (const th of headers) {
        th.querySelector('button').addEventListener('click', () => {
            ui.sortDescending = ui.sortKey === th.dataset.sort ? !ui.sortDescending : false;
            ui.sortKey = th.dataset.sort;
            ui.page = 0;
            render();
        });
    }
    tbody.addEventListener('click', event => {
        const row = event.target.closest('tr[data-id]');
        if (row) {
            select(row.dataset.id);
        }
    });
    tbody.addEventListener('keydown', event => {
        const row = event.target.closest('tr[data-id]');
        if (row && (event.key === 'Enter' || event.key === ' ')) {
            event.preventDefault();
            select(row.dataset.id);
        }
    });
    document.getElementById('rerun').addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));

    render();
    if (ui.selectedId !== undefined) {
        select(ui.selectedId);
    }
})();`;
