// Profiling aid (not a suite): builds generated .segment text in-process with the language services, so
// `node --cpu-prof` shows where parse/link/validate time goes without the LSP around it.
//   node bench/build.mjs profile-language && node --cpu-prof --cpu-prof-dir=bench/out/prof bench/out/profile-language.mjs [--lines=5000] [--files=1] [--repeat=3] [--no-validation]
// `--file=<path>` builds that file instead (a slow document from `npm run fuzz`, for example).
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { createSegmentServices } from '../src/language/segment-module.js';
import { segmentFile } from './lib/segments.js';
import { log, now } from './lib/stats.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const lines = option('lines', 5000);
const files = option('files', 1);
const repeat = option('repeat', 3);
const validation = !argv.includes('--no-validation');
const file = argv.find(a => a.startsWith('--file='))?.slice('--file='.length);

async function main(): Promise<void> {
    for (let r = 0; r < repeat; r++) {
        const { shared } = createSegmentServices(EmptyFileSystem);
        const factory = shared.workspace.LangiumDocumentFactory;
        const texts = file ? [readFileSync(file, 'utf8')]
            : Array.from({ length: files }, (_, f) => segmentFile(files === 1 ? 5000 : 10_000 + f, `r${r}f${f}`, lines).text);
        const t0 = now();
        const documents = texts.map((text, f) => {
            const d = factory.fromString(text, URI.parse(`memory:/f${f}.segment`));
            shared.workspace.LangiumDocuments.addDocument(d);
            return d;
        });
        const t1 = now();
        await shared.workspace.DocumentBuilder.build(documents, { validation });
        const t2 = now();
        const diagnostics = documents.reduce((n, d) => n + (d.diagnostics?.length ?? 0), 0);
        log(`run ${r}: ${file ?? `${files} × ${lines} lines`}: parse ${(t1 - t0).toFixed(0)} ms, build${validation ? '+validate' : ''} ${(t2 - t1).toFixed(0)} ms, ${diagnostics} diagnostics`);
    }
}

void main();
