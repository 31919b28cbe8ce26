import * as path from 'node:path';
import type { SegmentCoverage } from '../../engine/testing/segment-test-coverage.js';

function relative(file: string): string {
    return path.relative(process.cwd(), file) || file;
}

/** The 1-based column of a clause's start in its file; the CLI counts code points (docs/cli.md), as `segment check` does. */
export type ColumnOf = (file: string, start: { line: number; character: number }) => number;

/**
 * Per segment its percentage, then each clause: `TF` made true and false, `T-` never false, `-F`
 * never true, `--` neither. `columnOf`: the column of a clause (by default its UTF-16 offset + 1).
 */
export function coverageText(coverage: SegmentCoverage[], columnOf: ColumnOf = (_file, start) => start.character + 1): string {
    const lines = ['Clause coverage (each clause made true and false at least once):'];
    for (const file of [...new Set(coverage.map(c => c.file))]) {
        lines.push(relative(file));
        for (const segment of coverage.filter(c => c.file === file)) {
            lines.push(`  ${segment.segment}: ${segment.covered} of ${segment.clauses.length} clause(s) covered (${segment.percent.toFixed(1)} %), ${segment.tests} test(s)`);
            for (const clause of segment.clauses) {
                const mark = `${clause.whenTrue > 0 ? 'T' : '-'}${clause.whenFalse > 0 ? 'F' : '-'}`;
                const where = clause.range ? `${clause.range.start.line + 1}:${columnOf(file, clause.range.start)}` : '?';
                lines.push(`    ${mark}  ${where.padEnd(7)} ${'  '.repeat(clause.path.split('.').length - 1)}${clause.text}`);
            }
        }
    }
    const clauses = coverage.flatMap(c => c.clauses);
    const covered = clauses.filter(c => c.whenTrue > 0 && c.whenFalse > 0).length;
    lines.push(`Total: ${covered} of ${clauses.length} clause(s) covered (${clauses.length === 0 ? '0.0' : ((100 * covered) / clauses.length).toFixed(1)} %)`);
    return lines.join('\n');
}

/**
 * lcov tracefile: one record per file; every clause is a block with two branches (true, false)
 * whose counts are the clause's outcomes, and its first line a line hit as often as it was tried.
 * genhtml, Coverage Gutters and CI coverage services read it.
 */
export function coverageLcov(coverage: SegmentCoverage[]): string {
    const records: string[] = [];
    for (const file of [...new Set(coverage.map(c => c.file))]) {
        const clauses = coverage.filter(c => c.file === file).flatMap(c => c.clauses).filter(c => c.range);
        const lines = ['TN:', `SF:${file}`];
        const hits = new Map<number, number>();
        clauses.forEach((clause, block) => {
            const line = clause.range!.start.line + 1;
            lines.push(`BRDA:${line},${block},0,${clause.whenTrue}`, `BRDA:${line},${block},1,${clause.whenFalse}`);
            hits.set(line, Math.max(hits.get(line) ?? 0, clause.whenTrue + clause.whenFalse));
        });
        const branchesHit = clauses.reduce((n, c) => n + (c.whenTrue > 0 ? 1 : 0) + (c.whenFalse > 0 ? 1 : 0), 0);
        lines.push(`BRF:${2 * clauses.length}`, `BRH:${branchesHit}`);
        const sorted = [...hits].sort((a, b) => a[0] - b[0]);
        lines.push(...sorted.map(([line, count]) => `DA:${line},${count}`), `LF:${sorted.length}`, `LH:${sorted.filter(([, count]) => count > 0).length}`, 'end_of_record');
        records.push(lines.join('\n'));
    }
    return records.join('\n') + '\n';
}
