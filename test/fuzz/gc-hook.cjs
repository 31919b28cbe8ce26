// Preloaded into the fuzzed language server (`node --expose-gc --require`): SIGUSR2 collects garbage,
// so that the harness samples the server's resident memory without garbage that was merely not collected yet.
// The line on stderr tells the harness the collection is done (lsp-session.ts, GC_DONE), so it waits no longer than that.
if (typeof global.gc === 'function' && process.platform !== 'win32') {
    process.on('SIGUSR2', () => {
        // The "last resort" collection also compacts and gives free pages back to the system, as a server short
        // of memory would; a plain one leaves them mapped, so that a sample depended on how large the heap had
        // grown for the last big document (samples 30–50 MB apart with nothing leaking).
        global.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
        process.stderr.write('segment-fuzz: garbage collected\n');
    });
}
