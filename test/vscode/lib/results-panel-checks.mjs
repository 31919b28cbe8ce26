// The results panel driven like a user, after the scenario ran a segment (results-panel-scenario.mjs):
// select a profile with the keyboard, click a clause and check the editor selected its source,
// re-run and check sorting and selection survived, then screenshots at half width and maximized in
// Dark Modern and Light Modern. Each step throws with what it saw when a check fails.

const ROW = '[data-testid="profile-row"]';

/** Waits until `probe()` (in the page) returns a truthy value; the error says what it last saw. */
async function until(page, probe, what, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        last = await probe().catch((error) => `error: ${error.message}`);
        if (last && !String(last).startsWith('error:')) {
            return last;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
        }
        await page.waitForTimeout(200);
    }
}

/** ↓ in the focused list selects the first profile; ↓ again the second, whose explanation then shows. */
export async function selectWithKeyboard({ page, frame, note }) {
    await frame.locator('#table-wrap').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const ids = await frame.locator(ROW).evaluateAll((rows) => rows.slice(0, 2).map((row) => row.dataset.id));
    const selected = await until(page, () => frame.locator(`${ROW}.selected`).first().getAttribute('data-id'), 'a selected profile row');
    if (selected !== ids[1]) {
        throw new Error(`after ↓ ↓ the selected row is ${selected}, expected the second row ${ids[1]}`);
    }
    await until(page, async () => (await frame.locator('[data-testid="explanation-line"]').count()) > 0, `the explanation of ${selected}`);
    const first = (await frame.locator('[data-testid="explanation-line"]').first().innerText()).replace(/\s+/g, ' ');
    note(`↓ ↓ selected ${selected}; its explanation starts ${JSON.stringify(first)}`);
    return selected;
}

/** Clicks a clause of the tree below the top level and reads the editor's selection from the status bar. */
export async function clauseRevealsSource({ page, frame, note }) {
    const rows = frame.locator('[data-testid="clause-row"][data-range]');
    const count = await rows.count();
    if (count < 3) {
        throw new Error(`the clause tree has ${count} linked rows; expected the condition and the clauses inside its event selection`);
    }
    const target = rows.nth(2);
    const range = JSON.parse(await target.getAttribute('data-range'));
    const text = (await target.locator('code').innerText()).trim();
    await target.click();
    // VS Code's status bar shows the cursor (the end of the selection) and the selection's length.
    const expected = `Ln ${range.end.line + 1}, Col ${range.end.character + 1}`;
    const status = await until(page, async () => {
        const item = page.locator('#status\\.editor\\.selection');
        const shown = (await item.innerText()).replace(/\s+/g, ' ').trim();
        return shown.startsWith(expected) && /selected/.test(shown) ? shown : undefined;
    }, `the editor selection at ${expected} (clause ${JSON.stringify(text)})`);
    const length = Number(/\((\d+) selected\)/.exec(status)?.[1]);
    if (range.start.line === range.end.line && length !== range.end.character - range.start.character) {
        throw new Error(`the editor selected ${length} characters; the clause ${JSON.stringify(text)} has ${range.end.character - range.start.character}`);
    }
    note(`clicking the clause ${JSON.stringify(text)} selected it in the editor: ${status}`);
}

/** Sorts by id descending, selects a row, re-runs from the panel, and checks both survived. */
export async function rerunKeepsState({ page, findFrame, note }) {
    let frame = await findFrame();
    const header = frame.locator('th[data-sort="id"] button');
    await header.click();
    await header.click();
    const sortBefore = await frame.locator('th[data-sort="id"]').getAttribute('aria-sort');
    if (sortBefore !== 'descending') {
        throw new Error(`two clicks on the Id header left aria-sort=${sortBefore}, expected descending`);
    }
    const pick = frame.locator(ROW).nth(3);
    const id = await pick.getAttribute('data-id');
    await pick.click();
    const seqBefore = Number(await frame.evaluate(() => document.body.dataset.seq));
    await recordRunningState(frame);
    await frame.locator('[data-testid="rerun"]').click();
    // A view with a higher sequence number and status "done": the re-run's result arrived.
    await until(page, async () => {
        frame = await findFrame();
        const state = await frame.evaluate(() => ({ seq: Number(document.body.dataset.seq), status: document.body.dataset.status }));
        return state.seq > seqBefore + 1 && state.status === 'done';
    }, 'the re-run to finish');
    const sortAfter = await frame.locator('th[data-sort="id"]').getAttribute('aria-sort');
    const selectedAfter = await frame.locator(`${ROW}.selected`).first().getAttribute('data-id').catch(() => null);
    const firstIds = await frame.locator(ROW).evaluateAll((rows) => rows.slice(0, 3).map((row) => row.dataset.id));
    if (sortAfter !== 'descending' || selectedAfter !== id) {
        throw new Error(`after "Run again": sort ${sortAfter}, selected ${selectedAfter}; expected descending and ${id} (status before: ${seqBefore})`);
    }
    const sorted = [...firstIds].sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    if (JSON.stringify(sorted) !== JSON.stringify(firstIds)) {
        throw new Error(`after "Run again" the rows are not sorted by id descending: ${firstIds.join(', ')}`);
    }
    note(`re-run kept the sort (id, descending: ${firstIds.join(', ')}…) and the selection (${id})`);
    const running = await frame.evaluate(() => window.segmentRunningSeen);
    if (!running || !running.progress || !/^Running \S+ against the sample profiles…$/.test(running.banner) || !running.rerunDisabled || !running.resultKept) {
        throw new Error(`while the re-run ran, the panel showed no running state of its own: ${JSON.stringify(running)}`);
    }
    note(`while it ran, the panel showed a progress bar and ${JSON.stringify(running.banner)} above the previous result`);
}

