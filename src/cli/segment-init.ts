import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, UsageError } from './segment-cli-usage-error.js';

export const INIT_USAGE = `segment init [folder] [--force]
  Creates a starter project in the folder (default: the current folder): segment.config.json,
  an example segment (segments/example.segment) and a small sample dataset (sample-profiles.jsonl).
  Existing files are kept unless --force is given. Then: segment check . && segment run segments/example.segment
  Exit 0: created; 2: bad usage, or a file exists (without --force).`;

const NOW = '2026-11-01T12:00:00Z';

/** The starter files: small enough to read at a glance, complete enough that `check` and `run` work. */
const FILES: Record<string, string> = {
    'segment.config.json': `${JSON.stringify({ sample: 'sample-profiles.jsonl', now: NOW, timeZone: 'UTC' }, undefined, 4)}\n`,
    'segments/example.segment': `// A first segment: people born after 1990 who searched in the last 30 days.
// Check it with \`segment check .\`, run it on the sample with \`segment run segments/example.segment\`.
segment young_searchers {
    name: "Young searchers"
    description: "Born after 1990, searched in the last 30 days"
    where: person.birthYear > 1990
        and select X from xEvent where X.eventType = "search" and X.timestamp occurs <= 30 days before now
}
`,
    'sample-profiles.jsonl': [
        { _id: 'p1', person: { birthYear: 1995 }, xEvent: [{ eventType: 'search', timestamp: '2026-10-20T09:00:00Z' }] },
        { _id: 'p2', person: { birthYear: 1998 }, xEvent: [{ eventType: 'search', timestamp: '2026-08-01T09:00:00Z' }] },
        { _id: 'p3', person: { birthYear: 1980 }, xEvent: [{ eventType: 'search', timestamp: '2026-10-30T09:00:00Z' }] },
        { _id: 'p4', person: { birthYear: 2001 }, xEvent: [] },
    ].map(profile => JSON.stringify(profile)).join('\n') + '\n',
};

/** `segment init`: writes the starter files; refuses to replace any without --force. */
export async function initCommand(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
    if (positionals.length > 1) {
        throw new UsageError('segment init takes at most one folder.');
    }
    const folder = positionals[0] ?? '.';
    const existing = Object.keys(FILES).filter(file => existsSync(path.join(folder, file)));
    if (existing.length > 0 && !values.force) {
        throw new InputError(`${existing.map(f => path.join(folder, f)).join(', ')} already exist(s); nothing written (--force replaces).`);
    }
    for (const [file, text] of Object.entries(FILES)) {
        const target = path.join(folder, file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
        process.stdout.write(`${existing.includes(file) ? 'replaced' : 'created'} ${target}\n`);
    }
    process.stderr.write(`Next: ${folder === '.' ? '' : `cd ${folder} && `}segment check . && segment run segments/example.segment\n`);
    return 0;
}
