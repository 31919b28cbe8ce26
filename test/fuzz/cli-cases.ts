import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mutateRecord } from './cli-data.js';
import type { Random } from './random.js';
import { BOMB_FAN_OUT, BOMB_LEVELS, refBomb } from './workspace.js';

/** One hostile invocation of the CLI and what a good answer looks like. */
export interface CliCase {
    name: string;
    /** Arguments of `segment`, run in the case folder. */
    args: string[];
    /**
     * `error`: exit 1 or 2 with a message matching `mentions`; `warning`: exit 0 with a warning
     * matching `mentions`, or an error that does; `any`: any clear outcome (0, 1 or 2).
     */
    expect: 'error' | 'warning' | 'any';
    mentions?: RegExp;
    /** Text written into a FIFO argument while the CLI runs (a FIFO without a writer never ends, by design). */
    fifo?: { file: string; content: string };
}

const SEGMENT = 'segment fuzzed {\n    name: "Fuzzed"\n    where: person.birthYear > 1900 or xEvent.count() > 0 or select X from xEvent where X.timestamp occurs <= 30 days before now\n}\n';

/** Seeded mutations of the bundled sample's records, run with random flags; each must be accepted or reported by line. */
export function dataCases(folder: string, root: string, count: number, random: Random): CliCase[] {
    const sample = readFileSync(path.join(root, 'examples/sample-profiles.jsonl'), 'utf8').split('\n').filter(Boolean).slice(1, 13);
    writeFileSync(path.join(folder, 'fuzzed.segment'), SEGMENT);
    return Array.from({ length: count }, (_, i) => {
        const lines = [...sample];
        const at = random.int(0, lines.length - 1);
        const mutation = mutateRecord(lines[at], random);
        lines[at] = mutation.line;
        const file = `data-${i}.jsonl`;
        writeFileSync(path.join(folder, file), `${lines.join('\n')}\n`);
        const skip = random.chance(0.3);
        const args = ['run', 'fuzzed.segment', '--data', file, ...(skip ? ['--skip-invalid'] : []), ...(random.chance(0.3) ? ['--format', 'json'] : [])];
        const name = `run --data: ${mutation.what} on line ${at + 1}${skip ? ' (--skip-invalid)' : ''}`;
        return mutation.json || skip
            ? { name, args, expect: 'any' as const }
            : { name, args, expect: 'error' as const, mentions: lineOf(file, at + 1) };
    });
}

/** A message naming the line of a file: `line 12` or `file.jsonl:12:`. */
function lineOf(file: string, line?: number): RegExp {
    const number = line === undefined ? '\\d+' : String(line);
    return new RegExp(`line ${number}\\b|${file.replace(/\./gu, '\\.')}:${number}\\b`, 'u');
}

