import * as path from 'node:path';

/**
 * A path from a `segment.*` setting: an absolute path stays; a relative one is taken from `base`
 * (the document's workspace folder); `~/` is the home folder. The client resolves the sample it
 * sends with a run with this, and the server the sample whose `$meta` hover reads, so both read the same file.
 */
export function resolveSettingPath(value: string, base: string): string {
    if (value.startsWith('~/') && process.env.HOME) {
        return path.join(process.env.HOME, value.slice(2));
    }
    return path.resolve(base, value);
}
