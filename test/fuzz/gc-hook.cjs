// Preloaded into the fuzzed language server (`node --expose-gc --require`): SIGUSR2 collects garbage,
// so that the harness samples the server's resident memory without garbage that was merely not collected yet.
if (typeof global.gc === 'function' && process.platform !== 'win32') {
    process.on('SIGUSR2', () => global.gc());
}
