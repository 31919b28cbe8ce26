import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { commandUsage, COMMANDS, mainUsage } from '../../src/cli/segment-commands.js';

const DOC = 'docs/cli.md';

/** docs/cli.md shows each command's --help output, rendered from the same usage strings the CLI prints. */
function render(): string {
    const lines = [
        '# The `segment` command line',
        '',
        '<!-- Generated from the usage strings in src/cli by `npm run docs`; do not edit by hand. -->',
        '',
        'Install and first steps are in the [README](../README.md#use-the-cli-in-your-own-project);',
        'CI, SARIF and the AEP round trip in [ci.md](ci.md). Every command prints the text below with',
        '`segment <command> --help` (or `-h`, or `segment help <command>`); `segment --version` prints the version.',
        'Errors are one line on stderr; exit code 2 means bad usage or unreadable input.',
        'Positions are `file:line:column`, 1-based; a column counts characters (Unicode code points), so an',
        'emoji or another character outside the Basic Multilingual Plane is one column, and a byte order mark',
        'at the start of a file is not counted. (The language server counts UTF-16 code units, as LSP does.)',
        '',
        '## segment --help',
        '',
        '```',
        mainUsage().trimEnd(),
        '```',
    ];
    for (const [name, command] of COMMANDS) {
        lines.push('', `## segment ${name}`, '', '```', commandUsage(command).trimEnd(), '```');
    }
    return lines.join('\n') + '\n';
}

test('docs/cli.md shows every command\'s --help output (npm run docs regenerates it)', () => {
    const expected = render();
    if (process.env.UPDATE_DOCS) {
        writeFileSync(DOC, expected);
    }
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
});
