// Preloaded into the fuzzed language server (`node --expose-gc --require`): SIGUSR2 collects garbage,
// so that the harness samples the server's resident memory without garbage that was merely not collected yet.
// The line on stderr tells the harness the collection is done (lsp-session.ts, GC_DONE), so it waits no longer than that.
if (typeof global.gc === 'function' && process.platform !== 'win32') {
    process.on('SIGUSR2', () => {
        global.gc();
        process.stderr.write('segment-fuzz: garbage collected\n');
    });
}
