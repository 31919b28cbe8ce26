// Small statistics and result-record helpers shared by the benchmark suites.

/** One measured figure: every run's value plus the summary printed in the table. */
export interface Sample {
    runs: number[];
    median: number;
    min: number;
    max: number;
}

export function sample(runs: number[]): Sample {
    const sorted = [...runs].sort((a, b) => a - b);
    return { runs, median: median(sorted), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

/** Median of already sorted or unsorted values. */
export function median(values: number[]): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1];
}

/**
 * How a row is judged.
 * `ratio-min`: ratio ≥ value; `ratio-max`: ratio ≤ value; `max`: figure < value; `min`: figure ≥ value.
 */
export interface Target {
    kind: 'ratio-min' | 'ratio-max' | 'max' | 'min';
    value: number;
}

/** One line of the results table. */
export interface Row {
    id: string;
    name: string;
    unit: string;
    /** `higher` for throughputs, `lower` for times and memory. */
    better: 'higher' | 'lower';
    figure: Sample;
    baseline?: { name: string; figure: Sample };
    /** figure / baseline, median over the paired runs (one pair per measured round). */
    ratio?: Sample;
    target?: Target;
    met?: boolean;
    note?: string;
}

export interface SuiteResult {
    suite: string;
    rows: Row[];
    notes: string[];
    skipped?: string;
    /** Extra data a reader may want (sizes, counts, environment). */
    details?: Record<string, unknown>;
}

export function judge(row: Row): Row {
    const t = row.target;
    if (!t) return row;
    const value = t.kind.startsWith('ratio') ? row.ratio?.median : row.figure.median;
    if (value === undefined || Number.isNaN(value)) return { ...row, met: false };
    const met = t.kind === 'ratio-min' || t.kind === 'min' ? value >= t.value : t.kind === 'ratio-max' ? value <= t.value : value < t.value;
    return { ...row, met };
}

/** Ratios of paired runs (figure run i against baseline run i). */
export function pairedRatio(figure: number[], baseline: number[]): Sample {
    return sample(figure.map((f, i) => f / baseline[i]));
}

export function now(): number {
    return performance.now();
}

/** Progress output goes to stderr so stdout stays clean for callers. */
export function log(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
}

export interface CommonArgs {
    smoke: boolean;
    out?: string;
    runs?: number;
    warmups?: number;
}

export function parseCommonArgs(argv: string[]): CommonArgs {
    const args: CommonArgs = { smoke: argv.includes('--smoke') };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split('=', 2);
        const value = inline ?? argv[i + 1];
        if (flag === '--out') args.out = value;
        if (flag === '--runs') args.runs = Number(value);
        if (flag === '--warmups') args.warmups = Number(value);
    }
    return args;
}

export async function writeResult(args: CommonArgs, result: SuiteResult): Promise<void> {
    const text = JSON.stringify(result, null, 2);
    if (args.out) {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(args.out, text);
    } else {
        process.stdout.write(text + '\n');
    }
}
