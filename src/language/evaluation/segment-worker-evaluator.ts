import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import { EvaluationCancelledError } from '../../engine/segment-engine.js';
import { receiveError, type ReplyMessage, type TaskMessage } from './segment-evaluation-messages.js';
import type { EvaluationTask, TaskOf, TaskResults } from './segment-evaluation-tasks.js';
import type { EvaluationSources, SegmentEvaluator } from './segment-evaluators.js';

/**
 * Runs each task in a worker thread (`out/language/evaluation-worker.cjs`, the same evaluator as
 * the CLI's, bundled on its own), so the server's event loop stays free: hover, completion and
 * `$/cancelRequest` are answered while a segment runs over a large sample or a slow profile.
 * Cancelling a task terminates its thread at once, wherever the evaluation is. A thread is reused
 * for the next task while idle (parsing the grammar once costs more than most small runs), and
 * tasks that overlap get threads of their own.
 */
export class WorkerEvaluator implements SegmentEvaluator {
    private idle: Worker | undefined;

    /** `script`: the bundled worker, next to the server's bundle. */
    constructor(private readonly script: string) {}

    execute<K extends EvaluationTask['kind']>(task: TaskOf<K>, sources: EvaluationSources, token: CancellationToken): Promise<TaskResults[K]> {
        if (token.isCancellationRequested) {
            return Promise.reject(new EvaluationCancelledError());
        }
        const message: TaskMessage = { task, documents: sources.documents };
        const worker = this.idle ?? new Worker(this.script);
        this.idle = undefined;
        worker.ref();
        return new Promise<TaskResults[K]>((resolve, reject) => {
            const settle = (outcome: () => void, keep: boolean): void => {
                cancellation.dispose();
                worker.off('message', onMessage).off('error', onError).off('exit', onExit);
                if (keep && !this.idle) {
                    // Idle threads do not keep the server alive.
                    worker.unref();
                    this.idle = worker;
                } else {
                    void worker.terminate();
                }
                outcome();
            };
            const onMessage = (reply: ReplyMessage): void => settle(() => reply.ok ? resolve(reply.value as TaskResults[K]) : reject(receiveError(reply.error)), true);
            const onError = (error: Error): void => settle(() => reject(error), false);
            const onExit = (code: number): void => settle(() => reject(new Error(`The evaluation thread stopped unexpectedly (exit code ${code}).`)), false);
            const cancellation = token.onCancellationRequested(() => settle(() => reject(new EvaluationCancelledError()), false));
            worker.on('message', onMessage).on('error', onError).on('exit', onExit);
            worker.postMessage(message);
        });
    }

    dispose(): void {
        void this.idle?.terminate();
        this.idle = undefined;
    }
}
