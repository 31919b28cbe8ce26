// Preloaded into the fuzzed language server (`node --expose-gc --require`): SIGUSR2 collects garbage,
// so that the harness samples the server's resident memory without garbage that was merely not collected yet.
// The line on stderr tells the harness the collection is done (lsp-session.ts, GC_DONE), so it waits no longer than that.
if (typeof global.gc === 'function' && process.platform !== 'win32') {
    process.on('SIGUSR2', () => {
        // A plain full collection, then the "last resort" one, which also compacts and gives free pages back to the
        // system. The "last resort" one alone left 10–160 MB of garbage in Node 20 (heap used after it 33–186 MB at
        // points of a run where a plain one leaves 20–25 MB).
        global.gc();
        global.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
        // V8 unmaps the freed pages on a background thread: read right after the collection, the resident size
        // still held them (136–332 MB at the samples of a 2,500-document run; 136–178 MB 300 ms later, and the
        // same a second later).
        setTimeout(() => process.stderr.write('segment-fuzz: garbage collected\n'), 500);
    });
}