/**
 * Records what the page shows the moment it enters the running state: a run is quick, so the
 * check reads the page from a mutation observer (it runs after the running view is rendered and
 * before the result's message is handled) rather than racing it.
 */
async function recordRunningState(frame) {
    await frame.evaluate(() => {
        window.segmentRunningSeen = undefined;
        const observer = new MutationObserver(() => {
            if (document.body.dataset.status === 'running' && !window.segmentRunningSeen) {
                const shown = (id) => !document.getElementById(id).hidden;
                window.segmentRunningSeen = {
                    progress: shown('progress'),
                    banner: shown('running-banner') ? document.getElementById('running-banner').textContent : '',
                    rerunDisabled: document.getElementById('rerun').disabled,
                    resultKept: document.querySelectorAll('[data-testid="profile-row"]').length > 0,
                };
                observer.disconnect();
            }
        });
        observer.observe(document.body, { attributes: true, attributeFilter: ['data-status'] });
    });
}

/** The quick input's row whose label is exactly `label` (the palette ranks fuzzy matches first otherwise). */
async function chooseRow(page, label) {
    const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
}

/** Runs a palette command by its title; `pick` then chooses a row of the quick pick it opens. */
async function palette(page, title, pick) {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(title, { delay: 5 });
    await chooseRow(page, title);
    if (pick) {
        await page.waitForTimeout(500);
        await page.keyboard.type(pick, { delay: 5 });
        await chooseRow(page, pick);
    }
    await page.waitForTimeout(800);
}

/** Four screenshots: Dark Modern and Light Modern, the panel beside the editor (half) and its group maximized. */
export async function themedScreenshots({ page, findFrame, screenshotPath, note }) {
    const written = [];
    for (const [theme, label] of [['Dark Modern', 'dark'], ['Light Modern', 'light']]) {
        await palette(page, 'Preferences: Color Theme', theme);
        for (const layout of ['half', 'max']) {
            const frame = await findFrame();
            // Maximize the panel's group: focus the panel, then toggle the maximized group.
            await frame.locator('#table-wrap').focus();
            if (layout === 'max') {
                await palette(page, 'View: Toggle Maximize Editor Group');
            }
            await page.waitForTimeout(600);
            const file = screenshotPath.replace(/\.png$/, `-${label}-${layout}.png`);
            await page.screenshot({ path: file });
            written.push(file);
            if (layout === 'max') {
                await palette(page, 'View: Toggle Maximize Editor Group');
            }
        }
        note(`screenshots in ${theme}: ${written.slice(-2).join(', ')}`);
    }
    return written;
}

/** Runs the CHAIN example and checks its funnel: the steps' profile counts never grow; a screenshot of it. */
export async function chainFunnel({ page, findFrame, screenshotPath, note }) {
    // Focus the first editor group (the segment's), so the file opens there and not over the panel.
    await page.locator('.monaco-workbench .part.editor .editor-group-container').first().locator('.tabs-container .tab').first().click();
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type('checkout-funnel.segment', { delay: 5 });
    await chooseRow(page, 'checkout-funnel.segment');
    await page.locator('.tabs-container .tab.active', { hasText: 'checkout-funnel.segment' }).waitFor({ timeout: 20_000 });
    // Go to a line inside checkout_funnel. Quick Open leaves the focus in the opened editor, but not always at
    // once: wait for Go to Line's box (keys typed before it opens are lost) and for the status bar's line.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type('5', { delay: 5 });
    await page.keyboard.press('Enter');
    await until(page, async () => (await page.locator('#status\\.editor\\.selection').innerText()).trim().startsWith('Ln 5,'), 'the cursor on line 5');
    await palette(page, 'Segment: Run Against Sample Profiles');
    // Should the command still ask which segment to run, the answer is checkout_funnel.
    const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'checkout_funnel' }).first();
    if (await picker.waitFor({ timeout: 2_000 }).then(() => true, () => false)) {
        await picker.click();
        note('picked checkout_funnel in the quick pick');
    }
    const steps = await until(page, async () => {
        const frame = await findFrame();
        const title = await frame.locator('[data-testid="segment-id"]').innerText();
        const counts = await frame.locator('.clause.step').evaluateAll((rows) => rows.map((row) => Number(row.dataset.profiles)));
        return title.trim() === 'checkout_funnel' && counts.length === 3 && counts;
    }, 'the checkout_funnel run with three funnel steps');
    if (steps.some((count, i) => i > 0 && count > steps[i - 1])) {
        throw new Error(`the funnel's step counts grow: ${steps.join(' → ')}`);
    }
    const file = screenshotPath.replace(/\.png$/, '-funnel.png');
    await page.screenshot({ path: file });
    note(`checkout_funnel's funnel: ${steps.join(' → ')} profiles; screenshot ${file}`);
}

/** An edit of the segment's document marks the results out of date; the banner's Re-run clears it. */
export async function staleAfterEdit({ page, findFrame, note }) {
    // The keyboard focus is in the panel: move it to the segment's editor the way a user would.
    await palette(page, 'View: Focus First Editor Group');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// edited', { delay: 5 });
    await until(page, async () => (await findFrame()).locator('[data-testid="stale"]').isVisible(), 'the "out of date" banner after an edit');
    note('an edit of sneakers.segment shows "out of date — re-run" in the panel');
    await (await findFrame()).locator('#stale-rerun').click();
    await until(page, async () => {
        const frame = await findFrame();
        return !(await frame.locator('[data-testid="stale"]').isVisible()) && (await frame.evaluate(() => document.body.dataset.status)) === 'done';
    }, 'the re-run from the banner to clear it');
    note('the banner\'s Re-run ran the edited document and cleared the mark');
}