/** Hostile files and special files given to `run --data`, `import` and `check`. */
export function fixedCases(folder: string, root: string, random: Random): CliCase[] {
    const write = (name: string, content: string | Buffer) => writeFileSync(path.join(folder, name), content);
    const sampleLine = readFileSync(path.join(root, 'examples/sample-profiles.jsonl'), 'utf8').split('\n')[1];
    writeFileSync(path.join(folder, 'fuzzed.segment'), SEGMENT);
    write('binary.jsonl', Buffer.from(Array.from({ length: 4096 }, () => random.int(0, 255))));
    write('bom.jsonl', `\uFEFF${sampleLine}\n`);
    write('empty.jsonl', '');
    write('nul.jsonl', `${sampleLine}\n\0\0\0\n`);
    write('events-deep.jsonl', `{"_id":"deep","xEvent":${'['.repeat(5000)}${']'.repeat(5000)}}\n`);
    write('truncated.json', `[${sampleLine},`);
    write('dupes.jsonl', `${sampleLine}\n${sampleLine}\n`);
    write('unsafe.jsonl', '{"_id":"big","person":{"birthYear":9007199254740993}}\n');
    write('epoch.jsonl', '{"_id":"epoch","xEvent":[{"timestamp":1764000000,"eventType":"search"}]}\n');
    write('feb30.jsonl', '{"_id":"feb30","xEvent":[{"timestamp":"2026-02-30T10:00:00Z","eventType":"search"}]}\n');
    mkdirSync(path.join(folder, 'empty-folder'));
    symlinkSync('loop-b', path.join(folder, 'loop-a'));
    symlinkSync('loop-a', path.join(folder, 'loop-b'));
    const cases: CliCase[] = [
        { name: 'run --data /dev/zero', args: ['run', 'fuzzed.segment', '--data', '/dev/zero'], expect: 'error', mentions: /\/dev\/zero/u },
        { name: 'run --data binary', args: ['run', 'fuzzed.segment', '--data', 'binary.jsonl'], expect: 'error', mentions: lineOf('binary.jsonl') },
        { name: 'run --data with a BOM', args: ['run', 'fuzzed.segment', '--data', 'bom.jsonl'], expect: 'any' },
        { name: 'run --data empty file', args: ['run', 'fuzzed.segment', '--data', 'empty.jsonl'], expect: 'any' },
        { name: 'run --data raw NUL line', args: ['run', 'fuzzed.segment', '--data', 'nul.jsonl'], expect: 'error', mentions: lineOf('nul.jsonl', 2) },
        { name: 'run --data events 5,000 arrays deep', args: ['run', 'fuzzed.segment', '--data', 'events-deep.jsonl'], expect: 'error', mentions: lineOf('events-deep.jsonl', 1) },
        { name: 'run --data events 5,000 arrays deep --skip-invalid', args: ['run', 'fuzzed.segment', '--data', 'events-deep.jsonl', '--skip-invalid'], expect: 'any' },
        { name: 'run --data truncated JSON array', args: ['run', 'fuzzed.segment', '--data', 'truncated.json'], expect: 'error', mentions: /truncated\.json|line|end/u },
        { name: 'run --data duplicate ids', args: ['run', 'fuzzed.segment', '--data', 'dupes.jsonl'], expect: 'warning', mentions: /duplicate/iu },
        { name: 'run --data integer beyond 2^53', args: ['run', 'fuzzed.segment', '--data', 'unsafe.jsonl'], expect: 'warning', mentions: /integer|2\^53|precision/iu },
        { name: 'run --data epoch seconds', args: ['run', 'fuzzed.segment', '--data', 'epoch.jsonl'], expect: 'warning', mentions: /1970|epoch|before 1990|seconds/iu },
        { name: 'run --data February 30', args: ['run', 'fuzzed.segment', '--data', 'feb30.jsonl'], expect: 'warning', mentions: /timestamp|date/iu },
        { name: 'run --data empty folder', args: ['run', 'fuzzed.segment', '--data', 'empty-folder'], expect: 'any' },
        { name: 'run --data symlink loop', args: ['run', 'fuzzed.segment', '--data', 'loop-a'], expect: 'error', mentions: /loop-a/u },
        ...importCases(folder, write),
        ...checkCases(folder, root, write),
    ];
    if (process.platform !== 'win32') {
        execFileSync('mkfifo', [path.join(folder, 'data.fifo')]);
        cases.push({ name: 'run --data a FIFO', args: ['run', 'fuzzed.segment', '--data', 'data.fifo'], expect: 'any', fifo: { file: 'data.fifo', content: `${sampleLine}\n` } });
    }
    return cases;
}

function importCases(folder: string, write: (name: string, content: string | Buffer) => void): CliCase[] {
    const definition = (fields: Record<string, unknown>) => JSON.stringify({ name: 'Imported', expression: { type: 'PQL', format: 'pql/text', value: 'person.birthYear > 1' }, ...fields });
    const payloads: Array<[string, string | Buffer, 'error' | 'any', RegExp?]> = [
        ['injected segment', definition({ expression: { type: 'PQL', format: 'pql/text', value: 'true } segment evil2 { name: "Evil2" where: true' } }), 'error', /Imported|evil|condition/iu],
        ['comment injection', definition({ expression: { type: 'PQL', format: 'pql/text', value: 'person.birthYear > 1 // and homeAddress.countryCode = "US"' } }), 'any'],
        ['name a number', definition({ name: 42 }), 'error', /name/u],
        ['description an object', definition({ description: { a: 1 } }), 'error', /description/u],
        ['expression not an object', definition({ expression: 'true' }), 'error', /expression/u],
        ['NUL in the name', definition({ name: 'a\u0000b' }), 'any'],
        ['deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'error', /payload|definition|nothing|no /iu],
        ['BOM', `\uFEFF${definition({})}`, 'any'],
        ['binary', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)), 'error', /payload\.json|JSON/u],
        ['prototype keys', '{"__proto__":{"name":"x"},"constructor":1,"name":"P","expression":{"type":"PQL","format":"pql/text","value":"true"}}', 'any'],
        ['5,000-deep expression', definition({ expression: { type: 'PQL', format: 'pql/text', value: `${'('.repeat(5000)}true${')'.repeat(5000)}` } }), 'error', /Imported|deep|nest/iu],
    ];
    return payloads.map(([what, content, expect, mentions], i) => {
        write(`payload-${i}.json`, content);
        return { name: `import: ${what}`, args: ['import', `payload-${i}.json`, '--out', `imported-${i}`], expect, mentions };
    });
}

