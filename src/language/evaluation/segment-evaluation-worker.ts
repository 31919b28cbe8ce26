import { EmptyFileSystem, URI } from 'langium';
import { parentPort } from 'node:worker_threads';
import { isSegmentFile } from '../generated/ast.js';
import { createSegmentServices } from '../segment-module.js';
import { sendError, type ReplyMessage, type TaskMessage } from './segment-evaluation-messages.js';
import { executeTask } from './segment-evaluation-tasks.js';

/**
 * The worker thread of `WorkerEvaluator` (bundled as out/language/evaluation-worker.cjs): parses the
 * documents it is sent, links them (so `inSegment` finds its segments), runs the task with the same
 * functions the server would, and posts the result back. One task at a time; the server terminates
 * the thread to cancel. Documents come as text, so no file system is needed to parse them (datasets
 * and test fixtures are still read from disk).
 */
const { shared } = createSegmentServices(EmptyFileSystem);
const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = shared.workspace;

parentPort?.on('message', (message: TaskMessage) => {
    void run(message).then(reply => parentPort?.postMessage(reply));
});

async function run({ task, documents }: TaskMessage): Promise<ReplyMessage> {
    const parsed = documents.map(d => LangiumDocumentFactory.fromString(d.text, URI.parse(d.uri)));
    try {
        parsed.forEach(d => LangiumDocuments.addDocument(d));
        await DocumentBuilder.build(parsed, { validation: false });
        const own = parsed.find(d => d.uri.toString() === task.uri) ?? parsed[0];
        const roots = new Map(parsed.map(d => [d.uri.toString(), d.parseResult.value]));
        const workspaceSegments = parsed.flatMap(d => isSegmentFile(d.parseResult.value) ? d.parseResult.value.segments : []);
        // Cancellation ends the thread, so the evaluation never polls for it.
        return { ok: true, value: await executeTask(task, { root: own.parseResult.value, roots, workspaceSegments, cancel: () => false }) };
    } catch (error) {
        return { ok: false, error: sendError(error) };
    } finally {
        parsed.forEach(d => LangiumDocuments.deleteDocument(d.uri));
    }
}
