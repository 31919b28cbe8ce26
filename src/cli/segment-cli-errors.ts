import { InputError, UsageError } from './segment-cli-usage-error.js';

/** File-system error codes that describe the user's input (a path), not a defect of the CLI. */
const INPUT_ERRORS: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
    ELOOP: 'too many levels of symbolic links',
    EEXIST: 'already exists',
    ENAMETOOLONG: 'name too long',
    ENXIO: 'no such device',
};

/**
 * The one-line message for an error caused by the user's input, or undefined for a real internal
 * error (which main() reports with its stack). Node's parseArgs errors are reworded so that they
 * name the option and do not suggest `-- "--option"`.
 */
export function describeCliError(error: unknown): string | undefined {
    if (error instanceof UsageError) {
        return error.message;
    }
    const { code, message, path } = error as NodeJS.ErrnoException;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
        return parseArgsMessage(code, message);
    }
    if (code !== undefined && Object.hasOwn(INPUT_ERRORS, code) && path !== undefined) {
        return `cannot use '${path}': ${INPUT_ERRORS[code]} (${code}).`;
    }
    return undefined;
}

/** True for a mistake in the command line (worth a pointer to --help), false for unusable input. */
export function isUsageProblem(error: unknown): boolean {
    return (error instanceof UsageError && !(error instanceof InputError))
        || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

function parseArgsMessage(code: string, message: string): string {
    const option = /'(-[^' ]*)/u.exec(message)?.[1];
    if (option === undefined) {
        return message;
    }
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        return `unknown option '${option}'.`;
    }
    if (/argument missing/u.test(message)) {
        return `${option} needs a value.`;
    }
    if (/does not take an argument/u.test(message)) {
        return `${option} does not take a value.`;
    }
    return message;
}
