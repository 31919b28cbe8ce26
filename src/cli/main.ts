import { setColorMode } from './segment-cli-colors.js';
import { describeCliError, isUsageProblem } from './segment-cli-errors.js';
import { commandUsage, COMMANDS, mainUsage } from './segment-commands.js';

declare const SEGMENT_VERSION: string | undefined;

/** The package version, put in by esbuild (see esbuild.mjs). */
const VERSION = typeof SEGMENT_VERSION === 'string' ? SEGMENT_VERSION : 'development';

/** The arguments before `--` (after it, `--help` is a value, not an option). */
function options(args: string[]): string[] {
    const end = args.indexOf('--');
    return end === -1 ? args : args.slice(0, end);
}

/** Removes `--color` / `--no-color` wherever they are (before `--`) and applies the last one. */
function takeColorFlags(argv: string[]): string[] {
    const flags = options(argv);
    for (const flag of flags) {
        if (flag === '--color' || flag === '--no-color') {
            setColorMode(flag === '--color' ? 'always' : 'never');
        }
    }
    return [...flags.filter(f => f !== '--color' && f !== '--no-color'), ...argv.slice(flags.length)];
}

async function main(argv: string[]): Promise<number> {
    const [name, ...args] = takeColorFlags(argv);
    if (name === '--version' || name === '-v') {
        process.stdout.write(`segment ${VERSION}\n`);
        return 0;
    }
    if (name === 'help' && args.length > 0 && COMMANDS.has(args[0])) {
        process.stdout.write(commandUsage(COMMANDS.get(args[0])!));
        return 0;
    }
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        (name ? process.stdout : process.stderr).write(mainUsage());
        return name && args.length === 0 ? 0 : 2;
    }
    const command = COMMANDS.get(name);
    if (!command) {
        process.stderr.write(`segment: unknown command '${name}'; commands: ${[...COMMANDS.keys()].join(', ')}. Run 'segment --help' for usage.\n`);
        return 2;
    }
    if (options(args).some(a => a === '--help' || a === '-h')) {
        process.stdout.write(commandUsage(command));
        return 0;
    }
    try {
        return await command.run(args);
    } catch (error) {
        const message = describeCliError(error);
        if (message === undefined) {
            throw error;
        }
        const hint = isUsageProblem(error) ? `\nRun 'segment ${name} --help' for usage.` : '';
        process.stderr.write(`segment ${name}: ${message}${hint}\n`);
        return 2;
    }
}

// A reader that stops reading (`segment run … | head`): nothing more can be delivered, so stop quietly
// with success, as ripgrep does, instead of an internal error about the pipe.
process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
        process.exit(0);
    }
    throw error;
});

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => {
        process.stderr.write(`segment: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 2;
    },
);
