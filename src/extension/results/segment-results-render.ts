/**
 * DOM builders of the results page (the clause tree, the explanation, icons), as script text that
 * segment-results-script.ts puts inside its function: they use its `post`, `ui` and `el` helpers.
 * Every data-bearing node gets its text through `textContent`; icons are fixed SVG paths.
 */
export const RESULTS_RENDER = String.raw`
    /** Codicon-like 16×16 icons, drawn with fixed paths (no font, no remote resource). */
    const ICONS = {
        check: 'M14.431 3.323l-8.47 10-.79-.036-3.35-4.77.818-.574 2.978 4.24 8.051-9.506.764.646z',
        close: 'M8 8.707l3.646 3.647.708-.707L8.707 8l3.647-3.646-.707-.708L8 7.293 4.354 3.646l-.707.708L7.293 8l-3.646 3.646.707.708L8 8.707z',
        refresh: 'M4.681 3H2V2h3.5l.5.5V6H5V4a5 5 0 1 0 4.53-.761l.302-.954A6 6 0 1 1 4.681 3z',
        filter: 'M6 12v-1h4v1H6zM4 7h8v1H4V7zm-2-4h12v1H2V3z',
        file: 'M13.71 4.29l-3-3L10 1H4L3 2v12l1 1h9l1-1V5l-.29-.71zM13 14H4V2h5v4h4v8zm-3-9V2l3 3h-3z',
        down: 'M7.976 10.072l4.357-4.357.62.618L8.284 11h-.618L3 6.333l.619-.618 4.357 4.357z',
        right: 'M10.072 8.024L5.715 3.667l.618-.62L11 7.716v.618L6.333 13l-.618-.619 4.357-4.357z',
    };

    function icon(name, className) {
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('viewBox', '0 0 16 16');
        svg.setAttribute('class', 'icon' + (className ? ' ' + className : ''));
        svg.setAttribute('aria-hidden', 'true');
        const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
        path.setAttribute('d', ICONS[name]);
        svg.append(path);
        return svg;
    }

    function percent(part, whole) {
        return whole > 0 ? (part * 100 / whole).toFixed(1) + ' %' : '0.0 %';
    }

    /** The clause tree: one row per clause, indented, with its count, a bar for the share and the percentage. */
    function renderTree(result) {
        const container = el('clauses');
        const rows = [];
        const inner = result.clauseTreeProfiles !== undefined ? result.clauseTreeProfiles : result.total;
        // The condition's own clauses were counted over every profile; the rest over the first "inner" ones.
        const counted = new Set(result.clauses.map(clause => clause.path));
        const visit = (node, depth, parent, index) => {
            const base = counted.has(node.path) ? result.total : inner;
            const row = document.createElement('div');
            row.className = 'clause' + (node.kind === 'step' ? ' step' : '');
            row.dataset.testid = 'clause-row';
            row.dataset.path = node.path;
            row.dataset.profiles = String(node.profiles);
            row.setAttribute('role', 'treeitem');
            row.setAttribute('aria-level', String(depth + 1));
            row.tabIndex = -1;
            row.style.setProperty('--depth', String(depth));
            row.classList.toggle('selected', ui.selectedClause === node.path);
            const label = document.createElement('span');
            label.className = 'label';
            const kind = document.createElement('span');
            kind.className = 'kind';
            kind.textContent = node.kind === 'step' ? 'step ' + (index + 1) : node.kind === 'declaration' ? 'events' : node.kind;
            const code = document.createElement('code');
            code.textContent = node.text;
            code.title = node.text + (node.range ? '\n(click to show it in the editor)' : '');
            label.append(kind, code);
            const events = document.createElement('span');
            events.className = 'events';
            if (node.events !== undefined) {
                events.textContent = node.events + ' of ' + node.of + ' events';
                events.title = node.events + ' events satisfied this; ' + node.profiles + ' profiles had at least one';
            } else if (node.kind === 'step' && parent && index > 0) {
                const before = parent.children[index - 1].profiles;
                events.className = 'events drop';
                events.textContent = before > node.profiles ? '−' + (before - node.profiles) + ' from step ' + index : '';
            }
            const count = document.createElement('span');
            count.className = 'num';
            count.textContent = String(node.profiles);
            count.title = node.profiles + ' of ' + base + ' profiles';
            const bar = document.createElement('div');
            bar.className = 'bar';
            const fill = document.createElement('div');
            fill.style.width = (base > 0 ? Math.min(100, node.profiles * 100 / base) : 0).toFixed(1) + '%';
            bar.append(fill);
            const share = document.createElement('span');
            share.className = 'num';
            share.textContent = percent(node.profiles, base);
            row.append(label, events, count, bar);
            row.append(share);
            if (node.range) {
                row.dataset.range = JSON.stringify(node.range);
            }
            rows.push(row);
            (node.children || []).forEach((child, i) => visit(child, depth + 1, node, i));
        };
        if (result.tree) {
            visit(result.tree, 0, undefined, 0);
        }
        container.replaceChildren(...rows);
        const partial = result.clauseTreeProfiles !== undefined && result.clauseTreeProfiles < result.total
            ? ' · inside event selections, over the first ' + result.clauseTreeProfiles + ' profiles' : '';
        el('tree-note').textContent = '— profiles for which each holds; inside event selections: events that satisfy it' + partial;
    }

    /** One line of a profile's explanation, and its children. */
    function explanationItem(line) {
        const li = document.createElement('li');
        const row = document.createElement('div');
        row.className = 'line ' + line.tone;
        row.dataset.testid = 'explanation-line';
        const mark = document.createElement('span');
        mark.className = 'mark';
        mark.textContent = line.held ? '✓' : '✗';
        mark.title = line.held ? 'holds' : 'does not hold';
        row.append(mark);
        // The verdict in words on the first line (with "as required" for a negated part), the clause's code below it.
        const words = document.createElement('span');
        words.className = 'words';
        words.textContent = line.words || (line.held ? 'holds' : 'does not hold');
        if (line.asRequired) {
            const required = document.createElement('span');
            required.className = 'required';
            required.textContent = 'as required';
            required.title = 'This part is inside not (…): the segment wants it false';
            words.append(required);
        }
        row.append(words);
        if (line.code) {
            const code = document.createElement('code');
            code.className = 'code';
            code.textContent = line.code;
            code.title = line.code + (line.range ? '\n(click to show it in the editor)' : '');
            if (line.range) {
                code.dataset.range = JSON.stringify(line.range);
                code.tabIndex = 0;
            }
            row.append(code);
        }
        li.append(row);
        if (line.children && line.children.length > 0) {
            const ul = document.createElement('ul');
            ul.append(...line.children.map(explanationItem));
            li.append(ul);
        }
        return li;
    }
`;
