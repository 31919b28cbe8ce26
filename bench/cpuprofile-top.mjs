#!/usr/bin/env node
// Prints the functions with the most self time (or, with --inclusive, total time incl. callees) in a V8
// .cpuprofile written by `node --cpu-prof`.
//   node bench/cpuprofile-top.mjs <file.cpuprofile> [N] [--inclusive] [--filter=<substring of function name>]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const inclusive = args.includes('--inclusive');
const filter = args.find(a => a.startsWith('--filter='))?.slice('--filter='.length);
const [file, n = '25'] = args.filter(a => !a.startsWith('--'));
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map(node => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const keyOf = node => {
    const frame = node.callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
};
const totals = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
    let id = profile.samples[i];
    const seen = new Set();
    do {
        const key = keyOf(byId.get(id));
        if (!seen.has(key)) {
            seen.add(key);
            totals.set(key, (totals.get(key) ?? 0) + (deltas[i] ?? 0));
        }
        id = parent.get(id);
    } while (inclusive && id !== undefined);
}
const total = deltas.reduce((a, b) => a + b, 0);
const rows = [...totals.entries()].filter(([key]) => !filter || key.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, Number(n));
for (const [key, us] of rows) {
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`);
}
