/** A usage problem (an unknown option, a missing argument): one line, a pointer to --help, exit 2. */
export class UsageError extends Error {}

/** Unusable input (a file that cannot be read, malformed data): one line, exit 2, no usage hint. */
export class InputError extends UsageError {}