function checkCases(folder: string, root: string, write: (name: string, content: string | Buffer) => void): CliCase[] {
    // Each project in a folder of its own, so that a link to `..` reaches no other case's files.
    const project = (name: string) => {
        const inner = path.join(name, 'project');
        mkdirSync(path.join(folder, inner), { recursive: true });
        copyFileSync(path.join(root, 'examples/sneakers.segment'), path.join(folder, inner, 'sneakers.segment'));
        return inner;
    };
    const cases: CliCase[] = [];
    symlinkSync('..', path.join(folder, project('uploop'), 'up'));
    cases.push({ name: 'check: a symlink loop (a/up -> ..)', args: ['check', 'uploop/project'], expect: 'any' });
    symlinkSync('.', path.join(folder, project('selflink'), 'me'));
    cases.push({ name: 'check: a symlink to its own folder', args: ['check', 'selflink/project'], expect: 'any' });
    write(path.join(project('binary'), 'x.segment'), Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 31) % 256)));
    cases.push({ name: 'check: a binary .segment file', args: ['check', 'binary/project'], expect: 'error', mentions: /x\.segment/u });
    write(path.join(project('nul'), 'nul.segment'), 'segment a {\n    where: person.\0birthYear > 1\n}\n');
    cases.push({ name: 'check: NUL in a .segment file', args: ['check', 'nul/project'], expect: 'error', mentions: /nul\.segment/u });
    write(path.join(project('bom'), 'bom.segment'), '\uFEFFsegment a {\n    where: person.birthYear > 1\n}\n');
    cases.push({ name: 'check: a .segment file with a BOM', args: ['check', 'bom/project'], expect: 'any' });
    write(path.join(project('protoconfig'), 'segment.config.json'), '{"__proto__":"x","constructor":"y","toString":"z"}');
    cases.push({ name: 'check: config keys __proto__, constructor', args: ['check', 'protoconfig/project'], expect: 'error', mentions: /__proto__|constructor|toString/u });
    write(path.join(project('dirschema'), 'segment.config.json'), '{"schema":"."}');
    cases.push({ name: 'check: a folder as the schema', args: ['check', 'dirschema/project'], expect: 'error', mentions: /folder|directory/iu });
    write(path.join(project('bombschema'), 'segment.config.json'), '{"schema":"bomb.schema.json"}');
    write(path.join('bombschema/project', 'bomb.schema.json'), JSON.stringify(refBomb(BOMB_LEVELS, BOMB_FAN_OUT)));
    cases.push({ name: 'check: a $ref-bomb schema', args: ['check', 'bombschema/project'], expect: 'error', mentions: /bomb\.schema\.json|schema/iu });
    // 600 MB, more than V8's longest string; sparse, so it costs no disk.
    write(path.join(project('huge'), 'huge.segment'), '');
    truncateSync(path.join(folder, 'huge/project/huge.segment'), 600 * 1024 * 1024);
    cases.push({ name: 'check: a 600 MB .segment file', args: ['check', 'huge/project'], expect: 'error', mentions: /huge\.segment.*too-large/u });
    // The run reads its neighbours for inSegment references: the huge one must not end it (it did, in a RangeError).
    cases.push({ name: 'run: a 600 MB .segment file beside the one run', args: ['run', 'huge/project/sneakers.segment'], expect: 'any' });
    if (process.platform !== 'win32') {
        execFileSync('mkfifo', [path.join(folder, project('fifo'), 'x.segment')]);
        cases.push({ name: 'check: a FIFO named x.segment', args: ['check', 'fifo/project'], expect: 'any' });
        write(path.join(project('unreadable'), 'locked.segment'), 'segment locked { where: true }\n');
        chmodSync(path.join(folder, 'unreadable/project', 'locked.segment'), 0);
        // As root, the file stays readable: then it is an ordinary file.
        cases.push({ name: 'check: an unreadable .segment file', args: ['check', 'unreadable/project'], expect: process.getuid?.() === 0 ? 'any' : 'error', mentions: /locked\.segment/u });
    }
    return cases;
}
