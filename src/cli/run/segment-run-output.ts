/**
 * What `segment run` prints: a text report per segment, or the results as JSON. The ids are read
 * from the run as they are written (`MatchedIds`), so printing 20 M ids never holds them all; the
 * JSON is the text `JSON.stringify(results, undefined, 2)` would give.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { explainLines } from '../../engine/explain/segment-explain-text.js';
import { firstIds, type MatchedIds } from '../../engine/segment-matched-ids.js';
import { painterFor } from '../segment-cli-colors.js';
import type { CliRunResult } from './segment-run-engines.js';

/** Ids a text report shows per segment. */
const SHOWN_IDS = 20;
/** Characters gathered before a write (one write per id would cost more than the ids). */
const WRITE_SIZE = 1 << 16;

export async function writeRunOutput(results: readonly CliRunResult[], ids: MatchedIds, format: 'text' | 'json', out: Writable & { isTTY?: boolean }): Promise<void> {
    const sink = writer(out);
    if (format === 'json') {
        await writeJson(results, ids, sink);
    } else {
        for (const [i, result] of results.entries()) {
            sink.add(formatText(result, await firstIds(ids, i, SHOWN_IDS), out));
        }
    }
    await sink.flush();
}

interface Sink {
    add(text: string): void | Promise<void>;
    flush(): Promise<void>;
}

/** Buffered writes that wait for the stream to drain (a pipe to a slow reader). */
function writer(out: Writable): Sink {
    let buffer = '';
    const flush = async (): Promise<void> => {
        const text = buffer;
        buffer = '';
        if (text.length > 0 && !out.write(text)) {
            await once(out, 'drain');
        }
    };
    return {
        add: text => {
            buffer += text;
            return buffer.length >= WRITE_SIZE ? flush() : undefined;
        },
        flush,
    };
}

/** The results' JSON with each `ids` array written from `ids`, indented as JSON.stringify indents it. */
async function writeJson(results: readonly CliRunResult[], ids: MatchedIds, sink: Sink): Promise<void> {
    const mark = (i: number): string => `\u0000ids ${i}`;
    const marked = results.map((result, i) => ({ ...result, ids: mark(i) }));
    const text = JSON.stringify(marked.length === 1 ? marked[0] : marked, undefined, 2);
    let from = 0;
    for (const i of results.keys()) {
        const at = text.indexOf(JSON.stringify(mark(i)), from);
        const before = text.slice(from, at);
        await sink.add(before);
        const indent = /( *)"ids": $/.exec(before)![1];
        let first = true;
        for await (const chunk of ids.chunks(i)) {
            for (const id of chunk) {
                // Awaited only when a write has to wait (a tick per id would cost seconds over 20 M ids).
                const waiting = sink.add(`${first ? '[' : ','}\n${indent}  ${JSON.stringify(id)}`);
                if (waiting) {
                    await waiting;
                }
                first = false;
            }
        }
        await sink.add(first ? '[]' : `\n${indent}]`);
        from = at + JSON.stringify(mark(i)).length;
    }
    await sink.add(`${text.slice(from)}\n`);
}

function formatText(result: CliRunResult, ids: readonly string[], out: { isTTY?: boolean }): string {
    const percent = result.total === 0 ? 0 : (100 * result.matched) / result.total;
    const lines = [
        `${result.segment}: ${result.matched} of ${result.total} profiles matched (${percent.toFixed(1)} %)`,
        `  now ${result.now}${result.timeZone && result.timeZone !== 'UTC' ? ` (${result.timeZone})` : ''}, data ${result.sample}${result.skipped ? `, ${result.skipped} invalid record(s) skipped` : ''}, engine ${result.engine}`,
        ...result.clauses.map(c => `  ${String(c.matched).padStart(6)}  ${'  '.repeat(c.path.split('.').length - 1)}${c.text}`),
        `  ids: ${ids.join(', ')}${result.matched > ids.length ? `, … (${result.matched - ids.length} more)` : ''}`,
        ...(result.warnings ?? []).map(w => `  ${painterFor(out).yellow('warning')}: ${w}`),
    ];
    for (const explanation of result.explanations ?? []) {
        lines.push(`  why ${explanation.id} ${explanation.matched ? 'matched' : 'did not match'}:`, ...explainLines(explanation.tree, 2).map(line => paintMark(line, out)));
    }
    return lines.join('\n') + '\n';
}

/** ✓ green, ✗ red at the start of an explanation line, when the output gets colour. */
function paintMark(line: string, out: { isTTY?: boolean }): string {
    const paint = painterFor(out);
    return line.replace(/^(\s*)([✓✗])/u, (_all, indent: string, mark: string) => indent + (mark === '✓' ? paint.green(mark) : paint.red(mark)));
}
