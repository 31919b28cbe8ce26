import { fuzzCli } from './cli-fuzz.js';
import { fuzzLanguageServer, type Failure } from './lsp-fuzz.js';
import { bundledServerCommand } from './lsp-session.js';
import { CLI_HANG_MS, LSP_HANG_MS, parseArguments, USAGE, type FuzzArguments } from './options.js';
import { failed, preview, saveDocument, summary } from './report.js';
import { shrinkFailure } from './reproduce.js';
import { createWorkspace } from './workspace.js';

/** `npm run fuzz`: see USAGE. The repository is the current folder (npm runs scripts there). */
async function main(argv: string[]): Promise<number> {
    if (argv.includes('--help')) {
        console.log(USAGE);
        return 0;
    }
    const args = parseArguments(argv);
    const root = process.cwd();
    if (args.mode === 'cli') {
        return fuzzCliMode(root, args);
    }
    console.log(`segment fuzz: seed ${args.seed}, ${args.replay !== undefined ? `document ${args.replay} only` : `${args.docs} documents`}`);
    // SIGTERM or Ctrl-C: finish the current document and report what was done.
    let stop = false;
    process.once('SIGTERM', () => { stop = true; });
    process.once('SIGINT', () => { stop = true; });
    const report = await fuzzLanguageServer({
        root, seed: args.seed, docs: args.docs, only: args.replay, lateMs: args.lateMs, hangMs: args.hangMs ?? LSP_HANG_MS,
        rssEvery: args.rssEvery, warmUp: args.warmUp, stopped: () => stop, log: line => console.log(line),
    });
    console.log(`\n${summary(report, args.lateMs)}`);
    if (failed(report)) {
        await printReproductions(root, args, report.failures);
        return 1;
    }
    return 0;
}

async function fuzzCliMode(root: string, args: FuzzArguments): Promise<number> {
    console.log(`segment fuzz --cli: seed ${args.seed}, ${args.docs} data mutations and the fixed hostile cases`);
    const report = await fuzzCli({ root, seed: args.seed, cases: args.docs, hangMs: args.hangMs ?? CLI_HANG_MS, log: line => console.log(line) });
    for (const failure of report.failures) {
        console.log(`\n${failure.name}: ${failure.problem}\n  segment ${failure.args.join(' ')}\n  ${failure.output.trim().split('\n').slice(0, 6).join('\n  ')}`);
    }
    console.log(`\nseed ${report.seed}\ncases ${report.cases}\nfailures ${report.failures.length}\nduration ${(report.durationMs / 1000).toFixed(1)} s` +
        `\nresult ${report.failures.length ? 'FAILED' : 'passed'}${report.failures.length ? `\nreplay: npm run fuzz -- --cli --seed ${args.seed} --docs ${args.docs}` : ''}`);
    return report.failures.length ? 1 : 0;
}

/** For each distinct failure (up to `--shrink` of them): the command that replays it and a shrunk document. */
async function printReproductions(root: string, args: FuzzArguments, failures: Failure[]): Promise<void> {
    const distinct = new Map<string, Failure>();
    for (const failure of failures) {
        // A document that hangs the server leaves every request unanswered: one failure, not one per request.
        const key = failure.kind === 'unanswered' || failure.kind === 'late' || failure.kind === 'crash'
            ? `${failure.kind} document ${failure.document.index}` : `${failure.kind} ${failure.detail}`;
        if (!distinct.has(key)) {
            distinct.set(key, failure);
        }
    }
    console.log(`\n${distinct.size} distinct failure(s):`);
    const workspace = createWorkspace(root);
    try {
        for (const [n, failure] of [...distinct.values()].entries()) {
            console.log(`\n[${n + 1}] ${failure.kind}: ${failure.detail}\n    document ${failure.document.index} (${failure.document.origin}, in ${failure.document.project}/)` +
                `\n    replay: npm run fuzz -- --seed ${args.seed} --replay ${failure.document.index}`);
            const file = saveDocument(args.seed, `doc-${failure.document.index}.segment`, failure.text);
            console.log(`    document: ${file}`);
            if (n >= args.shrink) {
                continue;
            }
            const shrunk = await shrinkFailure(failure, {
                command: bundledServerCommand(root), folder: workspace.folder, lateMs: args.lateMs, hangMs: Math.min(args.hangMs ?? LSP_HANG_MS, LSP_HANG_MS),
            }, { attempts: 400, ms: args.shrinkSeconds * 1000 });
            if (!shrunk) {
                console.log('    does not fail on its own in a fresh server (it needs the documents before it: replay the run)');
                continue;
            }
            const minimal = saveDocument(args.seed, `doc-${failure.document.index}.min.segment`, shrunk.text);
            console.log(`    minimal document (${shrunk.text.length} characters, ${shrunk.attempts} attempts, in ${failure.document.project}/): ${minimal}\n    ${preview(shrunk.text)}`);
        }
    } finally {
        workspace.dispose();
    }
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, error => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
});
