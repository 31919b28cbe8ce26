import { checkCommand, CHECK_USAGE } from './segment-check.js';
import { UsageError } from './segment-cli-workspace.js';
import { exportCommand, EXPORT_USAGE } from './segment-export.js';
import { importCommand, IMPORT_USAGE } from './segment-import.js';
import { runCommand, RUN_USAGE } from './segment-run.js';
import { testCommand, TEST_USAGE } from './segment-test.js';
import { sqlCommand, SQL_USAGE } from './segment-sql.js';

/** The subcommands of `segment`; each returns its exit code. */
const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; usage: string }> = {
    check: { run: checkCommand, usage: CHECK_USAGE },
    run: { run: runCommand, usage: RUN_USAGE },
    test: { run: testCommand, usage: TEST_USAGE },
    sql: { run: sqlCommand, usage: SQL_USAGE },
    export: { run: exportCommand, usage: EXPORT_USAGE },
    import: { run: importCommand, usage: IMPORT_USAGE },
};

const USAGE = `Usage: segment <command> [options]

Commands:
${Object.values(COMMANDS).map(c => '  ' + c.usage.split('\n').join('\n  ')).join('\n\n')}
`;

async function main(argv: string[]): Promise<number> {
    const [name, ...args] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(USAGE);
        return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) {
        process.stderr.write(`segment: unknown command '${name}'.\n\n${USAGE}`);
        return 2;
    }
    try {
        return await command.run(args);
    } catch (error) {
        if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
            process.stderr.write(`segment ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
            return 2;
        }
        throw error;
    }
}

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => {
        process.stderr.write(`segment: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 2;
    },
);
