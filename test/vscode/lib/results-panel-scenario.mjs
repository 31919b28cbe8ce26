// The results-panel scenario, driven like a user: open sneakers.segment, put the cursor in
// `sneaker_abandoners`, run "Segment: Run Against Sample Profiles" from the command palette, then
// check the results webview's DOM (data-testid contract in test/vscode/README.md), screenshot it,
// and prove the hostile sample profile's name is shown as text, never run as markup.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chainFunnel, clauseRevealsSource, rerunKeepsState, selectWithKeyboard, staleAfterEdit, themedScreenshots } from './results-panel-checks.mjs';

export const SEED_FILE = 'sneakers.segment';
export const SEED_SEGMENT = 'sneaker_abandoners';
export const PALETTE_TITLE = 'Segment: Run Against Sample Profiles';
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const TESTID = {
    matched: '[data-testid="matched-count"]',
    row: '[data-testid="profile-row"]',
    toggle: '[data-testid="toggle-nonmatching"]',
};

/** Where the seed file is in the workspace copy, and the 1-based line of `segment sneaker_abandoners`. */
function locateSeed(workspace) {
    const find = (dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isFile() && entry.name === SEED_FILE) {
                return full;
            }
            if (entry.isDirectory() && entry.name !== 'node_modules') {
                const found = find(full);
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    };
    const file = find(workspace);
    if (!file) {
        throw new Error(`${SEED_FILE} is not in the workspace ${workspace} (examples/ must contain it)`);
    }
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((line) => new RegExp(`\\bsegment\\s+${SEED_SEGMENT}\\b`, 'i').test(line));
    if (index < 0) {
        throw new Error(`${file} declares no segment ${SEED_SEGMENT}`);
    }
    return { file, line: index + 2 }; // the line after the declaration: inside the segment's body
}

/** Runs a palette-like quick input: opens it with `keys`, types `text`, waits for a row showing `expect`, then Enter. */
async function quickInput(page, keys, text, expect) {
    await page.keyboard.press(keys);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(text, { delay: 10 });
    if (expect) {
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: expect }).first().waitFor({ timeout: 20_000 });
    }
    await page.keyboard.press('Enter');
}

/** The innermost frame of a webview (VS Code nests `active-frame` in a frame served from `…/webview/…`) showing `selector`. */
async function findWebviewFrame(page, selector, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        for (const frame of page.frames()) {
            const parent = frame.parentFrame();
            const inWebview = parent?.url().includes('webview') && (frame.name() === 'active-frame' || frame.url().includes('fake.html'));
            if (inWebview && await frame.$(selector).catch(() => null)) {
                return frame;
            }
        }
        const error = await workbenchError(page);
        if (error) {
            throw new Error(`the workbench shows an error instead of the results panel: ${error}`);
        }
        if (Date.now() > deadline) {
            const urls = page.frames().map((frame) => `${frame.name() || '(unnamed)'} ${frame.url().slice(0, 120)}`);
            throw new Error(`no webview frame showed ${selector} within ${timeoutMs / 1000} s; frames: ${JSON.stringify(urls)}`);
        }
        await page.waitForTimeout(250);
    }
}

/** The text of an error dialog or error notification the workbench shows (a failed command), if any. */
async function workbenchError(page) {
    const dialog = page.locator('.monaco-dialog-box');
    if (await dialog.count() > 0 && await dialog.first().isVisible()) {
        return (await dialog.first().innerText()).replace(/\s+/g, ' ').trim();
    }
    const toasts = page.locator('.notifications-toasts .notification-toast', { has: page.locator('.codicon-error') });
    if (await toasts.count() > 0) {
        return (await toasts.first().innerText()).replace(/\s+/g, ' ').trim();
    }
    return undefined;
}

/**
 * Runs the scenario in a fresh browser context; returns `{ ok, failure }` (failure: the first
 * failed check). Logs each check, saves `results-panel-scenario.log` and, on failure,
 * `results-panel-failure.png`.
 */
