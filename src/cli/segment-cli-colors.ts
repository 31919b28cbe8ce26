/**
 * Colour in the CLI's output: on when the stream is a terminal, off when it is piped or when
 * `NO_COLOR` is set (https://no-color.org); `--color` / `--no-color` decide explicitly.
 */

type ColorMode = 'auto' | 'always' | 'never';

let mode: ColorMode = 'auto';

/** Called once by main() from `--color` / `--no-color`. */
export function setColorMode(value: ColorMode): void {
    mode = value;
}

function enabled(stream: { isTTY?: boolean }): boolean {
    if (mode !== 'auto') {
        return mode === 'always';
    }
    return !process.env.NO_COLOR && stream.isTTY === true;
}

const SGR = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

export type Painter = Record<keyof typeof SGR, (text: string) => string>;

/** Functions that wrap text in ANSI colours when `stream` gets colour, and return it unchanged otherwise. */
export function painterFor(stream: { isTTY?: boolean }): Painter {
    const on = enabled(stream);
    const wrap = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
    return Object.fromEntries(Object.entries(SGR).map(([name, code]) => [name, wrap(code)])) as Painter;
}

/** The colour of a severity word: errors red, warnings yellow. */
export function paintSeverity(paint: Painter, severity: string): string {
    return severity === 'error' ? paint.red(severity) : severity === 'warning' ? paint.yellow(severity) : severity;
}
