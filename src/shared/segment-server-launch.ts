/**
 * How the language server's Node process is started: its heap budget, set rather than left to the
 * extension host's defaults. 1 GiB holds a workspace with a `.segment` file at the 1 MiB size limit,
 * edited, with half of it to spare; a 10,000-operand chain is refused as too deep before it costs memory
 * (docs/reliability.md). Other editors starting `out/language/main.cjs --stdio` can pass the same flag.
 */
export const SERVER_HEAP_MIB = 1024;

/** The Node options the server runs with (the VS Code client's `execArgv`; the stdio tests use the same). */
export const SERVER_EXEC_ARGV: readonly string[] = [`--max-old-space-size=${SERVER_HEAP_MIB}`];
