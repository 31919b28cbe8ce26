import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    LIST_TESTS_REQUEST, RUN_TESTS_REQUEST, type ListTestsParams, type ProtocolRange, type RunTestsParams, type TestFileSummary, type TestOutcome,
} from '../shared/segment-protocol.js';

/** Id of the controller in the Test Explorer. */
export const TEST_CONTROLLER_ID = 'segmentTests';

/** How long edits settle before the tree of tests is refreshed. */
const REFRESH_DELAY_MS = 300;

/**
 * The Test Explorer for `test` declarations (docs/testing.md): one item per file, one child per
 * test. Listing and running go through the language server (`segment/listTests`,
 * `segment/runTests`), so results are those of `segment test` on the text the editor shows. The
 * run profile supports continuous run: while it is on, every save of a `.segment` file re-runs
 * the requested tests (a segment edited in one file may break a test in another).
 */
export class SegmentTestController implements vscode.Disposable {
    readonly controller: vscode.TestController;
    /** The last outcome per test item id, as shown in the Test Explorer (for the extension's own tests). */
    readonly outcomes = new Map<string, TestOutcome>();
    private readonly disposables: vscode.Disposable[] = [];
    private refreshTimer: ReturnType<typeof setTimeout> | undefined;

    constructor(private readonly client: LanguageClient) {
        this.controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Segment tests');
        this.controller.resolveHandler = () => this.refresh();
        this.controller.refreshHandler = () => this.refresh();
        const profile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
        profile.supportsContinuousRun = true;
        const scheduleRefresh = (document: vscode.TextDocument) => {
            if (document.languageId === 'segment') {
                clearTimeout(this.refreshTimer);
                this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
            }
        };
        const watcher = vscode.workspace.createFileSystemWatcher('**/*.segment');
        this.disposables.push(
            this.controller, profile, watcher,
            vscode.workspace.onDidChangeTextDocument(event => scheduleRefresh(event.document)),
            vscode.workspace.onDidOpenTextDocument(scheduleRefresh),
            watcher.onDidCreate(() => void this.refresh()),
            watcher.onDidDelete(() => void this.refresh()),
        );
    }

    /** Lists the workspace's tests again (the server knows every `.segment` file of the workspace). */
    async refresh(): Promise<void> {
        const files = await this.client.sendRequest<TestFileSummary[]>(LIST_TESTS_REQUEST, {} satisfies ListTestsParams);
        const roots: vscode.TestItem[] = [];
        for (const file of files.sort((a, b) => a.uri.localeCompare(b.uri))) {
            const uri = vscode.Uri.parse(file.uri);
            const root = this.controller.items.get(file.uri) ?? this.controller.createTestItem(file.uri, vscode.workspace.asRelativePath(uri), uri);
            root.children.replace(file.tests.map(test => {
                const item = root.children.get(testId(file.uri, test.name)) ?? this.controller.createTestItem(testId(file.uri, test.name), test.name, uri);
                item.range = toRange(test.range);
                item.description = test.segment;
                return item;
            }));
            roots.push(root);
        }
        this.controller.items.replace(roots);
    }

    private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
        if (request.continuous) {
            // Continuous run: run now, then on every save of a .segment file, until the user turns it off.
            const onSave = vscode.workspace.onDidSaveTextDocument(document => {
                if (document.languageId === 'segment') {
                    void this.refresh().then(() => this.runOnce(request, token));
                }
            });
            token.onCancellationRequested(() => onSave.dispose());
        }
        await this.runOnce(request, token);
    }

    private async runOnce(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
        if (this.controller.items.size === 0) {
            await this.refresh();
        }
        const run = this.controller.createTestRun(request);
        try {
            for (const [uri, names] of this.selectedTests(request)) {
                if (token.isCancellationRequested) {
                    break;
                }
                const file = this.controller.items.get(uri);
                const items = names.map(name => file?.children.get(testId(uri, name))).filter(item => item !== undefined);
                items.forEach(item => run.started(item));
                const outcomes = await this.client.sendRequest<TestOutcome[]>(RUN_TESTS_REQUEST, { uri, names } satisfies RunTestsParams);
                for (const outcome of outcomes) {
                    const item = file?.children.get(testId(uri, outcome.name));
                    if (item) {
                        this.report(run, item, outcome);
                    }
                }
            }
        } finally {
            run.end();
        }
    }

    /** The requested tests' names by file, minus the excluded ones. */
    private selectedTests(request: vscode.TestRunRequest): Map<string, string[]> {
        const excluded = new Set((request.exclude ?? []).map(item => item.id));
        const selected = new Map<string, Set<string>>();
        for (const item of request.include ?? childrenOf(this.controller.items)) {
            const file = item.parent ?? item;
            if (excluded.has(file.id)) {
                continue;
            }
            const names = selected.get(file.id) ?? new Set<string>();
            (item.parent ? [item] : childrenOf(item.children)).filter(test => !excluded.has(test.id)).forEach(test => names.add(test.label));
            selected.set(file.id, names);
        }
        return new Map([...selected].map(([uri, names]) => [uri, [...names]]));
    }

    private report(run: vscode.TestRun, item: vscode.TestItem, outcome: TestOutcome): void {
        this.outcomes.set(item.id, outcome);
        if (outcome.status === 'passed') {
            run.passed(item, outcome.durationMs);
            return;
        }
        const message = outcome.status === 'failed' && outcome.expected
            ? vscode.TestMessage.diff(outcome.message, outcome.expected, outcome.actual)
            : new vscode.TestMessage(outcome.message);
        message.location = new vscode.Location(vscode.Uri.parse(outcome.uri), toRange(outcome.range));
        if (outcome.status === 'failed') {
            run.failed(item, message, outcome.durationMs);
        } else {
            run.errored(item, message, outcome.durationMs);
        }
    }

    dispose(): void {
        clearTimeout(this.refreshTimer);
        this.disposables.forEach(d => d.dispose());
    }
}

function testId(uri: string, name: string): string {
    return `${uri}#${name}`;
}

function childrenOf(collection: vscode.TestItemCollection): vscode.TestItem[] {
    const items: vscode.TestItem[] = [];
    collection.forEach(item => items.push(item));
    return items;
}

function toRange(range: ProtocolRange): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
