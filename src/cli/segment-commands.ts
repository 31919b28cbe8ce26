import { checkCommand, CHECK_USAGE } from './check/segment-check.js';
import { exportCommand, EXPORT_USAGE } from './aep/segment-export.js';
import { importCommand, IMPORT_USAGE } from './aep/segment-import.js';
import { initCommand, INIT_USAGE } from './segment-init.js';
import { runCommand, RUN_USAGE } from './run/segment-run.js';
import { sqlCommand, SQL_USAGE } from './run/segment-sql.js';
import { testCommand, TEST_USAGE } from './test/segment-test.js';

/** A subcommand of `segment`: its usage text (for --help, `segment help` and docs/cli.md) and what it does. */
export interface CliCommand {
    usage: string;
    /** Returns the exit code. */
    run: (args: string[]) => Promise<number>;
}

/** The subcommands, in a Map: a name such as `constructor` or `__proto__` is never an inherited key. */
export const COMMANDS: ReadonlyMap<string, CliCommand> = new Map([
    ['check', { run: checkCommand, usage: CHECK_USAGE }],
    ['run', { run: runCommand, usage: RUN_USAGE }],
    ['test', { run: testCommand, usage: TEST_USAGE }],
    ['sql', { run: sqlCommand, usage: SQL_USAGE }],
    ['export', { run: exportCommand, usage: EXPORT_USAGE }],
    ['import', { run: importCommand, usage: IMPORT_USAGE }],
    ['init', { run: initCommand, usage: INIT_USAGE }],
]);

export const GLOBAL_OPTIONS = `Options for every command:
  -h, --help        print the command's usage
  --color           colour the output even when it is not a terminal
  --no-color        never colour the output (NO_COLOR=1 does the same)`;

/** `segment --help`: every command's usage. */
export function mainUsage(): string {
    const commands = [...COMMANDS.values()].map(c => '  ' + c.usage.split('\n').join('\n  ')).join('\n\n');
    return `Usage: segment <command> [options]\n       segment help <command>\n       segment --version\n\nCommands:\n${commands}\n\n${GLOBAL_OPTIONS}\n`;
}

/** `segment <command> --help`: the command's usage and the options every command takes. */
export function commandUsage(command: CliCommand): string {
    return `Usage: ${command.usage}\n\n${GLOBAL_OPTIONS}\n`;
}
