import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SegmentNodeModule } from '../../src/language/evaluation/segment-run-clock-node.js';
import { createRunEnvironment } from '../../src/language/evaluation/segment-run-environment.js';
import { SegmentRunHandler } from '../../src/language/evaluation/segment-run-handler.js';
import { createSegmentServices } from '../../src/language/segment-module.js';
import type { RunInputs } from '../../src/shared/segment-protocol.js';

/**
 * Hover of an `occurs` window and a run settle now and the time zone the same way, whichever input
 * gives them: segment.config.json, the sample's `$meta`, or the `segment.now`/`segment.timeZone`
 * settings (pushed to the server, and sent by the client with each run).
 */
const CLOCK = new Date('2031-01-01T00:00:00Z');

let root: string;

function project(name: string, config: object, meta: object): string {
    const folder = path.join(root, name);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'segment.config.json'), JSON.stringify({ sample: 'sample.jsonl', ...config }));
    writeFileSync(path.join(folder, 'sample.jsonl'), `${JSON.stringify({ $meta: meta })}\n{"_id":"p1","xEvent":[{"timestamp":"2026-10-20T00:00:00Z"}]}\n`);
    // Ids are unique across the workspace: one per project.
    writeFileSync(path.join(folder, 'recent.segment'), `segment recent_${name} {\n    where: xEvent[timestamp occurs <= 30 days before now]\n}\n`);
    return URI.file(path.join(folder, 'recent.segment')).toString();
}

/** A server's services as src/language/main.ts builds them, with settings pushed as the VS Code client does. */
async function server(settings: { now?: string; timeZone?: string } = {}) {
    const { shared, Segment } = createSegmentServices(NodeFileSystem, SegmentNodeModule);
    Segment.evaluation.RunClock.clock = () => CLOCK;
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(root).toString(), name: 'ws' }]);
    await shared.workspace.ConfigurationProvider.initialized({});
    shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { segment: settings } });
    const run = new SegmentRunHandler(shared, { ...createRunEnvironment(Segment), clock: () => CLOCK });
    const hover = async (uri: string, token: string): Promise<string> => {
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
        const position = document.textDocument.positionAt(document.textDocument.getText().indexOf(token) + 1);
        const result = await Segment.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri }, position });
        return (result?.contents as { value: string } | undefined)?.value ?? '';
    };
    return { run, hover };
}

/** The hover's now and zone, and the run's, for the same document. */
async function both(uri: string, settings: { now?: string; timeZone?: string } = {}) {
    const { run, hover } = await server(settings);
    const text = await hover(uri, 'occurs');
    const request: RunInputs = { now: settings.now, timeZone: settings.timeZone };
    const response = await run.run({ uri, segmentId: `recent_${path.basename(path.dirname(URI.parse(uri).fsPath))}`, ...request });
    if (response.status !== 'ok') {
        throw new Error(JSON.stringify(response));
    }
    const now = /now = (\S+)/u.exec(text)?.[1];
    const zone = /\(([^)]+)\) — now/u.exec(text)?.[1];
    return { text, hoverNow: now && new Date(now).toISOString(), hoverZone: zone, runNow: response.result.now, runZone: response.result.timeZone };
}

let fromConfig: string;
let fromDataset: string;

beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'segment-hover-clock-'));
    fromConfig = project('config', { now: '2026-11-04T00:00:00Z' }, { now: '2026-01-01T00:00:00Z', timeZone: 'Asia/Tokyo' });
    fromDataset = project('dataset', {}, { now: '2026-06-15T10:30:00Z', timeZone: 'Europe/Berlin' });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hover of an occurs window and the run agree on now and the time zone', () => {
    test('now from segment.config.json', async () => {
        const seen = await both(fromConfig);
        expect(seen.text).toMatch(/^Window: 2026-10-05 09:00 → 2026-11-04 09:00 \(Asia\/Tokyo\) — now = 2026-11-04T00:00:00Z from segment\.config\.json; time zone Asia\/Tokyo from the `\$meta` of sample\.jsonl/u);
        expect([seen.hoverNow, seen.hoverZone]).toEqual([seen.runNow, seen.runZone]);
    });

    test('now and zone declared by the sample', async () => {
        const seen = await both(fromDataset);
        expect(seen.text).toMatch(/^Window: 2026-05-16 12:30 → 2026-06-15 12:30 \(Europe\/Berlin\) — now = 2026-06-15T10:30:00Z from the `\$meta` of sample\.jsonl/u);
        expect([seen.hoverNow, seen.hoverZone]).toEqual([seen.runNow, seen.runZone]);
    });

    test('the segment.now and segment.timeZone settings win', async () => {
        const seen = await both(fromConfig, { now: '2026-03-01T00:00:00Z', timeZone: 'America/New_York' });
        expect(seen.text).toMatch(/^Window: 2026-01-29 19:00 → 2026-02-28 19:00 \(America\/New_York\) — now = 2026-03-01T00:00:00Z from the segment\.now setting; time zone America\/New_York from the segment\.timeZone setting/u);
        expect([seen.hoverNow, seen.hoverZone]).toEqual([seen.runNow, seen.runZone]);
    });

    test('every part of the clause gives the window', async () => {
        const { hover } = await server();
        for (const token of ['occurs', '30', 'days', 'before', 'now]']) {
            expect(await hover(fromDataset, token), token).toMatch(/^Window: 2026-05-16 12:30 → 2026-06-15 12:30 \(Europe\/Berlin\)/u);
        }
    });
});
