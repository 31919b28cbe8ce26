import { EmptyFileSystem } from 'langium';
import { parentPort } from 'node:worker_threads';
import { createSegmentServices } from '../segment-module.js';
import { sendError, type ReplyMessage, type TaskMessage } from './segment-evaluation-messages.js';
import { executeOnSnapshots } from './segment-snapshot-evaluation.js';

/**
 * The worker thread of `WorkerEvaluator` (bundled as out/language/evaluation-worker.cjs): runs the
 * task it is sent on the document snapshots sent with it, with the same functions the server would,
 * and posts the result back. One task at a time; the server terminates the thread to cancel.
 * Documents come as text, so no file system is needed to parse them (datasets and test fixtures
 * are still read from disk).
 */
const { shared } = createSegmentServices(EmptyFileSystem);

parentPort?.on('message', (message: TaskMessage) => {
    void run(message).then(reply => parentPort?.postMessage(reply));
});

async function run({ task, documents }: TaskMessage): Promise<ReplyMessage> {
    try {
        // Cancellation ends the thread, so the evaluation never polls for it.
        return { ok: true, value: await executeOnSnapshots(shared, task, documents, () => false) };
    } catch (error) {
        return { ok: false, error: sendError(error) };
    }
}
