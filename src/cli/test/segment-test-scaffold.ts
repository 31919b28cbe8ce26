import type { LangiumDocument } from 'langium';
import { parseInstant, RunInputError } from '../../engine/data/segment-run-inputs.js';
import { scaffoldTests } from '../../engine/testing/segment-test-scaffold.js';
import type { SegmentFile } from '../../language/generated/ast.js';
import { contradictionsOf } from '../../language/validation/segment-contradictions-of.js';
import { loadWorkspace, UsageError } from '../segment-cli-workspace.js';

/**
 * `segment test --scaffold <segment>`: prints `test` declarations for the segment (one matching
 * profile and a near miss per top-level clause), generated and verified by the evaluator, ready
 * to append to a `.segment` file. Exit 1 when no matching profile is found (unsatisfiable segments
 * name their contradicting clauses).
 */
export async function scaffoldCommand(segmentId: string, files: string[], nowText: string | undefined): Promise<number> {
    const { services, documents } = await loadWorkspace(files);
    const all = services.shared.workspace.LangiumDocuments.all.toArray() as Array<LangiumDocument<SegmentFile>>;
    const document = [...documents, ...all].find(d => d.parseResult.value.segments.some(s => s.name === segmentId));
    const segment = document?.parseResult.value.segments.find(s => s.name === segmentId);
    if (!document || !segment) {
        throw new UsageError(`No segment '${segmentId}' in the given files.`);
    }
    const config = services.schema.SchemaProvider.schemasFor(document.uri).config;
    let now: Date;
    try {
        now = nowText ? parseInstant(nowText, '--now') : config?.now ? parseInstant(config.now, '`now` in segment.config.json') : new Date(Math.floor(Date.now() / 1000) * 1000);
    } catch (error) {
        throw new UsageError((error as RunInputError).message);
    }
    const result = scaffoldTests(segment, { now, timeZone: config?.timeZone, workspaceSegments: all.flatMap(d => d.parseResult.value.segments) });
    if (!result.matched) {
        const contradictions = contradictionsOf(document.diagnostics ?? [], segment);
        process.stderr.write(contradictions.length > 0
            ? `segment test: '${segmentId}' can match no profile (unsatisfiable):\n${contradictions.map(c => `  line ${c.line}: ${c.message}`).join('\n')}\n`
            : `segment test: ${result.missing[0]}\n`);
        return 1;
    }
    process.stdout.write(result.text);
    for (const message of result.missing) {
        process.stderr.write(`segment test: note: ${message}\n`);
    }
    return 0;
}
