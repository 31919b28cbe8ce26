import type { FileSystemProvider } from 'langium';

const BOM = '\uFEFF';

/**
 * A file system provider whose text reads leave out a UTF-8 byte order mark. Node decodes the BOM
 * as U+FEFF, which the lexer skips as white space but which still counts as a character: every
 * column of line 1 came out one too far, in `segment check` and for files the editor has not
 * opened (editors drop the BOM from the text they send). JSON.parse also refuses it, so
 * segment.config.json and schema files saved with a BOM could not be read.
 */
export function withoutByteOrderMark(provider: FileSystemProvider): FileSystemProvider {
    const strip = (text: string): string => text.startsWith(BOM) ? text.slice(1) : text;
    return new Proxy(provider, {
        get(target, property, receiver) {
            if (property === 'readFile') {
                return async (...args: Parameters<FileSystemProvider['readFile']>) => strip(await target.readFile(...args));
            }
            if (property === 'readFileSync') {
                return (...args: Parameters<FileSystemProvider['readFileSync']>) => strip(target.readFileSync(...args));
            }
            const value = Reflect.get(target, property, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
}
