import { describe, expect, test } from 'vitest';
import type { CliCase } from './cli-cases.js';
import { judge } from './cli-fuzz.js';

const run = (status: number | null, output: string, extra: { signal?: string; timedOut?: boolean } = {}) =>
    ({ status, output, signal: extra.signal ?? null, timedOut: extra.timedOut ?? false });

const bad: CliCase = { name: 'bad data', args: ['run', 'x.segment', '--data', 'bad.jsonl'], expect: 'error', mentions: /bad\.jsonl:3\b/u };
const odd: CliCase = { name: 'odd data', args: ['run', 'x.segment', '--data', 'odd.jsonl'], expect: 'warning', mentions: /duplicate/u };

/** `npm run fuzz -- --cli` judges each hostile case by these rules; each rule can fail a case. */
describe('the CLI fuzzer tells a clear answer from a bad one', () => {
    test('an error naming the line is a clear answer', () => {
        expect(judge(bad, run(2, 'segment run: bad.jsonl:3: malformed JSON'))).toBeUndefined();
    });

    test.each([
        ['a hang', run(null, '', { timedOut: true }), 'hangs'],
        ['a crash by signal', run(null, '', { signal: 'SIGABRT' }), 'crashed'],
        ['an internal error', run(1, 'segment: internal error: TypeError: x is undefined'), 'internal error'],
        ['a stack trace', run(2, 'Error: boom\n    at read (/x/out/cli/main.cjs:10:5)'), 'internal error'],
        ['hostile input accepted', run(0, 'x: 3 of 3 profiles matched'), 'accepted without an error'],
        ['a message that does not name the problem', run(2, 'segment run: something went wrong'), 'does not name the problem'],
    ])('%s is a failure', (_label, outcome, problem) => {
        expect(judge(bad, outcome)).toContain(problem);
    });

    test('suspicious data needs a warning that names it', () => {
        expect(judge(odd, run(0, 'x: 2 of 2 profiles matched'))).toContain('no warning');
        expect(judge(odd, run(0, 'x: 2 of 2 profiles matched\n  warning: duplicate _id "p1" (lines 1 and 2)'))).toBeUndefined();
    });
});