export async function runResultsPanelScenario({ browser, url, workspace, artifactsDir, screenshotPath, log, waitForLens = true, interactions = true }) {
    const lines = [];
    const note = (message) => {
        lines.push(message);
        log(`scenario: ${message}`);
    };
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    // In every frame, webviews included: report calls of alert/confirm/prompt. Webview iframes are
    // sandboxed without allow-modals, so an injected alert() opens no dialog; this log still shows it ran.
    await context.addInitScript(() => {
        for (const name of ['alert', 'confirm', 'prompt']) {
            const original = window[name];
            window[name] = function (...args) {
                console.error(`[harness] ${name}() called: ${args.join(' ')}`);
                return original?.apply(this, args);
            };
        }
    });
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
        lines.push(`[console ${message.type()}] ${message.text()}`);
        if (/\[harness\] (alert|confirm|prompt)\(\) called|Ignored call to '(alert|confirm|prompt)\(\)'/.test(message.text())) {
            dialogs.push(message.text());
        }
    });
    let failure;
    try {
        const seed = locateSeed(workspace);
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
        await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
        note('workbench loaded');

        await quickInput(page, 'Control+P', SEED_FILE, SEED_FILE);
        await page.locator('.tabs-container .tab.active', { hasText: SEED_FILE }).waitFor({ timeout: 20_000 });
        note(`${SEED_FILE} open`);
        if (waitForLens) {
            // The lens shows that the language server is up; the suite checks it strictly, this only waits.
            const lens = page.locator('.codelens-decoration', { hasText: 'Run against sample' }).first();
            await lens.waitFor({ timeout: 30_000 })
                .then(() => note('the "▶ Run against sample" code lens is shown'))
                .catch(() => note('WARNING: no "Run against sample" code lens within 30 s (continuing)'));
        }

        await page.locator('.monaco-editor .view-lines').first().click();
        await quickInput(page, 'Control+G', String(seed.line));
        note(`cursor on line ${seed.line}, inside ${SEED_SEGMENT}`);
        await quickInput(page, 'Control+Shift+P', PALETTE_TITLE, PALETTE_TITLE);
        note(`ran "${PALETTE_TITLE}" from the palette`);
        // The command may ask which segment to run (a quick pick) when it cannot tell from the cursor.
        const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: SEED_SEGMENT }).first();
        if (await picker.waitFor({ timeout: 2_000 }).then(() => true, () => false)) {
            await picker.click();
            note(`picked ${SEED_SEGMENT} in the quick pick`);
        }

        const frame = await findWebviewFrame(page, TESTID.matched, 60_000);
        // The panel opens in its running state, the headline still empty: wait for the result (the
        // script sets data-matched), which takes the evaluation thread's start on a first run.
        await frame.locator(`${TESTID.matched}[data-matched]`).first().waitFor({ timeout: 60_000 });
        const matchedText = (await frame.locator(TESTID.matched).first().innerText()).trim();
        note(`matched-count shows ${JSON.stringify(matchedText)}`);
        if (!(Number(matchedText.match(/\d+/)?.[0] ?? 0) > 0)) {
            throw new Error(`matched-count ${JSON.stringify(matchedText)} shows no positive number`);
        }
        await frame.locator(TESTID.row).first().waitFor({ timeout: 15_000 });
        note(`${await frame.locator(TESTID.row).count()} profile rows rendered`);
        if (interactions) {
            // The real panel (the self-test's fake one has only the contract's test ids).
            const findFrame = () => findWebviewFrame(page, TESTID.matched, 30_000);
            await selectWithKeyboard({ page, frame, note });
            await clauseRevealsSource({ page, frame, note });
            await rerunKeepsState({ page, findFrame, note });
            await staleAfterEdit({ page, findFrame, note });
            await themedScreenshots({ page, findFrame, screenshotPath, note });
        }
        await page.screenshot({ path: screenshotPath });
        note(`screenshot ${screenshotPath}`);

        await checkHostileProfile({ page, frame, dialogs, note, screenshotPath });
        if (interactions) {
            await chainFunnel({ page, findFrame: () => findWebviewFrame(page, TESTID.matched, 30_000), screenshotPath, note });
        }
    } catch (error) {
        failure = error.message;
        note(`FAILED: ${failure}`);
        await page.screenshot({ path: path.join(artifactsDir, 'results-panel-failure.png') }).catch(() => undefined);
    } finally {
        writeFileSync(path.join(artifactsDir, 'results-panel-scenario.log'), `${lines.join('\n')}\n`);
        await context.close().catch(() => undefined);
    }
    return { ok: failure === undefined, failure };
}

/** How many elements of any frame look injected from the hostile name. */
async function countInjected(page) {
    let injected = 0;
    for (const each of page.frames()) {
        injected += await each.evaluate(() => document.querySelectorAll('img[src="x"], [onerror]').length).catch(() => 0);
    }
    return injected;
}

/**
 * The hostile name is visible as literal text, no element was made from it, and no script from
 * it ran. Injection is checked first, so that an unescaping panel fails for the right reason.
 */
async function checkHostileProfile({ page, frame, dialogs, note, screenshotPath }) {
    // innerText: the name must be rendered, not merely present in a hidden element.
    const hasHostileText = () => frame.evaluate((name) => document.body.innerText.includes(name), HOSTILE_NAME);
    if (!await hasHostileText()) {
        const toggle = frame.locator(TESTID.toggle).first();
        if (await toggle.count() === 0) {
            throw new Error(`the hostile profile ${JSON.stringify(HOSTILE_NAME)} is not shown and there is no ${TESTID.toggle}`);
        }
        await toggle.click();
        note('switched on the non-matching profiles');
        const deadline = Date.now() + 20_000;
        while (!await hasHostileText() && await countInjected(page) === 0 && Date.now() < deadline) {
            await page.waitForTimeout(250);
        }
    }
    // Let an injected onerror handler fire, if markup was injected.
    await page.waitForTimeout(1_500);
    await frame.getByText(HOSTILE_NAME).first().scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
    await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-hostile.png') });
    const injected = await countInjected(page);
    if (injected > 0) {
        throw new Error(`${injected} element(s) were injected into the DOM from the hostile name (img[src="x"] / [onerror])`);
    }
    if (dialogs.length > 0) {
        throw new Error(`script from the hostile name ran: ${JSON.stringify(dialogs)}`);
    }
    if (!await hasHostileText()) {
        throw new Error(`the hostile profile ${JSON.stringify(HOSTILE_NAME)} is not shown as text, even with non-matching profiles on`);
    }
    note(`the hostile name ${JSON.stringify(HOSTILE_NAME)} is shown as text; no element injected, no script ran`);
}
