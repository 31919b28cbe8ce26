import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isSegmentFile } from '../generated/ast.js';
import type { DocumentSnapshot } from './segment-evaluation-messages.js';
import { executeTask, type EvaluationTask, type TaskOf, type TaskResults } from './segment-evaluation-tasks.js';

/**
 * Parses a task's document snapshots in services of the evaluator's own (the worker thread's, or
 * fresh ones in process), links them (so `inSegment` finds its segments), runs the task on them
 * and forgets them. The server's workspace is never read here: whatever the user typed since the
 * request checked the documents is not in the snapshots. Validation is skipped: the request has
 * checked these very texts.
 */
export async function executeOnSnapshots<K extends EvaluationTask['kind']>(
    shared: LangiumSharedServices, task: TaskOf<K>, documents: readonly DocumentSnapshot[], cancel: () => boolean,
): Promise<TaskResults[K]> {
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = shared.workspace;
    const parsed = documents.map(d => LangiumDocumentFactory.fromString(d.text, URI.parse(d.uri)));
    try {
        parsed.forEach(d => LangiumDocuments.addDocument(d));
        await DocumentBuilder.build(parsed, { validation: false });
        const own = parsed.find(d => d.uri.toString() === task.uri) ?? parsed[0];
        const roots = new Map(parsed.map(d => [d.uri.toString(), d.parseResult.value]));
        const workspaceSegments = parsed.flatMap(d => isSegmentFile(d.parseResult.value) ? d.parseResult.value.segments : []);
        return await executeTask(task, { root: own.parseResult.value, roots, workspaceSegments, cancel });
    } finally {
        parsed.forEach(d => LangiumDocuments.deleteDocument(d.uri));
    }
}
